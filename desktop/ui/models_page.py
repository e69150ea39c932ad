"""The learning models of Programme 387 beside the citizens: one page for families, clans, village communities
and units — find one as you type, add one, register the whole commune for the year, enter a score sheet, the
branch's confirmation, a withdrawal, the proposal list and the decision — with the year's rate against 387's
target."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
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
from desktop.domain.criteria import CriteriaError
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.domain.names import search_key
from desktop.domain.numbers import vn_int, vn_percent
from desktop.domain.scoring import ScoreError, judge
from desktop.exchange.keys import KeyError_
from desktop.services.desk import Desk
from desktop.services.household_import import HouseholdImport
from desktop.services.household_import import Outcome as HouseholdOutcome
from desktop.services.model_cycle import ModelCycleError
from desktop.services.model_printing import ModelPrinting
from desktop.services.model_registers import (
    ORGANISATION_KINDS,
    ClanDraft,
    HouseholdDraft,
    ModelError,
    OrganisationDraft,
)
from desktop.services.printing import DocumentKind, PrintError
from desktop.services.safe_write import atomic_file
from desktop.sheets.roster_read import RosterFileError
from desktop.ui import messages
from desktop.ui.geometry import fit
from desktop.ui.messages import translate_buttons
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.widgets import ErrorLabel, parse_date, scrolling_layout

SHOWN = 300  # rows listed at once: finding narrows the rest


class ModelsPage(QWidget):
    changed = Signal()
    said = Signal(str)

    def __init__(self, register: Desk, year: int, parent: QWidget | None = None, load: bool = True,
                 keeper: PassphraseKeeper | None = None) -> None:
        super().__init__(parent)
        self._r = register
        self.year = year
        self.keeper = keeper or PassphraseKeeper()
        self.model_box = QComboBox()
        for m in Model:
            self.model_box.addItem(m.title, m)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên (gõ không dấu được)")
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton("Thê&m…")
        self.members_button = QPushButton("Thành &viên của hộ…")
        self.workplaces_button = QPushButton("Gắn nơi &làm việc với đơn vị…")
        self.import_button = QPushButton("Nhập danh sách &hộ từ Excel…")
        self.build_button = QPushButton("Lập hộ theo địa &chỉ trong sổ…")
        self.criteria_button = QPushButton("Nhập &bộ tiêu chí của tỉnh…")
        self.register_button = QPushButton("Đăng &ký tất cả cho năm")
        head = QHBoxLayout()
        for w in (QLabel("Mô hình:"), self.model_box, self.search):
            head.addWidget(w, 1 if w is self.search else 0)
        registry = QHBoxLayout()
        for w in (self.add_button, self.members_button, self.import_button, self.build_button, self.workplaces_button):
            registry.addWidget(w)
        registry.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Tên", "Thuộc", "Bước trong năm", "Kết quả"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.sheet_button = QPushButton("Nhập &phiếu đánh giá…")
        self.review_button = QPushButton("Chi hội xác nhận phiế&u")
        self.withdraw_button = QPushButton("&Rút tên…")
        self.reinstate_button = QPushButton("Khôi phục sau rút tên (&O)")
        self.propose_button = QPushButton("Đưa hồ sơ đạt vào d&anh sách đề nghị")
        self.decide_button = QPushButton("Ghi &quyết định công nhận…")
        self.print_button = QPushButton("&In giấy tờ…")
        actions, closing = QHBoxLayout(), QHBoxLayout()  # two rows: a 1024-pixel screen holds them
        for row, buttons in ((actions, (self.register_button, self.sheet_button, self.review_button,
                                        self.withdraw_button, self.reinstate_button)),
                             (closing, (self.propose_button, self.decide_button, self.print_button,
                                        self.criteria_button))):
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        layout = scrolling_layout(self, 420)  # a small screen scrolls the page instead of widening the window
        layout.addLayout(head)
        layout.addLayout(registry)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(closing)
        layout.addWidget(self.figures)
        self.model_box.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.show_list)  # typing narrows the list; the figures stay
        self.add_button.clicked.connect(self.add)
        self.members_button.clicked.connect(self.edit_members)
        self.workplaces_button.clicked.connect(self.match_workplaces)
        self.import_button.clicked.connect(self.import_households)
        self.build_button.clicked.connect(self.build_households)
        self.criteria_button.clicked.connect(self.import_criteria)
        self.register_button.clicked.connect(self.register_all)
        self.sheet_button.clicked.connect(self.enter_sheet)
        self.review_button.clicked.connect(self.confirm_review)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.reinstate_button.clicked.connect(self.reinstate)
        self.propose_button.clicked.connect(self.propose)
        self.decide_button.clicked.connect(self.decide)
        self.print_button.clicked.connect(self.print_papers)
        self.table.doubleClicked.connect(self.enter_sheet)
        if load:
            self.refresh()

    @property
    def model(self) -> Model:
        return Model(self.model_box.currentData())  # Qt keeps the enum as its plain text

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # the list --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The list and the year's figures (0.2 s on 100,000 people: not at every key typed in the search)."""
        self.show_list()
        model = self.model
        line = self._r.model_stats.compute(self.year).models[model]
        self.figures.setText(f"Năm {self.year}: {model.title} được công nhận {vn_int(line.recognized)} / "
                             f"{vn_int(line.total)} ({vn_percent(line.rate)}), đã đăng ký {vn_int(line.registered)}; "
                             f"mục tiêu 2025 của Quyết định 387: {line.target_2025}%"
                             + (f"; chỉ tiêu 2030 của đơn vị: {line.target_2030}%" if line.target_2030 else "") + ".")

    def show_list(self) -> None:
        model, text = self.model, self.search.text()
        self.add_button.setEnabled(model is not Model.COMMUNITY)  # villages: menu Danh mục → Thôn, khu phố
        self.members_button.setVisible(model is Model.FAMILY)
        self.workplaces_button.setVisible(model is Model.UNIT)
        self.import_button.setVisible(model is Model.FAMILY)
        self.build_button.setVisible(model is Model.FAMILY)
        subjects = self._subjects(model, text)
        statuses = self._r.model_cycle(model).statuses(self.year, [sid for sid, _, _ in subjects])
        self.table.setRowCount(len(subjects))
        for r, (sid, name, detail) in enumerate(subjects):
            row = statuses.get(sid)
            cells = [name, detail, row.status.label if row else "Chưa đăng ký năm này", row.verdict if row else ""]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, (sid, row.id if row else None))
                self.table.setItem(r, c, item)
        for column in (0, 1, 2):
            self.table.resizeColumnToContents(column)

    def _subjects(self, model: Model, text: str) -> list[tuple[int, str, str]]:
        if model is Model.COMMUNITY:
            wanted = search_key(text)
            return [(v.id, v.name, "Thôn, khu phố") for v in self._r.office.villages()
                    if not wanted or wanted in search_key(v.name)]
        service = {Model.FAMILY: self._r.households, Model.CLAN: self._r.clans,
                   Model.UNIT: self._r.organisations}[model]
        return [(f.id, f.name, f.detail) for f in service.find(text, SHOWN)]

    def selected(self) -> tuple[int, int | None] | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _enrolment(self) -> int | None:
        chosen = self.selected()
        if chosen is None:
            messages.inform(self, "Chọn một dòng", "Hãy chọn một dòng trong danh sách trước.")
            return None
        if chosen[1] is None:
            messages.inform(self, "Chưa đăng ký", f"Dòng này chưa đăng ký năm {self.year}: bấm “Đăng ký tất cả cho năm”.")
            return None
        return chosen[1]

    def _done(self, line: str) -> None:
        self.refresh()
        self.changed.emit()
        self.said.emit(line)

    # the cycle -------------------------------------------------------------------------------------

    def register_all(self) -> None:
        try:
            n = self._r.model_cycle(self.model).register_all(self.year)
        except ModelCycleError as e:
            messages.warn(self, "Chưa đăng ký được", str(e))
            return
        self._done(f"Đã đăng ký thêm {n} {self.model.title.lower()} cho năm {self.year}.")

    def enter_sheet(self) -> None:
        eid = self._enrolment()
        if eid is not None and ModelSheetDialog(self._r, self.model, eid, self).exec() == QDialog.DialogCode.Accepted:
            self._done("Đã lưu phiếu đánh giá.")

    def confirm_review(self) -> None:
        eid = self._enrolment()
        if eid is None:
            return
        try:
            verdict = self._r.model_cycle(self.model).record_review(eid, None, "Chi hội xác nhận")
        except ModelCycleError as e:
            messages.warn(self, "Chưa xác nhận được", str(e))
            return
        self._done(f"Chi hội đã xác nhận: {verdict.text}.")

    def withdraw(self) -> None:
        eid = self._enrolment()
        if eid is None:
            return
        reason, ok = QInputDialog.getText(self, "Rút tên", "Lý do rút tên:")
        if not ok:
            return
        try:
            self._r.model_cycle(self.model).withdraw(eid, reason)
        except ModelCycleError as e:
            messages.warn(self, "Chưa rút tên được", str(e))
            return
        self._done("Đã rút tên.")

    def reinstate(self) -> None:
        eid = self._enrolment()
        if eid is None:
            return
        try:
            self._r.model_cycle(self.model).reinstate(eid)
        except ModelCycleError as e:
            messages.warn(self, "Chưa khôi phục được", str(e))
            return
        self._done("Đã khôi phục vào năm.")

    def propose(self) -> None:
        cycle = self._r.model_cycle(self.model)
        ids = cycle.candidates(self.year)
        if not ids:
            messages.inform(self, "Chưa có ai", "Chưa có hồ sơ nào đạt và đã được chi hội xác nhận để đề nghị.")
            return
        refused = cycle.propose(ids)
        self._done(f"Đã đưa {len(ids) - len(refused)} hồ sơ vào danh sách đề nghị công nhận {self.model.title}.")

    def decide(self) -> None:
        dialog = ModelDecisionDialog(self._r, self.model, self.year, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(f"Đã ghi quyết định: {dialog.recognized} {self.model.title.lower()} được công nhận.")

    def print_papers(self) -> None:
        ModelPrintDialog(self._r, self.model, self.year, self.keeper, self).exec()

    def add(self) -> None:
        if SubjectDialog(self._r, self.model, self).exec() == QDialog.DialogCode.Accepted:
            self._done(f"Đã thêm vào sổ {self.model.title.lower()}.")

    def import_households(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Chọn danh sách hộ của thôn", str(Path.home()), "Excel (*.xlsx)")
        if name:
            self.import_households_from(Path(name))

    def import_households_from(self, path: Path) -> int:
        """The dry run first: what would be imported and every problem, by row; then, if the clerk agrees,
        the new households in one transaction."""
        service = HouseholdImport(self._r)
        try:
            dry = service.dry_run(path)
        except RosterFileError as e:
            messages.warn(self, "Không đọc được tệp", str(e))
            return 0
        problems = [f"{p.outcome.value}: {'; '.join(p.messages)}" for p in dry.plans if p.messages]
        text = dry.summary() + ("\n\n" + "\n".join(problems[:20]) if problems else "") + \
            (f"\n… và {len(problems) - 20} dòng khác." if len(problems) > 20 else "")
        if not dry.count(HouseholdOutcome.NEW) or not messages.confirm(
                self, "Nhập danh sách hộ", f"{text}\n\nNhập các hộ mới?", yes="Nhập"):
            if not dry.count(HouseholdOutcome.NEW):
                messages.inform(self, "Không có hộ mới", text)
            return 0
        try:
            n = service.import_plans(dry)
        except ModelError as e:
            messages.warn(self, "Chưa nhập", str(e))
            return 0
        self._done(f"Đã nhập {n} hộ từ {path.name}.")
        return n

    def build_households(self) -> int:
        """The people at one address in the register, not yet in a household, proposed as households."""
        drafts = self._r.households.from_register()
        if not drafts:
            messages.inform(self, "Không có hộ nào để lập", "Không có ai trong sổ ghi địa chỉ (số nhà, xóm) mà chưa "
                                                            "thuộc hộ nào. Ghi địa chỉ ở phiếu nhập người dân.")
            return 0
        people = sum(1 + len(d.members) for d in drafts)
        if not messages.confirm(self, "Lập hộ theo địa chỉ", f"{len(drafts)} hộ ({people} người cùng địa chỉ trong "
                                f"cùng thôn), chủ hộ là người nam lớn tuổi nhất. Lập các hộ này? Sau đó có thể sửa "
                                "thành viên và quan hệ với chủ hộ.", yes="Lập hộ"):
            return 0
        try:
            ids = self._r.households.save_all(drafts)
        except ModelError as e:
            messages.warn(self, "Chưa lập được", str(e))
            return 0
        self._done(f"Đã lập {len(ids)} hộ theo địa chỉ trong sổ.")
        return len(ids)

    def import_criteria(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Chọn tệp bộ tiêu chí mô hình học tập", str(Path.home()),
                                              "Bộ tiêu chí (*.json)")
        if name:
            self.import_criteria_from(Path(name))

    def import_criteria_from(self, path: Path) -> bool:
        try:
            cs = self._r.model_criteria.import_file(path)
        except CriteriaError as e:
            messages.warn(self, "Không nhập được bộ tiêu chí", str(e))
            return False
        messages.inform(self, "Đã nhập bộ tiêu chí", f"{cs.name}: dùng cho {cs.model.title} các năm "
                                                    f"{cs.year_from}–{cs.year_to} (các năm đã chấm giữ bộ đã dùng).")
        self._done(f"Đã nhập bộ tiêu chí {cs.name}.")
        return True

    def match_workplaces(self) -> None:
        WorkplacesDialog(self._r, self).exec()
        self._done("Đã gắn nơi làm việc với đơn vị.")

    def edit_members(self) -> None:
        chosen = self.selected()
        if chosen is None:
            messages.inform(self, "Chọn một hộ", "Hãy chọn một hộ trong danh sách trước.")
            return
        if MembersDialog(self._r, chosen[0], self).exec() == QDialog.DialogCode.Accepted:
            self._done("Đã lưu thành viên của hộ.")


def _with_save(dialog: QDialog, *parts: QWidget | QLayout | tuple[QWidget, int]) -> None:
    """A dialog's parts one under another, then its error line and Save / Cancel (Save calls its `save`)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    translate_buttons(buttons)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
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


class ModelSheetDialog(QDialog):
    """One score sheet: a box per criterion, the verdict computed as it is typed. Before the branch's review
    it is the self-assessment; after it, the branch's own scores; after the decision, a correction with its
    reason."""

    def __init__(self, register: Desk, model: Model, enrolment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cycle = register.model_cycle(model)
        self._id = enrolment_id
        self.criteria = self._cycle.criteria_of(enrolment_id)
        self.status = self._cycle.status_of(enrolment_id)
        self.setWindowTitle(f"Phiếu đánh giá {model.title}")
        fit(self, "phieu-mo-hinh", 640, 520)
        form = QFormLayout()
        given = self._cycle.scores(enrolment_id)
        self.boxes: dict[str, QSpinBox] = {}
        for c in self.criteria.criteria:
            box = QSpinBox()
            box.setRange(0, c.max_points)
            box.setValue(given.get(c.code, 0))
            box.valueChanged.connect(self._judge)
            label = QLabel(f"{c.code}. {c.text}" + (f" (phải đạt từ {c.min_points} điểm)" if c.min_points else ""))
            label.setWordWrap(True)
            form.addRow(label, box)
            self.boxes[c.code] = box
        self.note = QLineEdit()
        self.note.setPlaceholderText("Lý do đính chính" if self.status.decided else "Ghi chú (nếu có)")
        form.addRow("Ghi chú:", self.note)
        self.verdict = QLabel()
        self.error = ErrorLabel()
        _with_save(self, QLabel(f"<b>{self.criteria.name}</b> — đạt khi tổng từ {self.criteria.pass_rule.min_total} "
                                "điểm và mọi tiêu chí phải đạt đủ điểm ghi bên cạnh."), form, self.verdict)
        self._judge()

    def scores(self) -> dict[str, int]:
        return {code: box.value() for code, box in self.boxes.items()}

    def _judge(self) -> None:
        try:
            v = judge(self.criteria.criteria, self.criteria.pass_rule, self.scores(), noun="tiêu chí")
        except ScoreError as e:
            self.verdict.setText(str(e))
            return
        self.verdict.setText(f"Kết quả: {v.text}")

    def save(self) -> None:
        try:
            if self.status.decided:
                self._cycle.correct(self._id, self.scores(), self.note.text())
            elif self.status in (Status.REGISTERED, Status.SELF_ASSESSED):
                self._cycle.record_self(self._id, self.scores(), note=self.note.text())
            else:
                self._cycle.record_review(self._id, self.scores(), self.note.text())
        except ModelCycleError as e:
            self.error.say(str(e))
            return
        self.accept()


class ModelDecisionDialog(QDialog):
    def __init__(self, register: Desk, model: Model, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cycle = register.model_cycle(model)
        self._year = year
        self.recognized = 0
        info = register.office.info()
        self.setWindowTitle(f"Quyết định công nhận {model.title} năm {year}")
        fit(self, "quyet-dinh-mo-hinh", 520, 220)
        self.number = QLineEdit()
        self.number.setPlaceholderText(f"ví dụ 12/{info.decision_symbol if info else 'QĐ-HKH'}")
        self.signed_on = QLineEdit(date.today().strftime("%d/%m/%Y"))
        self.signer = QLineEdit(info.signer_name if info else "")
        self.title = QLineEdit(info.signer_title if info else "")
        form = QFormLayout()
        for label, w in (("Số quyết định:", self.number), ("Ngày ký (dd/mm/yyyy):", self.signed_on),
                         ("Người ký:", self.signer), ("Chức vụ:", self.title)):
            form.addRow(label, w)
        self.error = ErrorLabel()
        _with_save(self, form)

    def save(self) -> None:
        try:
            signed_on = parse_date(self.signed_on.text())
        except ValueError:
            self.error.say("Ngày ký phải theo dạng dd/mm/yyyy, ví dụ 25/11/2026.")
            return
        try:
            self.recognized = self._cycle.record_decision(self._year, self.number.text(), signed_on,
                                                          self.signer.text(), self.title.text())
        except ModelCycleError as e:
            self.error.say(str(e))
            return
        self.accept()


class SubjectDialog(QDialog):
    """A new household (its village and head, a person of the register), clan or unit."""

    def __init__(self, register: Desk, model: Model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._model = register, model
        self.setWindowTitle(f"Thêm {model.title.lower().replace(' học tập', '')}")
        fit(self, f"them-{model.value}", 520, 240)
        form = QFormLayout()
        self.name = QLineEdit()
        form.addRow("Tên:", self.name)
        self.village = QComboBox()
        self.head_search = QLineEdit()
        self.head = QComboBox()
        self.contact = QLineEdit()
        self.kind = QComboBox()
        self.headcount = QSpinBox()
        if model is Model.FAMILY:
            for v in register.office.villages():
                self.village.addItem(v.name, v.id)
            self.head_search.setPlaceholderText("gõ tên chủ hộ để tìm trong sổ")
            self.head_search.textChanged.connect(self._find_head)
            form.addRow("Thôn, khu phố:", self.village)
            form.addRow("Tìm chủ hộ:", self.head_search)
            form.addRow("Chủ hộ:", self.head)
        elif model is Model.CLAN:
            form.addRow("Trưởng họ, người liên hệ:", self.contact)
        else:
            for code, label in ORGANISATION_KINDS.items():
                self.kind.addItem(label, code)
            self.headcount.setRange(0, 100_000)
            form.addRow("Loại:", self.kind)
            form.addRow("Số cán bộ, người lao động:", self.headcount)
        self.error = ErrorLabel()
        _with_save(self, form)

    def _find_head(self, text: str) -> None:
        self.head.clear()
        if len(text.strip()) < 2:
            return
        for row in self._r.citizens.page(CitizenFilter(text), 0, 30):
            self.head.addItem(f"{row.full_name} ({row.birth_year}, {row.village})", row.id)
        if self.head.count() and not self.name.text():
            self.name.setText(f"Hộ {self._r.citizens.get(self.head.currentData()).draft.full_name}")

    def save(self) -> None:
        try:
            if self._model is Model.FAMILY:
                if self.head.currentData() is None:
                    self.error.say("Tìm và chọn chủ hộ trong sổ người dân (gõ vài chữ của tên).")
                    return
                self._r.households.save(HouseholdDraft(self.name.text(), self.village.currentData(),
                                                       self.head.currentData()))
            elif self._model is Model.CLAN:
                self._r.clans.save(ClanDraft(self.name.text(), self.contact.text()))
            else:
                self._r.organisations.save(OrganisationDraft(self.name.text(), self.kind.currentData(),
                                                             self.headcount.value() or None))
        except ModelError as e:
            self.error.say(str(e))
            return
        self.accept()


class MembersDialog(QDialog):
    """A household's members: people of the register found as one types, each with the relation to the head;
    the head stays. Saved whole, with the audit; a person already in another household is refused, named."""

    RELATIONS = ("Vợ", "Chồng", "Con", "Cha", "Mẹ", "Cháu", "Anh", "Chị", "Em", "Khác")

    def __init__(self, register: Desk, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._id = register, household_id
        self.draft, self._version = register.households.get(household_id)
        self.setWindowTitle(f"Thành viên — {self.draft.name}")
        fit(self, "thanh-vien-ho", 620, 420)
        self.list = QTableWidget(0, 2)
        self.list.setHorizontalHeaderLabels(["Thành viên", "Quan hệ với chủ hộ"])
        self.list.verticalHeader().hide()
        self.list.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.find = QLineEdit()
        self.find.setPlaceholderText("gõ tên người trong sổ để thêm vào hộ")
        self.found = QComboBox()
        self.relation = QComboBox()
        self.relation.addItems(self.RELATIONS)
        self.add_button = QPushButton("&Thêm vào hộ")
        self.remove_button = QPushButton("&Bỏ khỏi hộ")
        self.find.textChanged.connect(self._search)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        adding = QHBoxLayout()
        for w in (self.find, self.found, self.relation, self.add_button):
            adding.addWidget(w, 1 if w in (self.find, self.found) else 0)
        self.error = ErrorLabel()
        _with_save(self, (self.list, 1), self.remove_button, adding)
        self.names = {cid: name for cid, name, _ in register.households.member_names(household_id)}
        self._show()

    def _show(self) -> None:
        self.list.setRowCount(len(self.draft.members))
        for r, (cid, relation) in enumerate(self.draft.members.items()):
            for c, value in enumerate((self.names.get(cid, str(cid)), relation)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, cid)
                self.list.setItem(r, c, item)
        self.list.resizeColumnToContents(0)

    def _search(self, text: str) -> None:
        self.found.clear()
        if len(text.strip()) < 2:
            return
        for row in self._r.citizens.page(CitizenFilter(text), 0, 30):
            if row.id not in self.draft.members:
                self.found.addItem(f"{row.full_name} ({row.birth_year}, {row.village})", row.id)

    def add_member(self) -> None:
        cid = self.found.currentData()
        if cid is None:
            self.error.say("Gõ vài chữ của tên rồi chọn người trong sổ.")
            return
        self.names[cid] = self.found.currentText().rsplit(",", 1)[0] + ")"
        self.draft.members[cid] = self.relation.currentText()
        self.find.clear()
        self.error.say(None)
        self._show()

    def remove_member(self) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        cid = items[0].data(Qt.ItemDataRole.UserRole)
        if cid == self.draft.head_id:
            self.error.say("Chủ hộ không bỏ khỏi hộ được (đổi chủ hộ bằng cách thêm hộ mới).")
            return
        del self.draft.members[cid]
        self._show()

    def save(self) -> None:
        try:
            self._r.households.save(self.draft, self._id, self._version)
        except ModelError as e:
            self.error.say(str(e))
            return
        self.accept()


class WorkplacesDialog(QDialog):
    """The officials' workplaces as typed (free text) matched once to the units: everyone of a text joins the
    unit chosen, and the text is not offered again."""

    def __init__(self, register: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r = register
        self.setWindowTitle("Gắn nơi làm việc với đơn vị học tập")
        fit(self, "gan-noi-lam-viec", 640, 420)
        self.texts = QTableWidget(0, 2)
        self.texts.setHorizontalHeaderLabels(["Nơi làm việc (như đã ghi)", "Số người"])
        self.texts.verticalHeader().hide()
        self.texts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.texts.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.texts.horizontalHeader().setStretchLastSection(True)
        self.unit = QComboBox()
        for f in register.organisations.find("", 500):
            self.unit.addItem(f.name, f.id)
        self.link_button = QPushButton("&Gắn vào đơn vị")
        self.link_button.clicked.connect(self.link)
        self.said = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel("Đơn vị:"))
        row.addWidget(self.unit, 1)
        row.addWidget(self.link_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.texts, 1)
        layout.addLayout(row)
        layout.addWidget(self.said)
        layout.addWidget(buttons)
        self._show()

    def _show(self) -> None:
        rows = self._r.organisations.workplace_texts()
        self.texts.setRowCount(len(rows))
        for r, (text, n) in enumerate(rows):
            self.texts.setItem(r, 0, QTableWidgetItem(text))
            self.texts.setItem(r, 1, QTableWidgetItem(vn_int(n)))
        self.texts.resizeColumnToContents(0)

    def link(self) -> None:
        items = self.texts.selectedItems()
        if not items or self.unit.currentData() is None:
            self.said.setText("Chọn một nơi làm việc trong danh sách và một đơn vị (thêm đơn vị ở trang Mô hình).")
            return
        text = self.texts.item(items[0].row(), 0).text()
        n = self._r.organisations.link_workplace(text, self.unit.currentData())
        self.said.setText(f"Đã gắn {n} người làm ở “{text}” vào {self.unit.currentText()}.")
        self._show()


class ModelPrintDialog(QDialog):
    """A model's proposal list, decision with its annex, or certificates (with a signed QR code when the
    office has keys), saved as a PDF."""

    KINDS = (DocumentKind.REGISTRATION, DocumentKind.ASSESSMENT_SHEET, DocumentKind.PROPOSAL, DocumentKind.DECISION,
             DocumentKind.CERTIFICATE)

    def __init__(self, register: Desk, model: Model, year: int, keeper: PassphraseKeeper,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._r, self._model, self._year, self._keeper = register, model, year, keeper
        self.setWindowTitle(f"In giấy tờ {model.title} năm {year}")
        fit(self, "in-mo-hinh", 480, 180)
        self.kind = QComboBox()
        for k in self.KINDS:
            self.kind.addItem(k.label, k.value)
        self.sign = QCheckBox("Ký mã QR kiểm tra trên giấy công nhận (cần mật khẩu khoá)")
        self.sign.setChecked(register.keys.store.exists())
        self.sign.setEnabled(register.keys.store.exists())
        self.status = QLabel()
        self.status.setWordWrap(True)
        save = QPushButton("&Lưu thành PDF…")
        save.clicked.connect(self.choose_file)
        form = QFormLayout()
        form.addRow("Giấy tờ:", self.kind)
        form.addRow("", self.sign)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        kind = DocumentKind(self.kind.currentData())
        name, _ = QFileDialog.getSaveFileName(self, "Lưu thành PDF",
                                              str(Path.home() / f"{kind.value}-{self._model.value}-{self._year}.pdf"),
                                              "PDF (*.pdf)")
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        kind = DocumentKind(self.kind.currentData())
        secret = None
        if kind is DocumentKind.CERTIFICATE and self.sign.isChecked():
            secret = self._keeper.get(self, "Ký mã QR trên giấy công nhận.")
            if secret is None:
                return False
        try:
            with atomic_file(path) as out:
                printed = ModelPrinting(self._r).render(kind, self._model, self._year, out, secret)
        except (PrintError, KeyError_) as e:
            if isinstance(e, KeyError_):
                self._keeper.forget()
            self.status.setText(str(e))
            return False
        except OSError as e:
            self.status.setText(f"Không ghi được {path}: {e.strerror or e}")
            return False
        if secret:
            self._keeper.keep(secret)
        self.status.setText(f"Đã lưu {printed.title.lower()} ({printed.items}) vào {path}.")
        return True
