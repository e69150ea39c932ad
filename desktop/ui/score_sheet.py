"""The score sheet every assessed subject shares — a citizen against the ten indicators of their group, a
household, clan, village or unit against its model's criteria: one digit field a line in the paper sheet's
order and numbering, Enter to the next field and on the last one Save, the total and the verdict after every
key, a refused key explained, Esc asking before typed scores are lost, and the version read sent with the save
(a sheet saved elsewhere meanwhile is refused, not overwritten)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

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

from desktop.domain.cycle import Status
from desktop.domain.scoring import Verdict
from desktop.ui import messages
from desktop.ui.geometry import fit
from desktop.ui.widgets import ErrorLabel


class SheetKind(Enum):
    SELF = "Phiếu tự đánh giá"
    REVIEW = "Chi hội xét"
    CORRECTION = "Đính chính điểm sau quyết định"


def kind_for(status: Status) -> SheetKind | None:
    """The sheet of the step a subject is at; None once it withdrew."""
    if status in (Status.REGISTERED, Status.SELF_ASSESSED):
        return SheetKind.SELF
    if status in (Status.REVIEWED, Status.PROPOSED):
        return SheetKind.REVIEW
    if status.decided:
        return SheetKind.CORRECTION
    return None


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
    """0 to the item's maximum, digits only; anything else never reaches the field, and says why."""

    advance = Signal()
    refused = Signal(str)  # why a typed key left the field as it was ("" once a key is taken again)

    def __init__(self, max_points: int, code: str = "", noun: str = "Chỉ số") -> None:
        super().__init__()
        self._max, self._code, self._noun = max_points, code, noun
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
        self.refused.emit(f"{self._noun} {self._code}: không nhận “{wanted}” — điểm là số nguyên từ 0 đến {self._max}. "
                          f"Ô vẫn giữ {('“' + before + '”') if before else 'trống'}; xoá rồi gõ lại nếu cần.")

    def value(self) -> int | None:
        return int(self.text()) if self.text().isdigit() else None


class Scoring(Protocol):
    """What a cycle offers a sheet: the citizens' (EnrolmentService) and each model's (ModelCycleService)."""

    def record_self(self, enrolment_id: int, scores: Mapping[str, int | None], expected_version: int | None = None,
                    note: str = "") -> object: ...

    def record_review(self, enrolment_id: int, scores: Mapping[str, int | None] | None, note: str = "",
                      expected_version: int | None = None) -> object: ...

    def correct(self, enrolment_id: int, scores: Mapping[str, int | None], reason: str,
                expected_version: int | None = None) -> object: ...


def saver(cycle: Scoring, enrolment_id: int, kind: SheetKind, version: int) -> Callable[[dict[str, int | None], str],
                                                                                        object]:
    """The save of a sheet of this kind, with the version it was read at."""
    def save(scores: dict[str, int | None], note: str) -> object:
        if kind is SheetKind.SELF:
            return cycle.record_self(enrolment_id, scores, version, note)
        if kind is SheetKind.REVIEW:
            return cycle.record_review(enrolment_id, scores, note, version)
        return cycle.correct(enrolment_id, scores, note, version)
    return save


@dataclass(frozen=True)
class SheetLine:
    """One line of the sheet: its code and wording as printed, the most it can score and, where the set asks
    for one, the least it must score (shown beside the field)."""

    code: str
    text: str
    max_points: int
    heading: str = ""  # a title above the line (a competence), when it starts one
    min_points: int | None = None


@dataclass
class SheetSpec:
    """What one sheet shows and how it is saved: `save(scores, note)` raises `refusals` with the clerk's words."""

    title: str
    head: str  # rich text above the lines: whose sheet, the set and its rule
    lines: list[SheetLine]
    start: Mapping[str, int] | None
    judge: Callable[[Mapping[str, int | None]], Verdict]
    save: Callable[[dict[str, int | None], str], object]
    name: str  # whose sheet, for the status line after a save
    kind: SheetKind
    note: str = ""
    noun: str = "Chỉ số"
    prefilled: str = ""  # said above the lines when the review starts from the self-assessment
    refusals: tuple[type[Exception], ...] = (ValueError,)
    geometry: str = "phieu-diem"
    note_hints: dict[SheetKind, str] = field(default_factory=lambda: {
        SheetKind.SELF: "Ghi chú (không bắt buộc)", SheetKind.REVIEW: "Nhận xét của chi hội (không bắt buộc)",
        SheetKind.CORRECTION: "Lý do đính chính (bắt buộc)"})


class ScoreSheetDialog(QDialog):
    saved = Signal()

    def __init__(self, spec: SheetSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.kind = spec.kind
        self.saved_line = ""  # "Đã lưu: name — verdict", for the window's status line
        self.setWindowTitle(spec.title)
        fit(self, spec.geometry, 860, 720)

        head = QLabel(spec.head)
        head.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.fields: dict[str, ScoreField] = {}
        row = 0
        for line in spec.lines:
            if line.heading:
                title = QLabel(f"<b>{line.heading}</b>")
                title.setWordWrap(True)
                grid.addWidget(title, row, 0, 1, 4)
                row += 1
            text = QLabel(line.text)
            text.setWordWrap(True)
            box = ScoreField(line.max_points, line.code, spec.noun)
            if spec.start and line.code in spec.start:
                box.setText(str(spec.start[line.code]))
            box.textChanged.connect(self._update)
            box.refused.connect(self._refused)
            self.fields[line.code] = box
            bounds = f"0–{line.max_points}" + (f", phải đạt từ {line.min_points}" if line.min_points else "")
            grid.addWidget(QLabel(f"<b>{line.code}</b>"), row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(box, row, 2)
            grid.addWidget(QLabel(f"<span style='color:#555'>({bounds})</span>"), row, 3)
            row += 1
        codes = list(self.fields)
        for code, nxt in zip(codes, [*codes[1:], None], strict=True):
            # the next field selected, as Tab leaves it: a digit typed replaces what stands ("gõ đè")
            self.fields[code].advance.connect(self.save if nxt is None else
                                              lambda f=self.fields[nxt]: (f.setFocus(), f.selectAll()))
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.note = QLineEdit(spec.note)
        self.note.setPlaceholderText(spec.note_hints[spec.kind])
        self.note.returnPressed.connect(self.save)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.total.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        save = buttons.addButton("Lưu (Enter ở ô cuối)", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("primary")
        close = buttons.addButton("Đóng (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(lambda: self.save())
        close.clicked.connect(lambda: self.reject())
        save.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        if spec.prefilled:
            prefilled = QLabel(spec.prefilled)
            prefilled.setWordWrap(True)
            layout.addWidget(prefilled)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update()
        self._loaded = (self.scores(), self.note.text())
        if codes:
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
        verdict = self.spec.judge(self.scores())
        colour = "#1b5e20" if verdict.passed else ("#b00020" if verdict.complete else "#555")
        self.total.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {colour};")
        self.total.setText(f"Tổng: {verdict.total} điểm — {verdict.text}")

    def save(self) -> None:
        try:
            self.spec.save(self.scores(), self.note.text())
        except self.spec.refusals as e:
            self.error.say(str(e))
            if self.kind is SheetKind.CORRECTION and not self.note.text().strip():
                self.note.setFocus()  # what is missing is the reason: the keyboard goes there
            return
        self.saved_line = f"Đã lưu: {self.spec.name} — {self.spec.judge(self.scores()).text}"
        self.saved.emit()
        self.accept()
