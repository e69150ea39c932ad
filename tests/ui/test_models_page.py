"""The learning models' page as a clerk uses it, by keyboard, on the real window: the citizens' loop (Ctrl+F,
Down/Enter into the list, Enter on a single match or a row opens the sheet of its step, back in the emptied
search after a save), a household's and a unit's whole year, the score sheet shared with the citizens', one
household or a chosen set registered, a clan's households, and every defect an outside tester found."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.services.enrolments import STALE
from desktop.services.model_registers import ClanDraft, HouseholdDraft, OrganisationDraft
from desktop.ui import messages
from desktop.ui.highlight import matched_html
from desktop.ui.main_window import MainWindow
from desktop.ui.model_dialogs import (
    ModelDecisionDialog,
    ModelPrintDialog,
    ModelRegisterDialog,
    ModelSheetDialog,
)
from desktop.ui.model_subjects import ClanHouseholdsDialog, MembersDialog, SubjectDialog, WorkplacesDialog
from desktop.ui.models_page import ModelsPage
from tests.conftest import add, village_id
from tests.ui.keys import enter, focused, keyboard_back_in, keyboard_in, press, tab, type_text, when_open

YEAR = 2026
ALT, CTRL, NONE = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
pytestmark = pytest.mark.usefixtures("quiet_messages")


def key(k: Qt.Key, modifiers=NONE) -> None:  # noqa: ANN001
    QTest.keyClick(focused(), k, modifiers)


@pytest.fixture
def window(qtbot, office):
    add(office, "Nguyễn Văn An", birth="1970", village="Thôn Đông")
    add(office, "Trần Thị Bình", birth="1972", village="Thôn Đông")
    w = MainWindow(office, YEAR)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitActive(w)
    keyboard_in(qtbot, w)
    key(Qt.Key.Key_5, ALT)
    qtbot.waitUntil(lambda: w.models.search.isVisible())  # a page made now is shown by the event loop
    assert w.tabs.currentWidget() is w.models and focused() is w.models.search
    yield w
    w.close()
    QApplication.processEvents()


def open_by_keys(qtbot, kind: type, act, *keys) -> list:  # noqa: ANN001
    """Presses `keys` (key, modifiers) and runs `act(dialog)` in the modal dialog they open; the dialogs seen."""
    seen: list = []
    when_open(kind, lambda d: (seen.append(d), act(d)))
    for k, mods in keys:
        key(k, mods)
    # a button's Alt+letter clicks it after its pressed look (animateClick: 100 ms)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    return seen


def button_key(qtbot, letter: Qt.Key) -> None:  # noqa: ANN001
    """Alt+letter of a button on the page, and the click it makes once its pressed look has shown."""
    key(letter, ALT)
    qtbot.wait(150)


def household(office) -> int:  # noqa: ANN001
    """Hộ ông An of Thôn Đông, its head a person of the register."""
    return office.households.save(HouseholdDraft("Hộ ông An", village_id(office, "Thôn Đông"),
                                                 add(office, "Nguyễn Văn An", birth="1970")))


def registered_household(office):  # noqa: ANN001, ANN201
    """The families' cycle and the year's enrolment of Hộ ông An, registered."""
    cycle = office.model_cycle(Model.FAMILY)
    home = household(office)
    cycle.register_all(YEAR)
    return cycle, cycle.of_subject(home, YEAR)


def type_scores(scores: list[int]) -> None:
    for s in scores:
        type_text(str(s), focused())
        enter()


def test_a_households_whole_year_by_keyboard(qtbot, window, office, tmp_path, monkeypatch):
    page = window.models

    def add_household(d: SubjectDialog) -> None:
        assert focused() is d.head_search  # the head first: the village and the name follow
        type_text("nguyen van a")
        assert d.village.currentText() == "Thôn Đông"
        tab()
        tab()
        tab()
        assert d.name.text() == "Hộ Nguyễn Văn An" and focused() is d.name
        enter()
    open_by_keys(qtbot, SubjectDialog, add_household, (Qt.Key.Key_M, ALT))
    assert window.statusBar().currentMessage() == "Đã thêm Hộ Nguyễn Văn An vào sổ gia đình học tập."
    assert keyboard_back_in(qtbot, window) is page.search

    def add_wife(d: MembersDialog) -> None:
        type_text("tran thi")
        tab()
        tab()
        type_text("vo")  # the relation, chosen by typing; Enter adds her (it does not save yet)
        enter()
        assert d.list.rowCount() == 2 and d.list.item(1, 1).text() == "Vợ" and d.isVisible()
        key(Qt.Key.Key_L, ALT)
    open_by_keys(qtbot, MembersDialog, add_wife, (Qt.Key.Key_V, ALT))
    assert len(office.households.members(page.selected()[0])) == 2
    assert keyboard_back_in(qtbot, window) is page.search

    # Enter on the single match: not registered yet, so registered (once the clerk agrees), then its sheet
    type_text("an", page.search)
    sheets = open_by_keys(qtbot, ModelSheetDialog, lambda d: type_scores([18, 14, 18, 13, 18]),
                          (Qt.Key.Key_Return, NONE))
    assert sheets[0].windowTitle() == "Phiếu tự đánh giá — Hộ Nguyễn Văn An"
    assert window.statusBar().currentMessage() == "Đã lưu: Hộ Nguyễn Văn An — đạt: 81 điểm"
    assert keyboard_back_in(qtbot, window) is page.search and page.search.text() == ""
    assert page.table.item(0, 2).text() == Status.SELF_ASSESSED.label

    # Ctrl+R: the branch's review, starting from the self-assessment; Enter through keeps every score
    page.table.setFocus()
    open_by_keys(qtbot, ModelSheetDialog, lambda d: [enter() for _ in d.fields], (Qt.Key.Key_R, CTRL))
    assert page.table.item(0, 2).text() == Status.REVIEWED.label
    assert keyboard_back_in(qtbot, window) is page.search
    button_key(qtbot, Qt.Key.Key_A)  # onto the proposal list
    assert page.table.item(0, 2).text() == Status.PROPOSED.label

    def decide(d: ModelDecisionDialog) -> None:
        assert focused() is d.number
        type_text("7/QĐ-HKH")
        tab()
        tab()
        type_text("Nguyễn Văn Hùng")
        enter()
    open_by_keys(qtbot, ModelDecisionDialog, decide, (Qt.Key.Key_Q, ALT))
    assert page.table.item(0, 2).text() == Status.RECOGNIZED.label
    assert keyboard_back_in(qtbot, window) is page.search

    # its own certificate: Ctrl+P on this tab is the models' paper, for the chosen household
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, suggested, _f: (
        str(tmp_path / suggested.rsplit("/", 1)[-1]), ""))

    def certificate(d: ModelPrintDialog) -> None:
        assert d.only_chosen.isChecked() and d.only_chosen.text() == "Chỉ Hộ Nguyễn Văn An"
        type_text("giay")
        key(Qt.Key.Key_L, ALT)
        QTest.qWait(200)
        assert "(1 trang)" in d.status.text(), d.status.text()
        key(Qt.Key.Key_Escape)
    page.table.setFocus()
    open_by_keys(qtbot, ModelPrintDialog, certificate, (Qt.Key.Key_P, CTRL))
    info = PdfReader(tmp_path / "giay-cong-nhan-gia-dinh-2026.pdf").metadata
    assert (info.title, info.subject) == ("Giấy công nhận Gia đình học tập", "Giấy công nhận Gia đình học tập năm 2026")
    assert keyboard_back_in(qtbot, window) is page.search


def test_a_units_year_by_keyboard(qtbot, window, office):
    page = window.models
    page.model_box.setFocus()
    type_text("đơn")  # type-to-choose reaches the last model
    assert page.model is Model.UNIT

    def add_unit(d: SubjectDialog) -> None:
        assert focused() is d.name
        type_text("Trường Tiểu học Hàm Thuận")
        tab()
        type_text("truong")
        enter()
    open_by_keys(qtbot, SubjectDialog, add_unit, (Qt.Key.Key_M, ALT))
    assert page.table.item(0, 1).text().startswith("Trường học")
    assert keyboard_back_in(qtbot, window) is page.search
    key(Qt.Key.Key_F, CTRL)
    type_text("tieu hoc")
    open_by_keys(qtbot, ModelSheetDialog, lambda d: type_scores([20] * len(d.fields)), (Qt.Key.Key_Return, NONE))
    assert "đạt: 100 điểm" in window.statusBar().currentMessage()
    assert keyboard_back_in(qtbot, window) is page.search
    page.table.setFocus()
    button_key(qtbot, Qt.Key.Key_U)  # the branch confirms the chosen row
    assert page.table.item(0, 2).text() == Status.REVIEWED.label


def test_search_down_and_enter_on_a_row(qtbot, window, office):
    page = window.models
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        cid = office.citizens.page(CitizenFilter(name), 0, 1)[0].id
        office.households.save(HouseholdDraft(f"Hộ {name}", village_id(office, "Thôn Đông"), cid))
    office.model_cycle(Model.FAMILY).register_all(YEAR)
    page.refresh()
    type_text("ho")
    key(Qt.Key.Key_Return)  # two matches: Enter goes into the list, nothing opens
    assert focused() is page.table and page.last_dialog is None
    key(Qt.Key.Key_Down)
    seen = open_by_keys(qtbot, ModelSheetDialog, lambda d: d.reject(), (Qt.Key.Key_Return, NONE))
    assert "Trần Thị Bình" in seen[0].windowTitle()
    assert keyboard_back_in(qtbot, window) is page.search  # closed without a save: the search has the keyboard
    page.search.clear()
    type_text("binh")
    # with one match Alt+P opens its sheet (it said "Hãy chọn một dòng…" before)
    open_by_keys(qtbot, ModelSheetDialog, lambda d: d.reject(), (Qt.Key.Key_P, ALT))
    assert keyboard_back_in(qtbot, window) is page.search and page.search.text() == "binh"
    # the words typed are in bold in the list, as in the register
    assert page.names.typed == "binh" and page.table.itemDelegateForColumn(0) is page.names
    assert matched_html(page.table.item(0, 0).text(), page.names.typed) == "Hộ Trần Thị <b>Bình</b>"


def test_the_sheet_takes_typing_as_typed_and_says_what_it_refuses(qtbot, office, monkeypatch):
    cycle, eid = registered_household(office)
    sheet = ModelSheetDialog(office, Model.FAMILY, eid)
    qtbot.addWidget(sheet)
    sheet.show()
    keyboard_in(qtbot, sheet)
    first = list(sheet.fields.values())[0]
    assert focused() is first and first.text() == ""  # no "0" for typing to land after
    type_text("18")
    assert first.value() == 18
    enter()
    second = list(sheet.fields.values())[1]
    assert focused() is second  # Enter moves on, as on the citizen's sheet
    type_text("25")  # each criterion's maximum is 20
    assert second.text() == "2" and "Tiêu chí 2: không nhận “25” — điểm là số nguyên từ 0 đến 20" in sheet.error.text()
    labels = [w.text() for w in sheet.findChildren(type(sheet.total)) if "0–" in w.text()]
    assert any("0–20, phải đạt từ 15" in t for t in labels)  # the maximum and the minimum beside each field
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: asked.append(title) or False)
    press(Qt.Key.Key_Escape)
    assert asked == ["Đóng phiếu chưa lưu?"] and sheet.isVisible()


def test_a_sheet_saved_meanwhile_elsewhere_is_refused(qtbot, office):
    cycle, eid = registered_household(office)
    first, second = (ModelSheetDialog(office, Model.FAMILY, eid) for _ in range(2))
    for d, score in ((first, "10"), (second, "20")):
        qtbot.addWidget(d)
        for box in d.fields.values():
            box.setText(score)
    first.save()
    assert first.result() == QDialog.DialogCode.Accepted
    second.save()  # read before the first was saved: refused, nothing overwritten
    assert second.error.text() == STALE and second.result() != QDialog.DialogCode.Accepted
    assert set(cycle.sheet(eid).self_scores.values()) == {10}


def test_one_household_or_a_chosen_set_registered_the_count_said_first(qtbot, office):
    for i, name in enumerate(("Nguyễn Văn An", "Trần Văn Bảo", "Lê Văn Cường")):
        office.households.save(HouseholdDraft(f"Hộ {name}", village_id(office, "Thôn Đông"),
                                              add(office, name, birth=str(1960 + i))))
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    page.table.selectRow(2)  # by name: Lê, Nguyễn, Trần
    chosen = [(sid, name) for sid, eid, name in page.chosen() if eid is None]
    dialog = ModelRegisterDialog(office, Model.FAMILY, YEAR, chosen, page)
    qtbot.addWidget(dialog)
    assert dialog.only_chosen.isChecked() and dialog.only_chosen.text() == "&Chỉ Hộ Trần Văn Bảo"
    assert dialog.everyone.text() == "&Tất cả 3 hộ chưa đăng ký năm 2026"
    dialog.run()
    assert dialog.registered == 1
    page.refresh()
    assert [page.table.item(r, 2).text() for r in range(3)].count(Status.REGISTERED.label) == 1
    dialog = ModelRegisterDialog(office, Model.FAMILY, YEAR, [], page)
    qtbot.addWidget(dialog)
    assert dialog.everyone.isChecked() and "2 hộ chưa đăng ký" in dialog.everyone.text()
    dialog.on.setText("31/02/2026")
    dialog.run()
    assert "không phải ngày" in dialog.error.text() and office.model_cycle(Model.FAMILY).unregistered(YEAR) == 2
    dialog.on.setText("15/01/2026")
    dialog.run()
    assert dialog.registered == 2


def test_a_clans_households_in_the_window(qtbot, office):
    homes = [office.households.save(HouseholdDraft(f"Hộ {n}", village_id(office, v), add(office, n, birth="1960",
                                                                                           village=v)))
             for n, v in (("Nguyễn Văn An", "Thôn Đông"), ("Nguyễn Văn Bảo", "Thôn Phú Lập"))]
    clan = office.clans.save(ClanDraft("Họ Nguyễn Văn (chi trưởng)", "Nguyễn Văn An"))
    other = office.clans.save(ClanDraft("Họ Nguyễn (chi thứ)", households=[homes[1]]))
    dialog = ClanHouseholdsDialog(office, clan)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.find)
    type_text("nguyen van an")
    enter()
    assert dialog.list.rowCount() == 1 and "Thôn Đông" in dialog.list.item(0, 1).text()
    type_text("nguyen van bao")
    enter()
    dialog.save()  # already in the other clan: refused, named
    assert "đã thuộc “Họ Nguyễn (chi thứ)”" in dialog.error.text()
    dialog.list.selectRow(1)
    dialog.list.setFocus()
    press(Qt.Key.Key_Delete)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert office.clans.households(clan) == [homes[0]] and office.clans.households(other) == [homes[1]]


def test_tab_leaves_every_list(qtbot, office):
    from desktop.domain.groups import CitizenGroup

    home = household(office)
    add(office, "Lê Văn Dũng", birth="1980", group=CitizenGroup.OFFICIAL, occupation="Giáo viên Trường Tiểu học")
    office.organisations.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25))
    members = MembersDialog(office, home)
    workplaces = WorkplacesDialog(office)
    page = ModelsPage(office, YEAR)
    for d, table in ((members, members.list), (workplaces, workplaces.texts), (page, page.table)):
        qtbot.addWidget(d)
        d.show()
        d.activateWindow()
        table.setFocus()
        qtbot.waitUntil(lambda table=table: QApplication.focusWidget() is table)
        tab()
        assert focused() is not table, type(d).__name__
    workplaces.activateWindow()
    workplaces.texts.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is workplaces.texts)
    tab()
    assert focused() is workplaces.unit
    type_text("truong")
    enter()  # Enter in the unit list links the chosen workplace
    assert workplaces.said.text().startswith("Đã gắn 1 người")


def test_type_to_choose_in_the_models_dialogs(qtbot, office):
    dialog = SubjectDialog(office, Model.FAMILY)
    qtbot.addWidget(dialog)
    dialog.show()
    keyboard_in(qtbot, dialog)
    tab()
    tab()
    assert focused() is dialog.village
    type_text("phu l")  # the space does not open the list and swallow the rest
    assert dialog.village.currentText() == "Thôn Phú Lập" and not dialog.village.view().isVisible()


def test_a_chosen_households_certificate_alone(qtbot, office, tmp_path):
    from desktop.services.printing import DocumentKind
    from desktop.ui.passphrase import PassphraseKeeper
    from tests.services.test_model_stats import recognize

    homes = [office.households.save(HouseholdDraft(f"Hộ {n}", village_id(office, "Thôn Đông"),
                                                   add(office, n, birth="1970")))
             for n in ("Nguyễn Văn An", "Trần Văn Bảo", "Lê Văn Cường")]
    recognize(office, Model.FAMILY, homes)
    dialog = ModelPrintDialog(office, Model.FAMILY, YEAR, PassphraseKeeper(), None, [(homes[1], "Hộ Trần Văn Bảo")])
    qtbot.addWidget(dialog)
    dialog.choose(DocumentKind.CERTIFICATE)
    assert dialog.default_name() == "giay-cong-nhan-gia-dinh-2026.pdf"
    assert dialog.save_to(tmp_path / "mot.pdf") and "(1 trang)" in dialog.status.text()
    dialog.only_chosen.setChecked(False)
    assert dialog.save_to(tmp_path / "ca-nam.pdf") and "(3 trang)" in dialog.status.text()
    # the first printing of the other two was the year's: only the chosen one is a reprint now
    assert dialog.save_to(tmp_path / "lai.pdf")
    dialog.choose(DocumentKind.PROPOSAL)
    assert not dialog.only_chosen.isEnabled()  # a list is the year's
    reader = PdfReader(tmp_path / "mot.pdf")
    assert len(reader.pages) == 1 and reader.metadata.title == "Giấy công nhận Gia đình học tập"
    assert "TRẦN VĂN BẢO" in reader.pages[0].extract_text().upper()


def test_the_pages_access_keys_are_its_own(qtbot, office):
    """Alt+letter on the page's buttons: none taken twice, none a menu's (Alt+E is the Excel menu)."""
    from PySide6.QtWidgets import QPushButton

    window = MainWindow(office, YEAR)
    qtbot.addWidget(window)

    def letter(text: str) -> str | None:
        found = re.search(r"&(\w)", text)
        return found.group(1).lower() if found else None

    menus = {letter(a.text()) for a in window.menuBar().actions()} - {None}
    for model in Model:
        window.models.model_box.setCurrentIndex(window.models.model_box.findData(model))
        page = [letter(b.text()) for b in window.models.findChildren(QPushButton) if b.isVisibleTo(window.models)]
        page = [k for k in page if k]
        assert len(page) == len(set(page)) and not set(page) & menus, (model, page, menus)


def test_households_from_the_registers_addresses_on_the_page(qtbot, office, monkeypatch, quiet_messages):
    from desktop.domain.sex import Sex

    add(office, "Nguyễn Văn An", birth="1960", village="Thôn Đông", address="Số 12, xóm 3")
    add(office, "Trần Thị Bình", birth="1958", village="Thôn Đông", address="Số 12, xóm 3", sex=Sex.FEMALE)
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: "1 hộ (2 người" in text)
    assert page.build_households() == 1
    assert page.table.rowCount() == 1 and "Nguyễn Văn An" in page.table.item(0, 0).text()
    assert page.build_households() == 0 and "Không có ai trong sổ ghi địa chỉ" in quiet_messages[-1]


def test_a_household_list_and_a_province_set_from_the_page(qtbot, office, tmp_path, monkeypatch, quiet_messages):
    import json

    from openpyxl import Workbook

    from desktop.resources import resource

    add(office, "Nguyễn Văn An", birth="1970", village="Thôn Đông")
    add(office, "Trần Thị Bình", birth="1972", village="Thôn Đông")
    book = Workbook()
    book.active.append(["Số hộ", "Họ và tên", "Năm sinh", "Quan hệ với chủ hộ"])
    for row in ((1, "Nguyễn Văn An", 1970, "Chủ hộ"), (1, "Trần Thị Bình", 1972, "Vợ"), (2, "Ai Đó", 1950, "Chủ hộ")):
        book.active.append(list(row))
    book.save(tmp_path / "ho.xlsx")
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    assert page.import_button.isVisibleTo(page)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: asked.append(text) or False)
    assert page.import_households_from(tmp_path / "ho.xlsx") == 0  # the clerk says no after the dry run
    assert "2 hộ: 1 hộ mới" in asked[0] and "không tìm thấy Ai Đó (1950)" in asked[0]
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    assert page.import_households_from(tmp_path / "ho.xlsx") == 1
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "Hộ Nguyễn Văn An"
    (tmp_path / "hong.xlsx").write_bytes(b"not a workbook")
    assert page.import_households_from(tmp_path / "hong.xlsx") == 0 and quiet_messages

    doc = json.loads(resource("criteria", "mo-hinh", "gia-dinh.json").read_text(encoding="utf-8"))
    doc.update(id="gia-dinh-tinh-2026", name="Tiêu chí Gia đình học tập của tỉnh", years=[2026, 2030])
    (tmp_path / "tinh.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert page.import_criteria_from(tmp_path / "tinh.json")
    assert office.model_criteria.get(office.model_criteria.for_year(Model.FAMILY, YEAR)).id == "gia-dinh-tinh-2026"
    (tmp_path / "sai.json").write_text("{}", encoding="utf-8")
    assert not page.import_criteria_from(tmp_path / "sai.json")


def test_a_withdrawal_and_its_undoing(qtbot, office, monkeypatch, quiet_messages):
    from PySide6.QtWidgets import QInputDialog

    office.clans.save(ClanDraft("Họ Nguyễn (chi trưởng)"))
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    page.model_box.setCurrentIndex(page.model_box.findData(Model.CLAN))
    assert page.register_all() == 1
    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Dòng họ không tham gia năm nay", True))
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    assert page.table.item(0, 2).text() == Status.WITHDRAWN.label
    page.table.selectRow(0)
    qtbot.mouseClick(page.reinstate_button, Qt.MouseButton.LeftButton)
    assert page.table.item(0, 2).text() == Status.REGISTERED.label
    page.table.selectRow(0)
    qtbot.mouseClick(page.reinstate_button, Qt.MouseButton.LeftButton)  # not withdrawn: told, nothing changes
    assert quiet_messages and page.table.item(0, 2).text() == Status.REGISTERED.label


def test_the_decision_and_a_units_refusals(qtbot, office):
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    page.model_box.setCurrentIndex(page.model_box.findData(Model.COMMUNITY))
    assert page.table.rowCount() == 3 and not page.add_button.isEnabled()  # the office's villages
    unit = SubjectDialog(office, Model.UNIT, page)
    qtbot.addWidget(unit)
    unit.save()
    assert unit.error.text() == "Tên đơn vị: chưa nhập."
    decision = ModelDecisionDialog(office, Model.UNIT, YEAR, page)
    qtbot.addWidget(decision)
    decision.number.setText("9/QĐ-HKH")
    decision.signed_on.setText("31/02/2026")
    decision.save()
    assert "dd/mm/yyyy" in decision.error.text()
    decision.signed_on.setText("25/11/2026")
    decision.signer.setText("Nguyễn Văn Hùng")
    decision.save()
    assert "đang trống" in decision.error.text()


def test_an_outside_tries_findings(qtbot, window, office, monkeypatch, quiet_messages):
    """What an outside clerk met at 1024×600: each as it was pressed."""
    from PySide6.QtWidgets import QInputDialog

    page = window.models
    # a household's village follows its head's (Thôn Phú Lập is the list's first; the head lives in Thôn Đông)
    def head_elsewhere(d: SubjectDialog) -> None:
        assert d.village.currentText() != "Thôn Đông"
        type_text("tran thi b")
        assert d.village.currentText() == "Thôn Đông"
        enter()
    open_by_keys(qtbot, SubjectDialog, head_elsewhere, (Qt.Key.Key_M, ALT))
    assert page.table.item(0, 1).text().startswith("Thôn Đông")
    assert keyboard_back_in(qtbot, window) is page.search

    # Esc with something typed asks first, in the new household's and the members' dialogs
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: asked.append(title) or True)

    def typed_then_esc(d: SubjectDialog) -> None:
        type_text("nguyen")
        key(Qt.Key.Key_Escape)
    open_by_keys(qtbot, SubjectDialog, typed_then_esc, (Qt.Key.Key_M, ALT))
    assert asked == ["Đóng khi chưa lưu?"]
    assert keyboard_back_in(qtbot, window) is page.search

    # a second spouse is refused at once; Enter in the relation list adds (it does not save the household)
    def members(d: MembersDialog) -> None:
        type_text("nguyen van an")
        tab()
        tab()
        type_text("vo")
        enter()
        assert "Hộ đã có" not in d.error.text() and d.list.rowCount() == 2
        assert d.relation.currentText() == "Con" and d.isVisible()
        type_text("nguyen van an")  # the one added is not offered again: the other An
        assert d.found.count() == 1 and "1990" in d.found.currentText()
        tab()
        tab()
        type_text("chong")
        enter()
        assert d.error.text().startswith("Hộ đã có vợ") and d.list.rowCount() == 2
        asked.clear()
        key(Qt.Key.Key_Escape)
    add(office, "Nguyễn Văn An", birth="1990", village="Thôn Đông")  # a second An, to be added
    open_by_keys(qtbot, MembersDialog, members, (Qt.Key.Key_V, ALT))
    assert asked == ["Đóng khi chưa lưu?"]

    # Ctrl+N and Esc from this tab: the keyboard is back in this tab's search, not the register's
    from desktop.ui.citizen_dialog import CitizenDialog

    assert keyboard_back_in(qtbot, window) is page.search
    open_by_keys(qtbot, CitizenDialog, lambda d: key(Qt.Key.Key_Escape), (Qt.Key.Key_N, CTRL))
    assert keyboard_back_in(qtbot, window) is page.search

    # registered by Enter, then closed without a save: the row says it is registered
    open_by_keys(qtbot, ModelSheetDialog, lambda d: d.done(0), (Qt.Key.Key_Return, NONE))
    assert page.table.item(0, 2).text() == Status.REGISTERED.label

    # Delete on a row: the household entered by mistake goes, with its reason
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Nhập nhầm chủ hộ", True))
    assert keyboard_back_in(qtbot, window) is page.search
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Delete)
    assert page.table.rowCount() == 0 and "Đã xoá Hộ Trần Thị Bình" in window.statusBar().currentMessage()
    # its unfinished year went with it: the year's counts no longer hold it
    assert office.model_stats.compute(YEAR).models[Model.FAMILY].registered == 0
    assert "đã đăng ký 0" in page.figures.text()


def test_the_review_sheet_types_over_what_stands(qtbot, office):
    cycle, eid = registered_household(office)
    cycle.record_self(eid, {str(i): 14 for i in range(1, 6)} | {"1": 16, "5": 12})
    sheet = ModelSheetDialog(office, Model.FAMILY, eid)
    qtbot.addWidget(sheet)
    sheet.show()
    keyboard_in(qtbot, sheet)
    assert sheet.kind.name == "SELF"
    enter()
    enter()
    type_text("12")  # Enter reached the third field: the digits replace its 14 ("gõ đè")
    assert sheet.fields["3"].value() == 12 and sheet.error.isHidden()


def test_a_recognized_household_is_not_asked_a_reason_to_withdraw(qtbot, office, monkeypatch, quiet_messages):
    from PySide6.QtWidgets import QInputDialog

    from tests.services.test_model_stats import recognize

    home = household(office)
    recognize(office, Model.FAMILY, [home])
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a) or ("", False))
    page.withdraw()
    assert asked == [] and "Không thể rút tên khi hồ sơ ở bước “Được công nhận”" in quiet_messages[-1]
