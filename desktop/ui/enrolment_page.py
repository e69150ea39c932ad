"""The year's cycle: who registered, their step, scores and verdict; the score sheets open from here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.enrolment_queries import EnrolmentFilter, EnrolmentRow
from desktop.domain.cycle import Status
from desktop.domain.digital import DigitalSkill
from desktop.domain.groups import CitizenGroup
from desktop.domain.numbers import vn_int
from desktop.services.desk import Desk
from desktop.services.enrolments import CycleError
from desktop.ui import messages
from desktop.ui.assessment_dialog import AssessmentDialog
from desktop.ui.filters import FilterBar
from desktop.ui.highlight import MatchDelegate
from desktop.ui.paged_model import Column, PagedModel
from desktop.ui.score_sheet import SheetKind, kind_for
from desktop.ui.widgets import ErrorLabel, SearchListKeys, make_table, parse_date

COLUMNS: list[Column[EnrolmentRow]] = [
    Column("Họ và tên", lambda r: r.full_name),
    Column("Năm sinh", lambda r: str(r.birth_year)),
    Column("Thôn/khu phố", lambda r: r.village),
    Column("Nhóm", lambda r: CitizenGroup(r.group).short_label),
    Column("Bước", lambda r: Status(r.status).label),
    Column("Tổng điểm", lambda r: "" if r.total is None else str(r.total), align_right=True),
    Column("Kết quả", lambda r: r.verdict),
]


def enrolment_model(register: Desk, flt: EnrolmentFilter) -> PagedModel[EnrolmentRow, EnrolmentFilter]:
    return PagedModel(COLUMNS, register.enrolments.count,
                      lambda f, offset, limit, total: register.enrolments.page(f, offset, limit, total), flt)


def sheet_kind_for(row: EnrolmentRow) -> SheetKind | None:
    """The sheet of the step a person is at; None once they withdrew."""
    return kind_for(Status(row.status))


def sheet_dialog_for(register: Desk, year: int, row: EnrolmentRow, parent: QWidget,
                     kind: SheetKind | None = None) -> AssessmentDialog | None:
    kind = kind or sheet_kind_for(row)
    if kind is None:
        messages.inform(parent, "Đã rút tên", f"{row.full_name} đã rút tên khỏi năm {year}.")
        return None
    return AssessmentDialog(register.enrolments, row.id, kind, parent)


class EnrolmentPage(QWidget):
    changed = Signal()
    said = Signal(str)  # a line for the status bar

    def __init__(self, register: Desk, year: int, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self._register = register
        self.year = year
        self.filters = FilterBar(register.office, "Tìm người trong năm theo tên hoặc số CCCD…")
        self.status = QComboBox()
        self.status.addItem("Mọi bước", None)
        for s in Status:
            self.status.addItem(s.label, s.value)
        self.filters.add_combo(self.status)
        self.filters.changed.connect(self.apply_filter)
        self.model = enrolment_model(register, EnrolmentFilter(year))
        self.table = make_table(self.model, [210, 70, 140, 190, 160, 80], many=True)
        self.search = self.filters.search
        self.names = MatchDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.names)
        self.table.doubleClicked.connect(lambda _: self.open_sheet())
        self.keys = SearchListKeys(self.search, self.table, self.filters.timer, self.apply_filter,
                                   lambda: self.model.total, self.open_sheet, self)
        self.count = QLabel()

        buttons, more = QHBoxLayout(), QHBoxLayout()  # two rows: the window keeps fitting a small screen
        for row, actions in ((buttons, (("Đăng ký cả xã, thôn, nhóm…", self.register_many),
                                        ("Tự đánh giá (Enter)", lambda: self.open_sheet(SheetKind.SELF)),
                                        ("Chi hội xét (Ctrl+R)", lambda: self.open_sheet(SheetKind.REVIEW)),
                                        ("Đính chính…", lambda: self.open_sheet(SheetKind.CORRECTION)))),
                             (more, (("Rút tên…", self.withdraw), ("Khôi phục", self.reinstate),
                                     ("Kỹ năng số…", self.confirm_digital)))):
            for text, slot in actions:
                button = QPushButton(text)
                button.clicked.connect(slot)
                row.addWidget(button)
            row.addStretch()
        QShortcut(QKeySequence("Ctrl+R"), self, lambda: self.open_sheet(SheetKind.REVIEW))
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_label.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        head = QHBoxLayout()  # the count beside the year's plan, leaving the search its width
        head.addWidget(self.plan_label, 1)
        head.addWidget(self.count)
        layout.addLayout(head)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(more)
        if load:
            self.apply_filter()

    def focus_search(self) -> None:
        self.keys.focus_search()

    def set_year(self, year: int) -> None:
        self.year = year
        self.apply_filter()

    def apply_filter(self) -> None:
        self.filters.timer.stop()
        f = self.filters
        status = self.status.currentData()
        self.names.typed = f.search.text()
        self.model.set_filter(EnrolmentFilter(self.year, f.search.text(), f.village.currentData(),
                                              f.group.currentData(), (status,) if status else ()))
        total = self.model.total
        text = f"{vn_int(total)} người" if total else "Chưa có ai"
        if total and not status:  # the dashboard counts the registered without those who withdrew
            withdrawn = self._register.enrolments.count(dataclasses.replace(
                self.model.filter, statuses=(Status.WITHDRAWN.value,)))
            if withdrawn:
                text += f" ({vn_int(withdrawn)} đã rút tên, không tính vào Tổng hợp)"
        self.count.setText(text)
        plan = self._register.enrolments.plan(self.year)
        review = "chi hội xét là một bước riêng" if plan.review_required else "không có bước chi hội xét riêng"
        self.plan_label.setText(f"Năm {self.year}: {plan.criteria_name}; {review}.")
        if total:
            self.table.selectRow(0)

    def selected(self) -> EnrolmentRow | None:
        """The row the cursor is on (of a selection, the one the clerk acts on)."""
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            return self.model.row(current.row())
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def selected_rows(self) -> list[EnrolmentRow]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [r for r in (self.model.row(i) for i in rows) if r is not None]

    def refresh(self) -> None:
        keep = self.selected()
        self.apply_filter()
        if keep is not None:
            row = self.model.row_of(keep.id)
            if row is not None:
                self.table.selectRow(row)
        self.changed.emit()

    # actions ---------------------------------------------------------------------------------------

    def sheet_dialog(self, kind: SheetKind | None = None) -> AssessmentDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = sheet_dialog_for(self._register, self.year, row, self, kind)
        if dialog is not None:
            self.last_dialog = dialog
        return dialog

    def open_sheet(self, kind: SheetKind | None = None) -> None:
        dialog = self.sheet_dialog(kind)
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()  # a day of sheets must not pile up in memory
            self.keys.after_dialog(bool(dialog.saved_line))  # the search emptied for the next sheet
            if dialog.saved_line:
                self.said.emit(dialog.saved_line)
                self.changed.emit()

    def register_many(self) -> None:
        RegisterDialog(self._register, self.year, self).exec()
        self.refresh()

    def withdraw(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, "Rút tên", f"Lý do {row.full_name} rút tên khỏi năm {self.year}:")
        if ok:
            self._do(lambda: self._register.enrolments.withdraw(row.id, reason))

    def reinstate(self) -> None:
        row = self.selected()
        if row is not None:
            self._do(lambda: self._register.enrolments.reinstate(row.id))

    def confirm_digital(self) -> None:
        """677 counts the title holders' digital skills: the sheet proposes a level, the clerk confirms it."""
        row = self.selected()
        if row is None:
            return
        current, confirmed = self._register.enrolments.digital_of(row.id)
        levels = list(DigitalSkill)
        said = "" if current is None else (f"Đã xác nhận: {current.label}." if confirmed
                                           else f"Đề xuất theo điểm chỉ số kỹ năng số: {current.label}.")
        label, ok = QInputDialog.getItem(self, "Kỹ năng số", f"Kỹ năng số của {row.full_name}. {said}",
                                         [lv.label for lv in levels], levels.index(current) if current else 0, False)
        if ok:
            chosen = next(lv for lv in levels if lv.label == label)
            self._do(lambda: self._register.enrolments.set_digital(row.id, chosen))

    def _do(self, action: Callable[[], None]) -> None:
        try:
            action()
        except CycleError as e:
            messages.warn(self, "Không thực hiện được", str(e))
            return
        self.refresh()



class RegisterDialog(QDialog):
    """Register a whole village, a group, or the commune for the year, on a registration date."""

    def __init__(self, register: Desk, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._register = register
        self._year = year
        self.setWindowTitle(f"Đăng ký Công dân học tập năm {year}")
        self.village = QComboBox()
        self.village.addItem("Cả xã", None)
        for v in register.office.villages():
            self.village.addItem(v.name, v.id)
        self.group = QComboBox()
        self.group.addItem("Mọi nhóm", None)
        for g in CitizenGroup:
            self.group.addItem(f"Nhóm {int(g)}: {g.short_label}", int(g))
        today = date.today()
        self.on = QLineEdit((today if today.year == year else date(year, 1, 15)).strftime("%d/%m/%Y"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Thôn/khu phố:", self.village)
        form.addRow("Nhóm đối tượng:", self.group)
        form.addRow("Ngày đăng ký:", self.on)
        buttons = QDialogButtonBox()
        run = buttons.addButton("Đăng ký", QDialogButtonBox.ButtonRole.AcceptRole)
        run.setObjectName("primary")
        run.clicked.connect(self.run)
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Người đã đăng ký năm này được bỏ qua; người đã xoá khỏi sổ không được đăng ký."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.done_count: int | None = None

    def run(self) -> None:
        try:
            on = parse_date(self.on.text())
            self.done_count = self._register.enrolments.register_all(
                self._year, self.village.currentData(), self.group.currentData(), on)
        except (ValueError, CycleError) as e:
            self.error.say(str(e))
            return
        messages.inform(self, "Đã đăng ký", f"Đã đăng ký thêm {vn_int(self.done_count)} người cho năm {self._year}.")
        self.accept()
