"""The entry form, made for copying paper forms with the keyboard alone.

Enter saves (a new person: the form clears for the next one, village and group kept); Esc closes.
Errors appear under their field and nothing is saved; warnings appear above the buttons and a second
Enter on the same form saves anyway.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.citizen import FIELD_LABELS, CitizenDraft, Finding
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.citizens import CitizenError, CitizenService
from desktop.services.office import VillageInfo
from desktop.ui import messages
from desktop.ui.geometry import fit
from desktop.ui.widgets import ErrorLabel, FoldingComboBox


class CitizenDialog(QDialog):
    saved = Signal(int)               # a person was written (new or changed)
    show_citizen = Signal(int)        # the clerk followed a link to an existing person

    def __init__(self, citizens: CitizenService, villages: list[VillageInfo], citizen_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._citizens = citizens
        self._citizen_id = citizen_id
        self._version = 0
        self._warned_for: CitizenDraft | None = None
        self._live = False  # warnings were shown for this form: they follow its edits
        self.saved_count = 0
        self.last_saved = ""  # the name of the last person written, for the window's status line
        self.setWindowTitle("Sửa hồ sơ người dân" if citizen_id else "Thêm người dân vào sổ")
        fit(self, "nguoi-dan", 640, 420)

        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("Ví dụ: Nguyễn Thị Lan")
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("dd/mm/yyyy, hoặc chỉ năm sinh yyyy")
        self.sex = FoldingComboBox()
        self.sex.addItem("— chọn —", None)
        for s in Sex:
            self.sex.addItem(s.label, s.value)
        self.cccd = QLineEdit()
        self.cccd.setPlaceholderText("12 chữ số, để trống nếu chưa có")
        self.village = FoldingComboBox()
        self.village.addItem("— chọn —", None)
        for v in villages:
            self.village.addItem(v.name, v.id)
        self.group = FoldingComboBox()
        self.group.addItem("— chọn —", None)
        for g in CitizenGroup:
            self.group.addItem(f"{int(g)}. {g.label}", int(g))
        self.address = QLineEdit()
        self.address.setPlaceholderText("không bắt buộc; người cùng địa chỉ được lập thành một hộ")
        self.occupation = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("không bắt buộc")
        self.note = QLineEdit()

        self._fields = {"full_name": self.full_name, "birth": self.birth, "sex": self.sex, "cccd": self.cccd,
                        "village_id": self.village, "group": self.group, "occupation": self.occupation,
                        "phone": self.phone, "note": self.note,
                        "address": self.address}  # last: the tab order clerks learned stays
        self._errors: dict[str, ErrorLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        required = {"full_name", "birth", "sex", "village_id", "group"}
        for name, widget in self._fields.items():
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            self._errors[name] = ErrorLabel()
            self._errors[name].linkActivated.connect(lambda link: self.show_citizen.emit(int(link)))
            box.addWidget(self._errors[name])
            label = FIELD_LABELS[name] + (" *" if name in required else "")
            form.addRow(f"{label}:", box)

        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setStyleSheet("background: #fff4ce; border: 1px solid #e0c060; padding: 6px;")
        self.warnings.linkActivated.connect(lambda link: self.show_citizen.emit(int(link)))
        self.warnings.hide()
        self.status = QLabel()
        self.status.setStyleSheet("color: #1b5e20;")

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.setObjectName("primary")
        close = buttons.addButton("Đóng (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        hint = QLabel("Gõ tiếng Việt có dấu hoặc không dấu đều được. Ô chọn: gõ vài chữ đầu, "
                      "ví dụ “nu” chọn Nữ, “2” chọn nhóm 2. Enter để lưu, Esc để đóng. (*) bắt buộc.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        for name, widget in self._fields.items():  # a fixed field loses its stale message at once
            changed = widget.currentIndexChanged if isinstance(widget, FoldingComboBox) else widget.textEdited
            changed.connect(lambda *_, name=name: self._edited(name))
        if citizen_id is not None:
            self._load(citizen_id)
        self._clean = self.draft()
        self.full_name.setFocus()

    def _edited(self, name: str) -> None:
        self._errors[name].say(None)
        self.status.setText("")
        if self._live:
            self._recheck_warnings()

    def _recheck_warnings(self) -> None:
        """The warnings in view follow the form: one goes as soon as what it is about is corrected (a CCCD's
        sex or birth-year digits agree once the CCCD, the sex or the birth date is fixed), and the box with
        the last of them; one that still holds shows again once a half-typed field is whole (a birth year
        typed over). What is in view is what a second Enter saves with."""
        draft = self.draft()
        check = self._citizens.check(draft, self._citizen_id)
        if check.warnings:
            self._show_warnings(check.warnings, draft)
        else:
            self._warned_for = None
            self.warnings.hide()

    def reject(self) -> None:  # Esc, Đóng, the window's close button
        if self.draft() != self._clean and not messages.confirm(
                self, "Đóng khi chưa lưu?", "Những gì vừa gõ trên phiếu này chưa được lưu và sẽ mất nếu đóng.",
                yes="Đóng, không lưu", no="Quay lại phiếu"):
            return
        super().reject()

    # filling and reading -------------------------------------------------------------------------

    def _load(self, citizen_id: int) -> None:
        record = self._citizens.get(citizen_id)
        self._version = record.version
        d = record.draft
        self.full_name.setText(d.full_name)
        self.birth.setText(d.birth)
        self.sex.select_data(d.sex.value if d.sex else None)
        self.cccd.setText(d.cccd)
        self.village.select_data(d.village_id)
        self.group.select_data(int(d.group) if d.group else None)
        self.occupation.setText(d.occupation)
        self.address.setText(d.address)
        self.phone.setText(d.phone)
        self.note.setText(d.note)

    def draft(self) -> CitizenDraft:
        # Qt hands enum data back as plain str/int: turn them into the domain's types again.
        sex, group = self.sex.currentData(), self.group.currentData()
        return CitizenDraft(full_name=self.full_name.text(), birth=self.birth.text(),
                            sex=None if sex is None else Sex(sex), cccd=self.cccd.text(),
                            village_id=self.village.currentData(),
                            group=None if group is None else CitizenGroup(group),
                            occupation=self.occupation.text(), phone=self.phone.text(), note=self.note.text(),
                            address=self.address.text())

    # saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        draft = self.draft()
        accept = self._warned_for == draft
        try:
            if self._citizen_id is None:
                result = self._citizens.register(draft, accept_warnings=accept)
            else:
                result = self._citizens.update(self._citizen_id, self._version, draft, accept_warnings=accept)
        except CitizenError as e:
            messages.warn(self, "Không lưu được", str(e))
            return
        check = result.check
        for name, label in self._errors.items():
            label.say(check.error_for(name))
        for error in check.errors:
            if error.other_citizen_id:  # the CCCD is taken: let the clerk see by whom
                self._errors[error.field].say_with_link(error.message, "Xem người đó", error.other_citizen_id)
        if check.errors:
            self._hide_warnings()
            self._fields[check.errors[0].field].setFocus()
            self.status.setText("")
            return
        if not result.saved:
            self.status.setText("")  # no green "Đã lưu" of the last person under this one's warning
            self._show_warnings(check.warnings, draft)
            return
        assert result.citizen_id is not None and check.data is not None
        self.last_saved = check.data.full_name
        self.saved.emit(result.citizen_id)
        if self._citizen_id is not None:
            self.accept()
            return
        self.saved_count += 1
        self._next_blank()
        self.status.setText(f"Đã lưu: {check.data.full_name}. Đã nhập {self.saved_count} người trong lần này.")

    def _next_blank(self) -> None:
        """Clear the person's own fields; keep village and group, which paper forms share in a pile."""
        for w in (self.full_name, self.birth, self.cccd, self.address, self.occupation, self.phone, self.note):
            w.clear()
        self.sex.setCurrentIndex(0)
        self._hide_warnings()
        self._clean = self.draft()
        self.full_name.setFocus()

    def _show_warnings(self, warnings: list[Finding], draft: CitizenDraft) -> None:
        self._warned_for = draft
        self._live = True  # from now on the box follows every edit of this person's form
        lines = []
        for w in warnings:
            link = f' <a href="{w.other_citizen_id}">Xem người đã có</a>' if w.other_citizen_id else ""
            lines.append(f"⚠ {html.escape(w.message)}{link}")
        lines.append("<b>Nhấn Enter lần nữa để vẫn lưu</b>, hoặc sửa lại rồi lưu.")
        self.warnings.setText("<br>".join(lines))
        self.warnings.show()

    def _hide_warnings(self) -> None:
        self._warned_for = None
        self._live = False
        self.warnings.hide()
