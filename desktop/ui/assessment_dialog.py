"""The assessment entry screen: the ten indicators of the person's group in the paper sheet's order and
numbering, one digit field each. Enter goes to the next field and, on the last, saves; the total and
the verdict follow every key."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.scoring import judge
from desktop.services.enrolments import CycleError, EnrolmentService
from desktop.ui import messages
from desktop.ui.geometry import fit
from desktop.ui.widgets import ErrorLabel


class SheetKind(Enum):
    SELF = "Phiếu tự đánh giá"
    REVIEW = "Chi hội xét"
    CORRECTION = "Đính chính điểm sau quyết định"


class ScoreValidator(QValidator):
    """Refuses at the key any text that is not a whole number from 0 to the maximum (QIntValidator lets
    '11' stand as 'intermediate')."""

    def __init__(self, max_points: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._max = max_points

    def validate(self, text: str, pos: int) -> object:
        if text == "":
            return QValidator.State.Intermediate, text, pos
        if text.isdigit() and text.isascii() and int(text) <= self._max and not (len(text) > 1 and text[0] == "0"):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


class ScoreField(QLineEdit):
    """0 to the indicator's maximum, digits only; anything else never reaches the field, and says why."""

    advance = Signal()
    refused = Signal(str)  # why a typed key left the field as it was ("" once a key is taken again)

    def __init__(self, max_points: int, code: str = "") -> None:
        super().__init__()
        self._max, self._code = max_points, code
        self.setValidator(ScoreValidator(max_points, self))
        self.setMaxLength(len(str(max_points)))
        self.setFixedWidth(48)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance.emit()
            return
        before = self.text()
        super().keyPressEvent(event)
        typed = event.text()
        if not typed or not typed.isprintable() or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return
        if self.text() != before:
            self.refused.emit("")
            return
        wanted = before[:self.cursorPosition()] + typed + before[self.cursorPosition():] if not \
            self.hasSelectedText() else typed
        self.refused.emit(f"Chỉ số {self._code}: không nhận “{wanted}” — điểm là số nguyên từ 0 đến {self._max}. "
                          f"Ô vẫn giữ {('“' + before + '”') if before else 'trống'}; xoá rồi gõ lại nếu cần.")

    def value(self) -> int | None:
        return int(self.text()) if self.text().isdigit() else None


class AssessmentDialog(QDialog):
    saved = Signal(int)

    def __init__(self, enrolments: EnrolmentService, enrolment_id: int, kind: SheetKind,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enrolments = enrolments
        self._id = enrolment_id
        self.kind = kind
        sheet = enrolments.sheet(enrolment_id)
        self._version = sheet.version
        self._name = sheet.full_name
        self._indicators, self._rule = sheet.indicators, sheet.rule  # the verdict follows each key without the database
        self.saved_line = ""  # "Đã lưu: name — verdict", for the window's status line
        self.setWindowTitle(f"{kind.value} — {sheet.full_name}")
        fit(self, "phieu-diem", 860, 720)

        head = QLabel(f"<b>{sheet.full_name}</b>, sinh {sheet.birth}, {sheet.village}<br>"
                      f"Nhóm {int(sheet.group)}: {sheet.group.label}<br>"
                      f"<span style='color:#555'>{sheet.criteria_name}. Mỗi chỉ số từ 0 đến 10 điểm; đạt khi tổng "
                      f"từ {sheet.rule.min_total} và không chỉ số nào dưới {sheet.rule.min_each}.</span>")
        head.setWordWrap(True)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.fields: dict[str, ScoreField] = {}
        start = sheet.review_scores if kind is not SheetKind.SELF and sheet.review_scores else sheet.self_scores
        row, current = 0, None
        for indicator in sheet.indicators:
            if indicator.competence != current:
                current = indicator.competence
                title = QLabel(f"<b>{current}. {sheet.competences[current]}</b>")
                title.setWordWrap(True)
                grid.addWidget(title, row, 0, 1, 3)
                row += 1
            text = QLabel(indicator.text)
            text.setWordWrap(True)
            field = ScoreField(indicator.max_points, indicator.code)
            if start and indicator.code in start:
                field.setText(str(start[indicator.code]))
            field.textChanged.connect(self._update)
            field.refused.connect(self._refused)
            self.fields[indicator.code] = field
            grid.addWidget(QLabel(f"<b>{indicator.code}</b>"), row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(field, row, 2)
            row += 1
        codes = list(self.fields)
        for code, nxt in zip(codes, [*codes[1:], None], strict=True):
            self.fields[code].advance.connect(self.save if nxt is None else self.fields[nxt].setFocus)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.note = QLineEdit(sheet.review_note if kind is SheetKind.REVIEW else "")
        self.note.setPlaceholderText({SheetKind.SELF: "Ghi chú (không bắt buộc)",
                                      SheetKind.REVIEW: "Nhận xét của chi hội (không bắt buộc)",
                                      SheetKind.CORRECTION: "Lý do đính chính (bắt buộc)"}[kind])
        self.note.returnPressed.connect(self.save)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.total.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        save = buttons.addButton("Lưu (Enter ở ô cuối)", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("primary")
        close = buttons.addButton("Đóng (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        save.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        if kind is SheetKind.REVIEW and sheet.self_scores:
            prefilled = QLabel("Điểm tự đánh giá đã điền sẵn: giữ nguyên để xác nhận, sửa ô nào thì gõ đè.")
            prefilled.setWordWrap(True)
            layout.addWidget(prefilled)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update()
        self._loaded = (self.scores(), self.note.text())
        self.fields[codes[0]].setFocus()
        self.fields[codes[0]].selectAll()

    def _refused(self, why: str) -> None:
        self.error.say(why or None)

    def _unsaved(self) -> bool:
        return (self.scores(), self.note.text()) != self._loaded

    def reject(self) -> None:  # Esc, Đóng, the window's close button
        if self._unsaved() and not messages.confirm(
                self, "Đóng phiếu chưa lưu?", "Điểm đã gõ trên phiếu này chưa được lưu và sẽ mất nếu đóng.",
                yes="Đóng, không lưu", no="Quay lại phiếu"):
            return
        super().reject()

    def scores(self) -> dict[str, int | None]:
        return {code: f.value() for code, f in self.fields.items()}

    def _update(self) -> None:
        verdict = judge(self._indicators, self._rule, self.scores())
        colour = "#1b5e20" if verdict.passed else ("#b00020" if verdict.complete else "#555")
        self.total.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {colour};")
        self.total.setText(f"Tổng: {verdict.total} điểm — {verdict.text}")

    def save(self) -> None:
        try:
            if self.kind is SheetKind.SELF:
                self._enrolments.record_self(self._id, self.scores(), self._version, self.note.text())
            elif self.kind is SheetKind.REVIEW:
                self._enrolments.record_review(self._id, self.scores(), self.note.text(), self._version)
            else:
                self._enrolments.correct(self._id, self.scores(), self.note.text(), self._version)
        except CycleError as e:
            self.error.say(str(e))
            return
        verdict = judge(self._indicators, self._rule, self.scores())
        self.saved_line = f"Đã lưu: {self._name} — {verdict.text}"
        self.saved.emit(self._id)
        self.accept()


