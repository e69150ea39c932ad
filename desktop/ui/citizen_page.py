"""The citizen list: search as you type, filters by village and group, and the actions on a person.

The same page, with deleted=True, lists the deleted people and restores them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.citizen_queries import CitizenFilter
from desktop.services.citizens import CitizenError
from desktop.services.desk import Desk
from desktop.ui import messages
from desktop.ui.citizen_dialog import CitizenDialog
from desktop.ui.citizen_model import CitizenTableModel
from desktop.ui.filters import FilterBar
from desktop.ui.highlight import MatchDelegate
from desktop.ui.history_dialog import HistoryDialog
from desktop.ui.widgets import SearchListKeys, make_table

DELETE_REASONS = ["Chuyển đi nơi khác", "Nhập trùng", "Đã mất", "Nhập nhầm"]


class CitizenPage(QWidget):
    changed = Signal()  # the register changed: other views may refresh
    said = Signal(str)  # a line for the status bar ("Đã lưu: …")

    def __init__(self, register: Desk, deleted: bool = False, parent: QWidget | None = None,
                 load: bool = True) -> None:
        super().__init__(parent)
        self._register = register
        self._deleted = deleted

        self.filters = FilterBar(register.office, "Tìm theo họ tên (gõ không dấu cũng được) hoặc số CCCD…   (Ctrl+F)")
        self.search, self.village, self.group = self.filters.search, self.filters.village, self.filters.group
        self._timer = self.filters.timer
        self.count = QLabel()
        self.model = CitizenTableModel(register.citizens, CitizenFilter(deleted=deleted))
        self.table = make_table(self.model, [200, 90, 70, 110, 140, 190, 220, 100])
        self.names = MatchDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.names)
        self.table.doubleClicked.connect(lambda _: self.primary_action())
        self.table.installEventFilter(self)  # Delete
        self.keys = SearchListKeys(self.search, self.table, self._timer, self.apply_filter,
                                   lambda: self.model.total, self.primary_action, self)
        self.filters.changed.connect(self.apply_filter)

        buttons = QHBoxLayout()
        if deleted:
            self.restore_button = QPushButton("Khôi phục vào sổ")
            self.restore_button.clicked.connect(self.restore_selected)
            buttons.addWidget(self.restore_button)
        else:
            self.add_button = QPushButton("Thêm người (Ctrl+N)")
            self.edit_button = QPushButton("Sửa (Enter)")
            self.delete_button = QPushButton("Xoá (Delete)")
            self.add_button.clicked.connect(self.add_citizens)
            self.edit_button.clicked.connect(self.edit_selected)
            self.delete_button.clicked.connect(self.delete_selected)
            for b in (self.add_button, self.edit_button, self.delete_button):
                buttons.addWidget(b)
        self.history_button = QPushButton("Lịch sử thay đổi (Ctrl+H)")
        self.history_button.clicked.connect(self.history_of_selected)
        buttons.addWidget(self.history_button)
        buttons.addStretch()
        buttons.addWidget(self.count)
        QShortcut(QKeySequence("Ctrl+H"), self, self.history_of_selected)
        if deleted:  # in its own window; the main window's Ctrl+N and Ctrl+F serve the register's page
            QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        if load:  # else the caller loads the rows (apply_filter) once the window is on screen
            self.apply_filter()

    # filtering -----------------------------------------------------------------------------------

    def reload_villages(self) -> None:
        self.filters.reload_villages()

    def current_filter(self) -> CitizenFilter:
        return CitizenFilter(self.search.text(), self.village.currentData(), self.group.currentData(),
                             self._deleted)

    def apply_filter(self) -> None:
        self._timer.stop()
        self.names.typed = self.search.text()
        self.model.set_filter(self.current_filter())
        total = self.model.total
        what = "người đã xoá" if self._deleted else "người"
        self.count.setText(f"{_thousands(total)} {what}" if total else "Không tìm thấy ai")
        if total:
            self.table.selectRow(0)

    def refresh(self, keep_id: int | None = None) -> None:
        keep = keep_id if keep_id is not None else self.selected_id()
        self.apply_filter()
        if keep is not None:
            self.select_citizen(keep)

    def focus_search(self) -> None:
        self.keys.focus_search()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def select_citizen(self, citizen_id: int) -> bool:
        row = self.model.row_of(citizen_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row is not None

    # actions -------------------------------------------------------------------------------------

    def primary_action(self) -> None:
        if self._deleted:
            self.history_of_selected()
        else:
            self.edit_selected()

    def add_citizens(self) -> None:
        dialog = self._dialog(None)
        dialog.exec()
        dialog.deleteLater()  # forms opened all day must not pile up in memory
        self.keys.after_dialog(bool(dialog.last_saved))
        if dialog.last_saved:
            self.said.emit(f"Đã lưu: {dialog.last_saved}. Đã nhập {dialog.saved_count} người trong lần này.")

    def edit_selected(self) -> None:
        citizen_id = self.selected_id()
        if citizen_id is not None:
            dialog = self._dialog(citizen_id)
            dialog.exec()
            dialog.deleteLater()
            self.keys.after_dialog(bool(dialog.last_saved))
            if dialog.last_saved:
                self.said.emit(f"Đã lưu: {dialog.last_saved}")

    def _dialog(self, citizen_id: int | None) -> CitizenDialog:
        dialog = CitizenDialog(self._register.citizens, self._register.office.villages(), citizen_id, self)
        dialog.saved.connect(self._after_save)
        dialog.show_citizen.connect(lambda other: self.show_person(other, dialog))
        self.last_dialog = dialog  # tests and the window reach the open form through this
        return dialog

    def _after_save(self, citizen_id: int) -> None:
        self.refresh(citizen_id)
        self.changed.emit()

    def show_person(self, citizen_id: int, parent: QWidget) -> None:
        """The existing person a duplicate warning points to."""
        HistoryDialog(self._register.citizens, citizen_id, parent).exec()

    def delete_selected(self) -> None:
        citizen_id = self.selected_id()
        if citizen_id is None:
            return
        name = self._register.citizens.get(citizen_id).draft.full_name
        reason, ok = QInputDialog.getItem(self, "Xoá khỏi sổ", f"Lý do xoá {name} (vẫn xem và khôi phục được "
                                                              "trong “Người đã xoá”):", DELETE_REASONS, 0, True)
        if ok:
            self._change(lambda: self._register.citizens.delete(citizen_id, reason), "Không xoá được")

    def restore_selected(self) -> None:
        citizen_id = self.selected_id()
        if citizen_id is not None:
            self._change(lambda: self._register.citizens.restore(citizen_id), "Không khôi phục được")

    def _change(self, action: Callable[[], None], failure_title: str) -> None:
        """Run a change; a refusal is shown in Vietnamese, a success refreshes the list."""
        try:
            action()
        except CitizenError as e:
            messages.warn(self, failure_title, str(e))
            return
        self.refresh()
        self.changed.emit()

    def history_of_selected(self) -> None:
        citizen_id = self.selected_id()
        if citizen_id is not None:
            HistoryDialog(self._register.citizens, citizen_id, self).exec()

    # keyboard ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Delete and not self._deleted:
            self.delete_selected()
            return True
        return False

def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")
