"""The main window: the citizen register, with menus for villages, deleted people and the office."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QLabel, QMainWindow, QVBoxLayout

from desktop import APP_NAME, __version__
from desktop.services.office import OfficeError
from desktop.services.register import Register
from desktop.ui import messages
from desktop.ui.citizen_page import CitizenPage
from desktop.ui.messages import translate_buttons
from desktop.ui.villages_dialog import VillagesDialog


class MainWindow(QMainWindow):
    def __init__(self, register: Register) -> None:
        super().__init__()
        self.register = register
        info = register.office.info()
        assert info is not None, "the office is set up before the main window opens"
        self.setWindowTitle(f"{APP_NAME} — {info.association_name}")
        self.resize(1180, 720)
        self.citizens = CitizenPage(register)
        self.setCentralWidget(self.citizens)

        menu = self.menuBar()
        people = menu.addMenu("&Người dân")
        self._action(people, "Thêm người vào sổ…", self.citizens.add_citizens, "Ctrl+N")
        self._action(people, "Người đã xoá…", self.show_deleted)
        people.addSeparator()
        self._action(people, "Thoát", self.close, "Ctrl+Q")
        lists = menu.addMenu("&Danh mục")
        self._action(lists, "Thôn, khu phố…", self.edit_villages)
        self._action(lists, "Đổi cán bộ nhập liệu…", self.change_clerk)
        about = menu.addMenu("&Trợ giúp")
        self._action(about, "Giới thiệu", self.show_about)

        self.clerk_label = QLabel()
        self.statusBar().addPermanentWidget(self.clerk_label)
        self.statusBar().showMessage(f"{info.commune_name}, {info.province_name} · dữ liệu: {register.folder}")
        self._show_clerk()

    def _action(self, menu, text: str, slot, shortcut: str | None = None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _show_clerk(self) -> None:
        self.clerk_label.setText(f"Cán bộ nhập liệu: {self.register.office.clerk_name()}")

    def show_deleted(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Người đã xoá khỏi sổ")
        dialog.resize(1100, 560)
        page = CitizenPage(self.register, deleted=True, parent=dialog)
        page.changed.connect(self.citizens.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(buttons)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(page)
        layout.addWidget(buttons)
        self.deleted_page = page
        dialog.exec()

    def edit_villages(self) -> None:
        dialog = VillagesDialog(self.register.office, self)
        dialog.exec()
        if dialog.changed:
            self.citizens.reload_villages()
            self.citizens.refresh()

    def change_clerk(self) -> None:
        name, ok = QInputDialog.getText(self, "Đổi cán bộ nhập liệu", "Họ và tên người nhập liệu từ bây giờ:",
                                        text=self.register.office.clerk_name())
        if not ok:
            return
        try:
            self.register.office.set_clerk(self.register.office.clerk_name(), name)
        except OfficeError as e:
            messages.warn(self, "Không đổi được", str(e))
        self._show_clerk()

    def show_about(self) -> None:
        messages.inform(self, "Giới thiệu", f"{APP_NAME} {__version__}\n\nSổ quản lý mô hình “Công dân học tập” "
                                            "cho Hội Khuyến học xã, phường.\n\n"
                                            f"Dữ liệu: {self.register.folder}")


