"""The proposal list (danh sách đề nghị công nhận) and the recognition decision."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.cycle import Status
from desktop.domain.numbers import vn_int
from desktop.services.desk import Desk
from desktop.services.enrolments import CycleError
from desktop.ui import messages
from desktop.ui.enrolment_page import enrolment_model, sheet_dialog_for
from desktop.ui.filters import SEARCH_PAUSE_MS
from desktop.ui.highlight import MatchDelegate
from desktop.ui.widgets import ErrorLabel, SearchListKeys, make_table, parse_date


class RecognitionPage(QWidget):
    changed = Signal()
    said = Signal(str)

    def __init__(self, register: Desk, year: int, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self._register = register
        self.year = year
        self.village = QComboBox()
        self.village.currentIndexChanged.connect(lambda _: self.refresh())
        self.showing = QComboBox()  # after the decision the clerk wants to see who was recognized
        for status in (Status.PROPOSED, Status.RECOGNIZED, Status.NOT_RECOGNIZED):
            self.showing.addItem({Status.PROPOSED: "Đang đề nghị"}.get(status, status.label), status.value)
        self.showing.currentIndexChanged.connect(lambda _: self.refresh())
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm trong danh sách theo tên hoặc số CCCD…   (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_PAUSE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self.timer.start())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = enrolment_model(register, EnrolmentFilter(year, statuses=(Status.PROPOSED.value,)))
        self.table = make_table(self.model, [210, 70, 140, 190, 160, 80])
        self.names = MatchDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.names)
        self.table.doubleClicked.connect(lambda _: self.open_sheet())
        self.keys = SearchListKeys(self.search, self.table, self.timer, self.refresh, lambda: self.model.total,
                                   self.open_sheet, self)
        self.decisions = QLabel()
        self.decisions.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Danh sách của:"))
        top.addWidget(self.village, 1)
        top.addWidget(self.showing)
        propose = QPushButton("Đưa mọi người đạt vào danh sách")
        propose.clicked.connect(self.propose_all)
        remove = QPushButton("Bỏ người đang chọn khỏi danh sách")
        remove.clicked.connect(self.unpropose_selected)
        decide = QPushButton("Ra quyết định công nhận…")
        decide.setObjectName("primary")
        decide.clicked.connect(self.decide)
        top.addWidget(self.search, 2)
        actions = QHBoxLayout()
        actions.addWidget(propose)
        actions.addWidget(remove)
        actions.addWidget(decide)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.decisions)
        layout.addLayout(actions)
        self.reload_villages(load)

    def reload_villages(self, load: bool = True) -> None:
        self.village.blockSignals(True)
        current = self.village.currentData()
        self.village.clear()
        self.village.addItem("Toàn xã", None)
        for v in self._register.office.villages():
            self.village.addItem(v.name, v.id)
        self.village.setCurrentIndex(max(self.village.findData(current), 0))
        self.village.blockSignals(False)
        if load:
            self.refresh()

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def _filter(self) -> EnrolmentFilter:
        return EnrolmentFilter(self.year, self.search.text(), village_id=self.village.currentData(),
                               statuses=(self.showing.currentData(),))

    def focus_search(self) -> None:
        self.keys.focus_search()

    def open_sheet(self) -> None:
        """Enter on a person: the sheet of the step they are at (the branch's review, or a correction)."""
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row(rows[0].row()) if rows else None
        dialog = sheet_dialog_for(self._register, self.year, row, self) if row is not None else None
        if dialog is None:
            return
        self.last_dialog = dialog
        dialog.exec()
        dialog.deleteLater()
        self.keys.after_dialog(bool(dialog.saved_line))
        if dialog.saved_line:
            self.changed.emit()
            self.said.emit(dialog.saved_line)

    def refresh(self) -> None:
        self.timer.stop()
        self.names.typed = self.search.text()
        self.model.set_filter(self._filter())
        waiting = len(self._register.recognition.candidates(self.year, self.village.currentData()))
        proposed = self._register.enrolments.count(EnrolmentFilter(
            self.year, village_id=self.village.currentData(), statuses=(Status.PROPOSED.value,)))
        self.summary.setText(f"Năm {self.year}: {vn_int(proposed)} người trong danh sách đề nghị; "
                             f"{vn_int(waiting)} người đạt chưa được đưa vào danh sách.")
        lines = [f"Quyết định số {d.number} ngày {d.signed_on:%d/%m/%Y}, {d.signer_title} {d.signer_name} ký: "
                 f"công nhận {vn_int(d.recognized)} người." for d in self._register.recognition.decisions(self.year)]
        self.decisions.setText("\n".join(lines) or f"Năm {self.year} chưa có quyết định công nhận.")

    def show_status(self, status: Status) -> None:
        self.showing.setCurrentIndex(self.showing.findData(status.value))

    def propose_all(self) -> None:
        ids = self._register.recognition.candidates(self.year, self.village.currentData())
        result = self._register.recognition.propose(ids)
        self.show_status(Status.PROPOSED)
        self.refresh()
        self.changed.emit()
        text = f"Đã đưa {vn_int(result.proposed)} người vào danh sách đề nghị."
        if result.refused:
            text += "\n\nKhông đưa được:\n" + "\n".join(result.refused[:20])
        messages.inform(self, "Danh sách đề nghị", text)

    def unpropose_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._register.recognition.unpropose([self.model.row_id(rows[0].row())])
            self.refresh()
            self.changed.emit()

    def decide(self) -> None:
        dialog = DecisionDialog(self._register, self.year, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_status(Status.RECOGNIZED)
            self.refresh()
            self.changed.emit()


class DecisionDialog(QDialog):
    """Number, date and signer of the decision that recognizes everyone on the proposal list."""

    def __init__(self, register: Desk, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._register = register
        self._year = year
        info = register.office.info()
        assert info is not None
        proposed = register.enrolments.count(EnrolmentFilter(year, statuses=(Status.PROPOSED.value,)))
        self.setWindowTitle(f"Quyết định công nhận Công dân học tập năm {year}")
        self.number = QLineEdit()
        self.number.setPlaceholderText(f"ví dụ: 25/{info.decision_symbol}")
        today = date.today()
        self.signed_on = QLineEdit((today if today.year == year else date(year, 11, 20)).strftime("%d/%m/%Y"))
        self.signer_title = QLineEdit(info.signer_title)
        self.signer_name = QLineEdit(info.signer_name)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Số quyết định:", self.number)
        form.addRow("Ngày ký:", self.signed_on)
        form.addRow("Chức danh người ký:", self.signer_title)
        form.addRow("Người ký:", self.signer_name)
        buttons = QDialogButtonBox()
        run = buttons.addButton("Ghi quyết định", QDialogButtonBox.ButtonRole.AcceptRole)
        run.setObjectName("primary")
        run.clicked.connect(self.run)
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(f"Quyết định công nhận {vn_int(proposed)} người trong danh sách đề nghị. Những người đã chấm "
                      "đủ điểm mà chưa đạt sẽ được ghi “không được công nhận” kèm lý do tính từ điểm.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result = None

    def run(self) -> None:
        try:
            signed_on = parse_date(self.signed_on.text())
            self.result = self._register.recognition.record_decision(
                self._year, self.number.text(), signed_on, self.signer_name.text(), self.signer_title.text())
        except (ValueError, CycleError) as e:
            self.error.say(str(e))
            return
        messages.inform(self, "Đã ghi quyết định",
                        f"Quyết định số {self.result.decision.number}: công nhận "
                        f"{vn_int(self.result.decision.recognized)} người; "
                        f"{vn_int(self.result.not_recognized)} người không được công nhận.")
        self.accept()
