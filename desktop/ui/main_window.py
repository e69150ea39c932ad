"""The main window: the citizen register, the year's cycle, proposals and decisions, the year at a
glance; one year selector for all of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
)

from desktop import APP_NAME, PRODUCER, __version__
from desktop.services.desk import Desk
from desktop.services.enrolments import CycleError
from desktop.services.office import OfficeError
from desktop.services.safe_write import write_atomically
from desktop.ui import file_dialogs, messages
from desktop.ui.citizen_page import CitizenPage
from desktop.ui.geometry import fit
from desktop.ui.lazy_tabs import LazyTabs
from desktop.ui.messages import translate_buttons
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.safety import add_backup_menu

# The pages in their tabs (Alt+1 … Alt+5). Only the register's is made at start; each other page, and the
# modules behind it and behind the menus' dialogs, when first used.
CITIZENS, CYCLE, RECOGNITION, DASHBOARD, MODELS = range(5)

FIRST_YEAR = 2021  # the programme runs 2021-2030


class MainWindow(QMainWindow):
    def __init__(self, register: Desk, year: int | None = None, load: bool = True) -> None:
        """load=False: the register's rows are left for the caller to load (citizens.apply_filter()), once the
        window is on screen."""
        super().__init__()
        self.register = register
        info = register.office.info()
        assert info is not None, "the office is set up before the main window opens"
        self.setWindowTitle(f"{PRODUCER} — {info.association_name}")
        fit(self, "cua-so-chinh", 1180, 760)
        self.keeper = PassphraseKeeper()

        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, 2100)
        self.year.setValue(year or date.today().year)
        self.year.setPrefix("Năm ")
        toolbar = self.addToolBar("Năm")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Năm học tập: "))
        toolbar.addWidget(self.year)

        self.citizens = self._joined(CitizenPage(register, load=load))
        self.tabs = LazyTabs()
        self.tabs.add_page("Sổ người dân", lambda: self.citizens)
        self.tabs.add_page("Đăng ký và chấm điểm", self._make_cycle)
        self.tabs.add_page("Đề nghị và quyết định", self._make_recognition)
        self.tabs.add_page("Tổng hợp", self._make_dashboard)
        self.tabs.add_page("Mô hình học tập", self._make_models)
        self.tabs.widget(CITIZENS)
        self.setCentralWidget(self.tabs)
        self.year.valueChanged.connect(self._year_changed)
        self.tabs.currentChanged.connect(self._tab_shown)
        self._stale: set[int] = {1, 2, 3, 4}

        menu = self.menuBar()
        people = menu.addMenu("&Người dân")
        self._action(people, "Thêm người vào sổ…", self.add_people, "Ctrl+N")
        self._action(people, "Đăng ký người đang chọn vào năm học tập", self.register_selected)
        self._action(people, "Người đã xoá…", self.show_deleted)
        people.addSeparator()
        self._action(people, "In giấy tờ…", self.print_documents, "Ctrl+P")
        excel = menu.addMenu("&Excel")
        self._action(excel, "Nhập danh sách người dân từ Excel…", self.import_roster)
        self._action(excel, "Tải tệp Excel mẫu cho chi hội…", self.save_template)
        self._action(excel, "Xuất danh sách đang xem ra Excel…", self.export_current, "Ctrl+E")
        self._action(excel, "Xuất báo cáo năm ra Excel…", self.export_report)
        people.addSeparator()
        self._action(people, "Thoát", self.close, "Ctrl+Q")
        exchange = menu.addMenu("&Trao đổi")
        self._action(exchange, "Khoá của đơn vị…", self.show_keys)
        self._action(exchange, "Gửi tệp lên cấp trên…", self.send_up)
        self._action(exchange, "Kiểm tra giấy công nhận…", self.check_certificate)
        lists = menu.addMenu("&Danh mục")
        self._action(lists, "Thôn, khu phố…", self.edit_villages)
        self._action(lists, "Cơ quan ban hành và người ký…", self.edit_signer)
        self._action(lists, "Thiết lập năm (số người lớn, chỉ tiêu, bộ tiêu chí)…",
                     lambda: self.dashboard.edit_settings())
        self._action(lists, "Đổi cán bộ nhập liệu…", self.change_clerk)
        add_backup_menu(self, register)
        view = menu.addMenu("&Xem")
        self._action(view, "Tìm trong trang đang xem", self.focus_search, "Ctrl+F")
        view.addSeparator()
        for i in range(self.tabs.count()):
            self._action(view, self.tabs.tabText(i), lambda _=False, i=i: self.show_tab(i), f"Alt+{i + 1}")
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")
        about = menu.addMenu("Trợ &giúp")
        self._action(about, "Giới thiệu", self.show_about)

        self.statusBar().setContentsMargins(6, 0, 12, 0)  # its words off the screen's edge when maximized
        self.clerk_label = QLabel()
        self.statusBar().addPermanentWidget(self.clerk_label)
        self.statusBar().showMessage(f"{info.commune_name}, {info.province_name} · dữ liệu: {register.folder}")
        self._show_clerk()
        self.citizens.search.setFocus()  # a name typed at start goes to the register's search

    def _action(self, menu, text: str, slot, shortcut: str | None = None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # the pages, made when first shown -------------------------------------------------------------

    def _joined(self, page):  # noqa: ANN001, ANN202 - a page with changed/said signals
        page.changed.connect(self._mark_stale)
        page.said.connect(lambda line: self.statusBar().showMessage(line, 15_000))
        return page

    def _make_cycle(self):  # noqa: ANN202
        from desktop.ui.enrolment_page import EnrolmentPage

        return self._joined(EnrolmentPage(self.register, self.year.value(), load=False))

    def _make_recognition(self):  # noqa: ANN202
        from desktop.ui.recognition_page import RecognitionPage

        return self._joined(RecognitionPage(self.register, self.year.value(), load=False))

    def _make_dashboard(self):  # noqa: ANN202
        from desktop.ui.dashboard_page import DashboardPage

        return DashboardPage(self.register, self.year.value(), load=False)

    def _make_models(self):  # noqa: ANN202
        from desktop.ui.models_page import ModelsPage

        return self._joined(ModelsPage(self.register, self.year.value(), load=False, keeper=self.keeper))

    @property
    def cycle(self):  # noqa: ANN201 - the year's list (made if not yet)
        return self.tabs.widget(CYCLE)

    @property
    def recognition(self):  # noqa: ANN201
        return self.tabs.widget(RECOGNITION)

    @property
    def dashboard(self):  # noqa: ANN201
        return self.tabs.widget(DASHBOARD)

    @property
    def models(self):  # noqa: ANN201
        return self.tabs.widget(MODELS)

    # keeping the pages in step ---------------------------------------------------------------------

    def _year_changed(self, year: int) -> None:
        for page in self.tabs.built_pages():  # a page made later starts at the year shown then
            if page is not self.citizens:
                page.year = year
        self._stale = {CYCLE, RECOGNITION, DASHBOARD, MODELS}
        self._tab_shown(self.tabs.currentIndex())

    def _mark_stale(self) -> None:
        """A change on one page: the others are refreshed when next shown, not at every keystroke."""
        sender = self.sender()
        self._stale = {i for i in range(self.tabs.count()) if self.tabs.built_page(i) is not sender}

    def _tab_shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            page = self.tabs.widget(index)
            if page is self.citizens:
                self.citizens.refresh()
            else:
                page.set_year(self.year.value())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for page in self.tabs.built_pages():
            if hasattr(page, "keys"):
                page.keys.drop_pending()  # no query after the window (and then the register) is closed
        super().closeEvent(event)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()
        else:
            page.setFocus()

    def focus_search(self) -> None:
        """Ctrl+F: the search of the tab in view; the dashboard has none, so the register's."""
        page = self.tabs.currentWidget()
        if not hasattr(page, "focus_search"):
            self.tabs.setCurrentWidget(self.citizens)
            page = self.citizens
        page.focus_search()

    # menu actions ----------------------------------------------------------------------------------

    def _show_clerk(self) -> None:
        self.clerk_label.setText(f"Cán bộ nhập liệu: {self.register.office.clerk_name()}")

    def add_people(self) -> None:
        """Ctrl+N from any tab: the entry form; afterwards the keyboard is back in the search of the tab in view."""
        self.citizens.add_citizens()
        page = self.tabs.currentWidget()
        if page is not self.citizens and hasattr(page, "focus_search"):
            page.focus_search()

    def register_selected(self) -> None:
        citizen_id = self.citizens.selected_id()
        if citizen_id is None:
            return
        year = self.year.value()
        try:
            added = self.register.enrolments.register([citizen_id], year)
        except CycleError as e:
            messages.warn(self, "Không đăng ký được", str(e))
            return
        name = self.register.citizens.get(citizen_id).draft.full_name
        messages.inform(self, "Đăng ký", f"Đã đăng ký {name} vào năm {year}." if added
                        else f"{name} đã đăng ký năm {year} từ trước (hoặc đã bị xoá khỏi sổ).")
        self._stale = {CYCLE, RECOGNITION, DASHBOARD}

    def show_keys(self) -> None:
        from desktop.ui.keys_dialog import KeysDialog

        KeysDialog(self.register, self.keeper, self).exec()

    def send_up(self) -> None:
        from desktop.ui.exchange_pages import SendDialog

        self.send_dialog = SendDialog(self.register, self.year.value(), self.keeper, self)
        self.send_dialog.exec()

    def check_certificate(self) -> None:
        from desktop.ui.exchange_pages import CheckCertificateDialog

        CheckCertificateDialog(self.register, self).exec()

    def print_documents(self) -> None:
        if self.tabs.currentIndex() == MODELS:  # Ctrl+P on the models' tab: their paper, for the rows chosen
            self.models.print_papers()
            return
        from desktop.ui.print_dialog import PrintDialog

        rows = self.cycle.selected_rows() if self.tabs.currentIndex() == CYCLE else []
        dialog = PrintDialog(self.register, self.year.value(), [(r.id, r.full_name) for r in rows], self,
                             keeper=self.keeper)
        self.print_dialog = dialog
        dialog.exec()

    def import_roster(self) -> None:
        from desktop.ui.roster_dialog import RosterDialog

        dialog = RosterDialog(self.register, self)
        self.roster_dialog = dialog
        dialog.exec()
        if dialog.imported:
            self.citizens.refresh()
            self._stale = {CYCLE, RECOGNITION, DASHBOARD}

    def save_template(self) -> None:
        from desktop.services import exports

        self._save_excel("Lưu tệp mẫu", "danh-sach-nguoi-dan-mau.xlsx", lambda: exports.roster_template(self.register))

    def export_report(self) -> None:
        from desktop.services import exports

        year = self.year.value()
        self._save_excel("Xuất báo cáo năm", f"bao-cao-{year}.xlsx", lambda: exports.year_report(self.register, year))

    def export_current(self) -> None:
        from desktop.services import exports

        page, year = self.tabs.currentIndex(), self.year.value()
        if page == CITIZENS:
            flt = self.citizens.current_filter()
            self._save_excel("Xuất sổ người dân", "so-nguoi-dan.xlsx", lambda: exports.citizen_list(self.register, flt))
        elif page == CYCLE:
            flt = self.cycle.model.filter
            self._save_excel("Xuất danh sách năm", f"nam-{year}.xlsx",
                             lambda: exports.enrolment_list(self.register, flt))
        elif page == RECOGNITION:
            village = self.recognition.village.currentData()
            self._save_excel("Xuất danh sách đề nghị", f"de-nghi-{year}.xlsx",
                             lambda: exports.proposal_list(self.register, year, village))
        else:
            self.export_report()

    def _save_excel(self, title: str, suggested: str, make: Callable[[], bytes]) -> None:
        path = file_dialogs.save_file(self, "excel-out", title, suggested, "Excel (*.xlsx)")
        if path is None:
            return
        name = str(path)
        try:
            write_atomically(path, make())
        except OSError as e:
            messages.warn(self, "Không lưu được", f"Không ghi được {name}: {e.strerror or e}")
            return
        self.statusBar().showMessage(f"Đã lưu {name}", 8000)

    def show_deleted(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Người đã xoá khỏi sổ")
        fit(dialog, "nguoi-da-xoa", 1100, 560)
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
        from desktop.ui.villages_dialog import VillagesDialog

        dialog = VillagesDialog(self.register.office, self)
        dialog.exec()
        if dialog.changed:
            self.citizens.reload_villages()
            self.citizens.refresh()
            if (cycle := self.tabs.built_page(CYCLE)) is not None:
                cycle.filters.reload_villages()
            if (recognition := self.tabs.built_page(RECOGNITION)) is not None:
                recognition.reload_villages()

    def edit_signer(self) -> None:
        from desktop.ui.office_settings_dialog import OfficeSettingsDialog

        OfficeSettingsDialog(self.register.office, self).exec()

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
