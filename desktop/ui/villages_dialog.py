"""The office's villages (thôn, ấp, bản, khu phố...): add, rename, remove an empty one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.office import OfficeError, OfficeService
from desktop.ui import messages
from desktop.ui.geometry import fit


class VillagesDialog(QDialog):
    def __init__(self, office: OfficeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office = office
        self.changed = False
        self.setWindowTitle("Danh sách thôn, khu phố")
        fit(self, "thon", 460, 420)
        self.list = QListWidget()
        add = QPushButton("Thêm…")
        rename = QPushButton("Đổi tên…")
        remove = QPushButton("Xoá")
        close = QPushButton("Đóng")
        close.setObjectName("primary")
        add.clicked.connect(self.add)
        rename.clicked.connect(self.rename)
        remove.clicked.connect(self.remove)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (add, rename, remove):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for v in self._office.villages(with_counts=True):
            item = QListWidgetItem(f"{v.name}  ({v.citizens} người)")
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, v.name)
            self.list.addItem(item)

    def _selected(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "Thêm thôn/khu phố", "Tên (ví dụ: Thôn Phú Lập, Khu phố 3):")
        if ok:
            self._do(lambda: self._office.add_village(self._office.clerk_name(), name))

    def rename(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        name, ok = QInputDialog.getText(self, "Đổi tên thôn/khu phố", "Tên mới:", text=chosen[1])
        if ok:
            self._do(lambda: self._office.rename_village(self._office.clerk_name(), chosen[0], name))

    def remove(self) -> None:
        chosen = self._selected()
        if chosen is not None and messages.confirm(self, "Xoá thôn/khu phố", f"Xoá {chosen[1]} khỏi danh sách?"):
            self._do(lambda: self._office.remove_village(self._office.clerk_name(), chosen[0]))

    def _do(self, action) -> None:  # noqa: ANN001
        try:
            action()
        except OfficeError as e:
            messages.warn(self, "Không thực hiện được", str(e))
            return
        self.changed = True
        self.reload()
