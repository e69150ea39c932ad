"""The registers behind the learning models, in dialogs a clerk runs by keyboard: a new household (its head found
in the register as one types), clan or unit; a household's members; a clan's households; the officials'
workplaces matched to units. Lists never trap Tab; lists of choices are chosen by typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.models387 import Model
from desktop.domain.numbers import vn_int
from desktop.services.desk import Desk
from desktop.services.model_registers import (
    ORGANISATION_KINDS,
    ClanDraft,
    HouseholdDraft,
    ModelError,
    OrganisationDraft,
)
from desktop.ui import messages
from desktop.ui.geometry import fit
from desktop.ui.messages import translate_buttons
from desktop.ui.widgets import ErrorLabel, FoldingComboBox

FOUND = 30  # people or households offered as one types


def with_save(dialog: QDialog, *parts: QWidget | QLayout | tuple[QWidget, int]) -> QDialogButtonBox:
    """A dialog's parts one under another, then its error line and Save / Cancel (Save calls its `save`)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    translate_buttons(buttons)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText("&Lưu")  # Alt+L from any field
    save.setObjectName("primary")
    buttons.accepted.connect(lambda: dialog.save())
    buttons.rejected.connect(lambda: dialog.reject())
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, tuple):
            layout.addWidget(*part)
        elif isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(dialog.error)
    layout.addWidget(buttons)
    return buttons


def list_table(headers: list[str]) -> QTableWidget:
    """A read-only list of whole rows in a dialog; Tab leaves it for the next field (Qt's default moves from
    cell to cell and never lets the keyboard out)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def people_found(register: Desk, text: str, skip: Callable[[int], bool] = lambda _: False) -> list[tuple[str, int]]:
    """People of the register as "name (birth year, village)", for a choice filled as one types."""
    if len(text.strip()) < 2:
        return []
    return [(f"{row.full_name} ({row.birth_year}, {row.village})", row.id)
            for row in register.citizens.page(CitizenFilter(text), 0, FOUND) if not skip(row.id)]


def fill(combo: FoldingComboBox, items: list[tuple[str, int]]) -> None:
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)


class _EnterAdds(QObject):
    """Enter in a find field adds what was found (instead of saving the whole dialog)."""

    def __init__(self, field: QLineEdit, add: Callable[[], None]) -> None:
        super().__init__(field)
        self._add = add
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._add()
            return True
        return False


class AsksBeforeDropping(QDialog):
    """Esc (or Huỷ, or the window's close button) asks before what was typed is dropped, as the forms and score
    sheets do."""

    def _unsaved(self) -> bool:
        raise NotImplementedError

    def reject(self) -> None:
        if self._unsaved() and not messages.confirm(
                self, "Đóng khi chưa lưu?", "Những gì đã gõ hoặc chọn trong cửa sổ này chưa được lưu và sẽ mất nếu đóng.",
                yes="Đóng, không lưu", no="Quay lại"):
            return
        super().reject()


class SubjectDialog(AsksBeforeDropping):
    """A new household (its village and head, a person of the register), clan or unit."""

    def __init__(self, register: Desk, model: Model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._model = register, model
        self.saved_id: int | None = None
        self.saved_name = ""
        self.setWindowTitle(f"Thêm {model.noun}")
        fit(self, f"them-{model.value}", 560, 260)
        form = QFormLayout()
        self.name = QLineEdit()
        self.village = FoldingComboBox()
        self.head_search = QLineEdit()
        self.head = FoldingComboBox()
        self.contact = QLineEdit()
        self.kind = FoldingComboBox()
        self.headcount = QSpinBox()
        if model is Model.FAMILY:
            for v in register.office.villages():
                self.village.addItem(v.name, v.id)
            self.head_search.setPlaceholderText("gõ tên chủ hộ để tìm trong sổ (không dấu được)")
            self.head_search.textChanged.connect(self._find_head)
            self.head.currentIndexChanged.connect(self._name_from_head)
            form.addRow("Tìm chủ hộ:", self.head_search)
            form.addRow("Chủ hộ:", self.head)
            form.addRow("Thôn, khu phố:", self.village)
            form.addRow("Tên hộ:", self.name)
            self.name.setPlaceholderText("tự điền “Hộ …” theo chủ hộ; sửa được")
        elif model is Model.CLAN:
            form.addRow("Tên dòng họ:", self.name)
            self.name.setPlaceholderText("ví dụ: Họ Nguyễn Văn (chi trưởng)")
            form.addRow("Trưởng họ, người liên hệ:", self.contact)
            form.addRow("", QLabel("Các hộ của dòng họ: sau khi lưu, chọn dòng họ trong danh sách rồi Alt+V "
                                   "(“Các hộ của dòng họ…”)."))
        else:
            form.addRow("Tên đơn vị:", self.name)
            for code, label in ORGANISATION_KINDS.items():
                self.kind.addItem(label, code)
            self.village.addItem("Không thuộc thôn nào", None)
            for v in register.office.villages():
                self.village.addItem(v.name, v.id)
            self.headcount.setRange(0, 100_000)
            self.headcount.setSpecialValueText("chưa biết")
            form.addRow("Loại:", self.kind)
            form.addRow("Thôn, khu phố:", self.village)
            form.addRow("Số cán bộ, người lao động:", self.headcount)
        self.error = ErrorLabel()
        with_save(self, form)
        if model is Model.FAMILY:  # in the order of the form, not of the widgets' making
            for first, then in ((self.head_search, self.head), (self.head, self.village), (self.village, self.name)):
                self.setTabOrder(first, then)
        # a household: its head first (its village and name follow); the village can still be changed after
        (self.head_search if model is Model.FAMILY else self.name).setFocus()

    def _find_head(self, text: str) -> None:
        fill(self.head, people_found(self._r, text))

    def _name_from_head(self) -> None:
        """The head chosen: the household's name and its village follow (a household lives where its head does)."""
        if self.head.currentData() is None:
            return
        if not self.name.text() or self.name.text().startswith("Hộ "):
            self.name.setText(f"Hộ {self.head.currentText().split(' (')[0]}")
        village = self.head.currentText().rsplit(", ", 1)[-1].rstrip(")")
        if (index := self.village.findText(village)) >= 0:
            self.village.setCurrentIndex(index)

    def _unsaved(self) -> bool:
        return bool(self.name.text().strip() or self.head_search.text().strip() or self.contact.text().strip())

    def save(self) -> None:
        try:
            if self._model is Model.FAMILY:
                if self.head.currentData() is None:
                    self.error.say("Tìm và chọn chủ hộ trong sổ người dân (gõ vài chữ của tên).")
                    self.head_search.setFocus()
                    return
                self.saved_id = self._r.households.save(HouseholdDraft(self.name.text(), self.village.currentData(),
                                                                       self.head.currentData()))
            elif self._model is Model.CLAN:
                self.saved_id = self._r.clans.save(ClanDraft(self.name.text(), self.contact.text()))
            else:
                self.saved_id = self._r.organisations.save(OrganisationDraft(
                    self.name.text(), self.kind.currentData(), self.headcount.value() or None,
                    self.village.currentData()))
        except ModelError as e:
            self.error.say(str(e))
            return
        self.saved_name = " ".join(self.name.text().split())
        self.accept()


class _MembersBase(AsksBeforeDropping):
    """A list of members kept as a draft, people (or households) found as one types and added with Enter,
    one removed with Delete; saved whole, with the version read."""

    columns: list[str]

    def _build(self, find_hint: str, extra: QWidget | None = None) -> None:
        self.list = list_table(self.columns)
        self.find = QLineEdit()
        self.find.setPlaceholderText(find_hint)
        self.found = FoldingComboBox()
        self.add_button = QPushButton("&Thêm vào")
        self.remove_button = QPushButton("&Bỏ dòng đang chọn")
        self.find.textChanged.connect(self._search)
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(lambda: self.remove_member())
        _EnterAdds(self.find, self.add_member)
        _EnterAdds(self.found, self.add_member)
        self.list.installEventFilter(self)
        adding = QHBoxLayout()
        for w in (self.find, self.found, extra, self.add_button):
            if w is not None:
                adding.addWidget(w, 1 if w in (self.find, self.found) else 0)
        self.error = ErrorLabel()
        hint = QLabel("Gõ tên rồi Enter để thêm; Delete trên một dòng để bỏ; Lưu (Alt+L) khi xong.")
        hint.setStyleSheet("color: #555;")
        with_save(self, adding, (self.list, 1), self.remove_button, hint)
        self.setTabOrder(self.find, self.found)
        self.find.setFocus()

    def _members(self) -> object:
        """The draft's list as it stands, to tell a change from what was read."""
        raise NotImplementedError

    def _unsaved(self) -> bool:
        return self._members() != self._loaded

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete:
            self.remove_member()
            return True
        return False

    def save(self) -> None:
        """The draft whole, with the version read (refused, said, if another saved it meanwhile)."""
        try:
            self._store()
        except ModelError as e:
            self.error.say(str(e))
            return
        self.accept()

    def _store(self) -> None:
        raise NotImplementedError

    def _search(self, text: str) -> None:
        raise NotImplementedError

    def add_member(self) -> None:
        raise NotImplementedError

    def remove_member(self) -> None:
        raise NotImplementedError

    def _chosen_row(self) -> int | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _show_rows(self, rows: list[tuple[int, list[str]]]) -> None:
        self.list.setRowCount(len(rows))
        for r, (key, cells) in enumerate(rows):
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.list.setItem(r, c, item)
        self.list.resizeColumnToContents(0)


SPOUSES = ("Vợ", "Chồng")


class MembersDialog(_MembersBase):
    """A household's members: people of the register found as one types, each with the relation to the head;
    the head stays. Saved whole, with the audit; a person already in another household is refused, named."""

    RELATIONS = ("Vợ", "Chồng", "Con", "Cha", "Mẹ", "Cháu", "Anh", "Chị", "Em", "Khác")
    columns = ["Thành viên", "Quan hệ với chủ hộ"]

    def __init__(self, register: Desk, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._id = register, household_id
        self.draft, self._version = register.households.get(household_id)
        self.setWindowTitle(f"Thành viên — {self.draft.name}")
        fit(self, "thanh-vien-ho", 680, 440)
        self.relation = FoldingComboBox()
        self.relation.addItems(self.RELATIONS)
        self.relation.setCurrentText("Con")
        self._build("gõ tên người trong sổ để thêm vào hộ (không dấu được)", self.relation)
        _EnterAdds(self.relation, self.add_member)
        self.setTabOrder(self.found, self.relation)
        self._loaded = self._members()
        self.names = {cid: name for cid, name, _ in register.households.member_names(household_id)}
        self._show()

    def _show(self) -> None:
        self._show_rows([(cid, [self.names.get(cid, str(cid)), relation])
                         for cid, relation in self.draft.members.items()])

    def _members(self) -> object:
        return dict(self.draft.members)

    def _search(self, text: str) -> None:
        fill(self.found, people_found(self._r, text, lambda cid: cid in self.draft.members))

    def add_member(self) -> None:
        cid = self.found.currentData()
        if cid is None:
            self.error.say("Gõ vài chữ của tên rồi chọn người trong sổ.")
            return
        relation = self.relation.currentText()
        if relation in SPOUSES and (spouse := next((c for c, r in self.draft.members.items() if r in SPOUSES), None)):
            self.error.say(f"Hộ đã có {self.draft.members[spouse].lower()} ({self.names.get(spouse, '')}): chọn quan hệ "
                           "khác trong ô bên cạnh (gõ “con”, “chau”…), hoặc bỏ người kia khỏi hộ trước.")
            self.relation.setFocus()
            return
        self.names[cid] = self.found.currentText().rsplit(",", 1)[0] + ")"
        self.draft.members[cid] = relation
        if relation in SPOUSES:
            self.relation.setCurrentText("Con")  # a household has one spouse: the next is more likely a child
        self.find.clear()
        self.error.say(None)
        self._show()
        self.find.setFocus()

    def remove_member(self) -> None:
        cid = self._chosen_row()
        if cid is None:
            return
        if cid == self.draft.head_id:
            self.error.say("Chủ hộ không bỏ khỏi hộ được (đổi chủ hộ bằng cách thêm hộ mới).")
            return
        del self.draft.members[cid]
        self._show()

    def _store(self) -> None:
        self._r.households.save(self.draft, self._id, self._version)


class ClanHouseholdsDialog(_MembersBase):
    """A clan's households, found by name as one types; a household belongs to one clan (a household of
    another clan is refused, named, at the save)."""

    columns = ["Hộ", "Thôn, chủ hộ"]

    def __init__(self, register: Desk, clan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._id = register, clan_id
        self.draft, self._version = register.clans.get(clan_id)
        self.setWindowTitle(f"Các hộ của dòng họ — {self.draft.name}")
        fit(self, "ho-cua-dong-ho", 680, 440)
        self._build("gõ tên hộ (hoặc tên chủ hộ) để thêm vào dòng họ")
        self._loaded = self._members()
        self.names = register.households.names(self.draft.households)
        self.details = register.households.details(self.draft.households)
        self._show()

    def _members(self) -> object:
        return list(self.draft.households)

    def _show(self) -> None:
        self._show_rows([(hid, [self.names.get(hid, str(hid)), self.details.get(hid, "")])
                         for hid in self.draft.households])

    def _search(self, text: str) -> None:
        self.found.clear()
        if len(text.strip()) < 2:
            return
        for f in self._r.households.find(text, FOUND):
            if f.id not in self.draft.households:
                self.found.addItem(f"{f.name} ({f.detail})" if f.detail else f.name, f.id)
                self.details[f.id] = f.detail
                self.names[f.id] = f.name

    def add_member(self) -> None:
        hid = self.found.currentData()
        if hid is None:
            self.error.say("Gõ vài chữ của tên hộ rồi chọn hộ trong danh sách.")
            return
        self.draft.households.append(hid)
        self.find.clear()
        self.error.say(None)
        self._show()
        self.find.setFocus()

    def remove_member(self) -> None:
        hid = self._chosen_row()
        if hid is not None:
            self.draft.households.remove(hid)
            self._show()

    def _store(self) -> None:
        self._r.clans.save(self.draft, self._id, self._version)


class WorkplacesDialog(QDialog):
    """The officials' workplaces as typed (free text) matched once to the units: everyone of a text joins the
    unit chosen, and the text is not offered again."""

    def __init__(self, register: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r = register
        self.linked = 0
        self.setWindowTitle("Gắn nơi làm việc với đơn vị học tập")
        fit(self, "gan-noi-lam-viec", 640, 420)
        self.texts = list_table(["Nơi làm việc (như đã ghi)", "Số người"])
        self.unit = FoldingComboBox()
        for f in register.organisations.find("", 500):
            self.unit.addItem(f.name, f.id)
        self.link_button = QPushButton("&Gắn vào đơn vị")
        self.link_button.setAutoDefault(False)
        self.link_button.setObjectName("primary")
        self.link_button.clicked.connect(lambda: self.link())
        _EnterAdds(self.unit, self.link)
        self.said = QLabel("Chọn một nơi làm việc (mũi tên lên, xuống), Tab sang ô đơn vị, gõ tên đơn vị rồi Enter.")
        self.said.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Đơn vị:"))
        row.addWidget(self.unit, 1)
        row.addWidget(self.link_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(buttons)
        buttons.rejected.connect(lambda: self.reject())
        layout = QVBoxLayout(self)
        layout.addWidget(self.texts, 1)
        layout.addLayout(row)
        layout.addWidget(self.said)
        layout.addWidget(buttons)
        self._show()
        self.texts.setFocus()

    def _show(self) -> None:
        rows = self._r.organisations.workplace_texts()
        self.texts.setRowCount(len(rows))
        for r, (text, n) in enumerate(rows):
            self.texts.setItem(r, 0, QTableWidgetItem(text))
            self.texts.setItem(r, 1, QTableWidgetItem(vn_int(n)))
        self.texts.resizeColumnToContents(0)
        if rows:
            self.texts.selectRow(0)

    def link(self) -> None:
        items = self.texts.selectedItems()
        if not items or self.unit.currentData() is None:
            self.said.setText("Chọn một nơi làm việc trong danh sách và một đơn vị (thêm đơn vị ở trang Mô hình).")
            return
        text = self.texts.item(items[0].row(), 0).text()
        n = self._r.organisations.link_workplace(text, self.unit.currentData())
        self.linked += n
        self.said.setText(f"Đã gắn {n} người làm ở “{text}” vào {self.unit.currentText()}.")
        self._show()
        self.texts.setFocus()
