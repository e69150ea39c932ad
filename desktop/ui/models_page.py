"""The learning models of Programme 387 beside the citizens: one page for families, clans, village communities
and units, with the citizens' keyboard loop — Ctrl+F to the search, Down or Enter into the list, Enter on a
single match or a row opens the sheet of the step it is at (registering it first, if the clerk agrees), after a
save the keyboard back in the emptied search — and the year's rate against 387's target beneath."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.domain.criteria import CriteriaError
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.domain.names import search_key
from desktop.domain.numbers import vn_int, vn_percent
from desktop.services.desk import Desk
from desktop.services.household_import import HouseholdImport
from desktop.services.household_import import Outcome as HouseholdOutcome
from desktop.services.model_cycle import ModelCycleError
from desktop.services.model_registers import ModelError
from desktop.sheets.roster_read import RosterFileError
from desktop.ui import file_dialogs, messages
from desktop.ui.filters import SEARCH_PAUSE_MS
from desktop.ui.highlight import MatchDelegate
from desktop.ui.model_dialogs import (
    ModelDecisionDialog,
    ModelPrintDialog,
    ModelRegisterDialog,
    ModelSheetDialog,
)
from desktop.ui.model_subjects import ClanHouseholdsDialog, MembersDialog, SubjectDialog, WorkplacesDialog
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.score_sheet import SheetKind, kind_for
from desktop.ui.widgets import FoldingComboBox, SearchListKeys, scrolling_layout

SHOWN = 300  # rows listed at once: finding narrows the rest
NOT_REGISTERED = "Chưa đăng ký năm này"


class ModelsPage(QWidget):
    changed = Signal()
    said = Signal(str)

    def __init__(self, register: Desk, year: int, parent: QWidget | None = None, load: bool = True,
                 keeper: PassphraseKeeper | None = None) -> None:
        super().__init__(parent)
        self._r = register
        self.year = year
        self.keeper = keeper or PassphraseKeeper()
        self.last_dialog: QDialog | None = None  # tests and the window reach the open dialog through this
        self.model_box = FoldingComboBox()  # "đơn" chooses Đơn vị học tập
        for m in Model:
            self.model_box.addItem(m.title, m)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên (gõ không dấu được); Enter mở phiếu của bước đang làm")
        self.search.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_PAUSE_MS)
        self.timer.timeout.connect(self.show_list)
        self.add_button = QPushButton("Thê&m…")
        self.members_button = QPushButton("Thành &viên…")
        self.workplaces_button = QPushButton("Gắn nơi &làm việc với đơn vị…")
        self.import_button = QPushButton("Nhập danh sách &hộ từ Excel…")
        self.build_button = QPushButton("Lập hộ theo địa &chỉ trong sổ…")
        self.criteria_button = QPushButton("Nhập &bộ tiêu chí của tỉnh…")
        self.register_button = QPushButton("Đăng &ký cho năm…")
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
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, as on the citizens' pages
        self.table.horizontalHeader().setStretchLastSection(True)
        self.names = MatchDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.names)
        self.sheet_button = QPushButton("Nhập &phiếu đánh giá (Enter)…")
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
        self.model_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.search.textChanged.connect(lambda _: self.timer.start())  # the figures stay as typing narrows
        for button, slot in ((self.add_button, self.add), (self.members_button, self.edit_members),
                             (self.workplaces_button, self.match_workplaces),
                             (self.import_button, self.import_households), (self.build_button, self.build_households),
                             (self.criteria_button, self.import_criteria), (self.register_button, self.register),
                             (self.sheet_button, self.open_row), (self.review_button, self.confirm_review),
                             (self.withdraw_button, self.withdraw), (self.reinstate_button, self.reinstate),
                             (self.propose_button, self.propose), (self.decide_button, self.decide),
                             (self.print_button, self.print_papers)):
            button.clicked.connect(lambda _=False, slot=slot: slot())  # clicked(bool) must not reach the slot
        self.table.doubleClicked.connect(lambda _: self.open_row())
        self.keys = SearchListKeys(self.search, self.table, self.timer, self.show_list, self.table.rowCount,
                                   self.open_row, self)
        QShortcut(QKeySequence("Ctrl+R"), self, lambda: self.open_row(SheetKind.REVIEW))
        self.table.installEventFilter(self)  # Delete on a row: that household (clan, unit) out of the register
        if load:
            self.refresh()

    @property
    def model(self) -> Model:
        return Model(self.model_box.currentData())  # Qt keeps the enum as its plain text

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def focus_search(self) -> None:
        self.keys.focus_search()

    # the list --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The list and the year's figures (0.2 s on 100,000 people: not at every key typed in the search)."""
        self.show_list()
        self.show_figures()

    def show_figures(self) -> None:
        model = self.model
        line = self._r.model_stats.compute(self.year).models[model]
        self.figures.setText(f"Năm {self.year}: {model.title} được công nhận {vn_int(line.recognized)} / "
                             f"{vn_int(line.total)} ({vn_percent(line.rate)}), đã đăng ký {vn_int(line.registered)}; "
                             f"mục tiêu 2025 của Quyết định 387: {line.target_2025}%"
                             + (f"; chỉ tiêu 2030 của đơn vị: {line.target_2030}%" if line.target_2030 else "") + ".")

    def show_list(self) -> None:
        self.timer.stop()
        model, text = self.model, self.search.text()
        self.add_button.setEnabled(model is not Model.COMMUNITY)  # villages: menu Danh mục → Thôn, khu phố
        self.members_button.setVisible(model in (Model.FAMILY, Model.CLAN))
        self.members_button.setText("Thành &viên của hộ…" if model is Model.FAMILY else "Các hộ của dòng họ (&V)…")
        self.workplaces_button.setVisible(model is Model.UNIT)
        self.import_button.setVisible(model is Model.FAMILY)
        self.build_button.setVisible(model is Model.FAMILY)
        self.names.typed = text
        subjects = self._subjects(model, text)
        statuses = self._r.model_cycle(model).statuses(self.year, [sid for sid, _, _ in subjects])
        self.table.setRowCount(len(subjects))
        for r, (sid, name, detail) in enumerate(subjects):
            row = statuses.get(sid)
            cells = [name, detail, row.status.label if row else NOT_REGISTERED, row.verdict if row else ""]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, (sid, row.id if row else None))
                self.table.setItem(r, c, item)
        for column in (0, 1, 2):
            self.table.resizeColumnToContents(column)
        if text:  # the matched words are drawn bold, wider than Qt measured them
            self.table.setColumnWidth(0, self.table.columnWidth(0) * 9 // 8)
        if subjects:
            self.table.selectRow(0)

    def _subjects(self, model: Model, text: str) -> list[tuple[int, str, str]]:
        if model is Model.COMMUNITY:
            wanted = search_key(text).split()
            return [(v.id, v.name, "Thôn, khu phố") for v in self._r.office.villages()
                    if all(f" {w}" in f" {search_key(v.name)}" for w in wanted)]
        service = {Model.FAMILY: self._r.households, Model.CLAN: self._r.clans,
                   Model.UNIT: self._r.organisations}[model]
        return [(f.id, f.name, f.detail) for f in service.find(text, SHOWN)]

    def _settle(self) -> None:
        """Typed faster than the search's pause, then a key that acts on the list (Alt+P): the list of what was
        typed, not of what was there before."""
        if self.timer.isActive():
            self.show_list()

    def selected(self) -> tuple[int, int | None] | None:
        """(subject id, the year's enrolment id or None) of the row the cursor is on."""
        self._settle()
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            return self.table.item(current.row(), 0).data(Qt.ItemDataRole.UserRole)
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def chosen(self) -> list[tuple[int, int | None, str]]:
        """(subject id, enrolment id or None, name) of every chosen row, in the list's order."""
        self._settle()
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [(*self.table.item(r, 0).data(Qt.ItemDataRole.UserRole), self.table.item(r, 0).text()) for r in rows]

    def _enrolment(self) -> int | None:
        chosen = self.selected()
        if chosen is None:
            messages.inform(self, "Chọn một dòng", "Hãy chọn một dòng trong danh sách trước.")
            return None
        if chosen[1] is None:
            messages.inform(self, "Chưa đăng ký", f"Dòng này chưa đăng ký năm {self.year}: bấm “Đăng ký cho năm…”.")
            return None
        return chosen[1]

    def _done(self, line: str) -> None:
        self.refresh()
        self.changed.emit()
        self.said.emit(line)

    def _opened(self, dialog: QDialog) -> int:
        """A dialog run from the page; afterwards the window and the search have the keyboard again."""
        self.last_dialog = dialog
        result = dialog.exec()
        dialog.deleteLater()
        self.keys.after_dialog(False)
        return result

    # the cycle -------------------------------------------------------------------------------------

    def open_row(self, kind: SheetKind | None = None) -> None:
        """Enter on a row: the sheet of the step it is at; one not registered for the year is registered first,
        once the clerk agrees."""
        chosen = self.selected()
        if chosen is None:
            return
        sid, eid = chosen
        name = self.table.item(self.table.currentRow(), 0).text() if self.table.currentRow() >= 0 else ""
        if eid is None:
            if not messages.confirm(self, "Chưa đăng ký", f"{name} chưa đăng ký {self.model.title} năm {self.year}. "
                                    "Đăng ký ngay rồi nhập phiếu tự đánh giá?", yes="Đăng ký và nhập phiếu",
                                    no="Huỷ", enter_says_yes=True):
                self.keys.after_dialog(False)
                return
            try:
                self._r.model_cycle(self.model).register_all(self.year, [sid])
            except ModelCycleError as e:
                messages.warn(self, "Chưa đăng ký được", str(e))
                return
            eid = self._r.model_cycle(self.model).of_subject(sid, self.year)
            self.changed.emit()
            self.show_figures()
            self.table.item(self.table.currentRow(), 2).setText(Status.REGISTERED.label)  # even if no sheet is saved
            if eid is None:
                return
        status = self._r.model_cycle(self.model).status_of(eid)
        if status is Status.WITHDRAWN:
            messages.inform(self, "Đã rút tên", f"{name} đã rút tên khỏi năm {self.year}: khôi phục trước (Alt+O).")
            self.keys.after_dialog(False)
            return
        dialog = ModelSheetDialog(self._r, self.model, eid, self, kind or kind_for(status))
        self.last_dialog = dialog
        dialog.exec()
        dialog.deleteLater()
        self.keys.after_dialog(bool(dialog.saved_line))  # the list reloaded, the search emptied for the next
        if dialog.saved_line:
            self.show_figures()
            self.changed.emit()
            self.said.emit(dialog.saved_line)

    def register(self) -> None:
        unregistered = [(sid, name) for sid, eid, name in self.chosen() if eid is None]
        dialog = ModelRegisterDialog(self._r, self.model, self.year, unregistered, self)
        if self._opened(dialog) == QDialog.DialogCode.Accepted:
            self._done(f"Đã đăng ký {vn_int(dialog.registered)} {self.model.unit} vào {self.model.title} năm "
                       f"{self.year}.")

    def register_all(self) -> int:
        """Every one not yet registered (the page's dialog asks first; the window's tests and the CLI use this)."""
        n = self._r.model_cycle(self.model).register_all(self.year)
        self._done(f"Đã đăng ký {vn_int(n)} {self.model.unit} vào {self.model.title} năm {self.year}.")
        return n

    def confirm_review(self) -> None:
        """The branch confirms the self-assessment of every chosen row as it stands."""
        done, refused = [], []
        for _, eid, name in self.chosen():
            if eid is None:
                refused.append(f"{name}: chưa đăng ký năm {self.year}")
                continue
            try:
                verdict = self._r.model_cycle(self.model).record_review(eid, None, "Chi hội xác nhận")
            except ModelCycleError as e:
                refused.append(f"{name}: {e}")
                continue
            done.append(f"{name} — {verdict.text}")
        if refused:
            messages.warn(self, "Có dòng chưa xác nhận được", "\n".join(refused[:20]))
        if done:
            self._done(f"Chi hội đã xác nhận: {done[0]}" if len(done) == 1 else
                       f"Chi hội đã xác nhận {vn_int(len(done))} {self.model.unit}.")
        self.keys.after_dialog(False)

    def withdraw(self) -> None:
        eid = self._enrolment()
        if eid is None:
            return
        status = self._r.model_cycle(self.model).status_of(eid)
        if status.decided or status is Status.WITHDRAWN:  # said before a reason is asked for
            messages.inform(self, "Không rút tên được", f"Không thể rút tên khi hồ sơ ở bước “{status.label}”"
                            + (": thu hồi công nhận là một quyết định mới." if status.decided else "."))
            self.keys.after_dialog(False)
            return
        reason, ok = QInputDialog.getText(self, "Rút tên", "Lý do rút tên:")
        if ok:
            try:
                self._r.model_cycle(self.model).withdraw(eid, reason)
            except ModelCycleError as e:
                messages.warn(self, "Chưa rút tên được", str(e))
            else:
                self._done("Đã rút tên.")
        self.keys.after_dialog(False)

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
        if self._opened(dialog) == QDialog.DialogCode.Accepted:
            self._done(f"Đã ghi quyết định: {dialog.recognized} {self.model.unit} được công nhận {self.model.title}.")

    def print_papers(self) -> None:
        chosen = [(sid, name) for sid, _, name in self.chosen()]
        self._opened(ModelPrintDialog(self._r, self.model, self.year, self.keeper, self, chosen))

    # the registers ---------------------------------------------------------------------------------

    def add(self) -> None:
        if self.model is Model.COMMUNITY:
            return
        dialog = SubjectDialog(self._r, self.model, self)
        if self._opened(dialog) == QDialog.DialogCode.Accepted:
            self._done(f"Đã thêm {dialog.saved_name} vào sổ {self.model.title.lower()}.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
            return True
        return False

    def delete_selected(self) -> None:
        """A household, clan or unit entered by mistake (the wrong head or village) out of the register, with the
        reason; kept, as every deletion, and its people free for another household. Villages: menu Danh mục."""
        chosen = self.selected()
        if chosen is None or self.model is Model.COMMUNITY:
            return
        name = self.table.item(self.table.currentRow(), 0).text()
        reason, ok = QInputDialog.getText(self, f"Xoá {self.model.noun}", f"Lý do xoá “{name}” khỏi sổ (ví dụ: nhập "
                                          "nhầm chủ hộ hoặc thôn, chuyển đi):")
        if ok:
            service = {Model.FAMILY: self._r.households, Model.CLAN: self._r.clans,
                       Model.UNIT: self._r.organisations}[self.model]
            try:
                service.delete(chosen[0], reason)
            except ModelError as e:
                messages.warn(self, "Chưa xoá được", str(e))
            else:
                self._done(f"Đã xoá {name} khỏi sổ (lý do: {' '.join(reason.split())}).")
        self.keys.after_dialog(False)

    def edit_members(self) -> None:
        chosen = self.selected()
        if chosen is None or self.model not in (Model.FAMILY, Model.CLAN):
            messages.inform(self, "Chọn một dòng", "Hãy chọn một hộ hoặc một dòng họ trong danh sách trước.")
            return
        dialog = (MembersDialog if self.model is Model.FAMILY else ClanHouseholdsDialog)(self._r, chosen[0], self)
        if self._opened(dialog) == QDialog.DialogCode.Accepted:
            self._done("Đã lưu thành viên của hộ." if self.model is Model.FAMILY else "Đã lưu các hộ của dòng họ.")

    def match_workplaces(self) -> None:
        dialog = WorkplacesDialog(self._r, self)
        self._opened(dialog)
        if dialog.linked:
            self._done(f"Đã gắn {vn_int(dialog.linked)} người vào đơn vị theo nơi làm việc.")

    def import_households(self) -> None:
        path = file_dialogs.open_file(self, "households", "Chọn danh sách hộ của thôn", "Excel (*.xlsx)")
        if path:
            self.import_households_from(path)
        self.keys.after_dialog(False)

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
        path = file_dialogs.open_file(self, "criteria", "Chọn tệp bộ tiêu chí mô hình học tập", "Bộ tiêu chí (*.json)")
        if path:
            self.import_criteria_from(path)
        self.keys.after_dialog(False)

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
