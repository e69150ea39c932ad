"""The learning models' page, as a clerk uses it: add a household (its head found as one types), register the
commune's households for the year, type a score sheet, the branch's confirmation, the proposal list and the
decision; the year's rate against 387's target shown beneath."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.ui import models_page
from desktop.ui.models_page import ModelDecisionDialog, ModelSheetDialog, ModelsPage, SubjectDialog
from tests.conftest import add
from tests.ui.keys import press, type_text

YEAR = 2026
pytestmark = pytest.mark.usefixtures("quiet_messages")


def test_a_family_from_adding_to_the_decision(qtbot, office, monkeypatch):
    add(office, "Nguyễn Văn An", birth="1970", village="Thôn Đông")
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    page.show()
    assert page.model is Model.FAMILY and page.table.rowCount() == 0

    dialog = SubjectDialog(office, Model.FAMILY, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.village.setCurrentIndex(dialog.village.findText("Thôn Đông"))
    dialog.head_search.setFocus()
    type_text("nguyen van a", dialog.head_search)
    assert dialog.head.count() == 1 and dialog.name.text() == "Hộ Nguyễn Văn An"
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted

    page.refresh()
    assert page.table.rowCount() == 1 and page.table.item(0, 2).text() == "Chưa đăng ký năm này"
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert page.table.item(0, 2).text() == Status.REGISTERED.label
    page.table.selectRow(0)

    eid = page.selected()[1]
    sheet = ModelSheetDialog(office, Model.FAMILY, eid, page)
    qtbot.addWidget(sheet)
    sheet.show()
    boxes = list(sheet.boxes.values())
    for box in boxes:
        box.setFocus()
        box.selectAll()
        type_text(str(box.maximum()), box)
    assert sheet.verdict.text() == "Kết quả: đạt: 100 điểm"
    first = boxes[0]
    first.setFocus()
    first.selectAll()
    type_text("5", first)  # a criterion that must be met, under its minimum
    assert "chưa đạt: tiêu chí 1 dưới 15 điểm" in sheet.verdict.text()
    first.selectAll()
    type_text("20", first)
    press(Qt.Key.Key_Return, boxes[-1])  # Enter saves, as in every form
    assert sheet.result() == QDialog.DialogCode.Accepted
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert page.table.item(0, 2).text() == Status.REVIEWED.label
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert page.table.item(0, 2).text() == Status.PROPOSED.label

    decision = ModelDecisionDialog(office, Model.FAMILY, YEAR, page)
    qtbot.addWidget(decision)
    decision.show()
    decision.number.setFocus()
    type_text("7/QĐ-HKH", decision.number)
    decision.signed_on.setText("25/11/2026")
    decision.signer.setText("Nguyễn Văn Hùng")
    decision.save()
    assert decision.recognized == 1
    page.refresh()
    assert page.table.item(0, 2).text() == Status.RECOGNIZED.label
    assert "Gia đình học tập được công nhận 1 / 1 (100,0%)" in page.figures.text() and "70%" in page.figures.text()


def test_the_other_models_and_the_refusals(qtbot, office, monkeypatch):
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    page.model_box.setCurrentIndex(page.model_box.findData(Model.COMMUNITY))
    assert page.table.rowCount() == 3 and not page.add_button.isEnabled()  # the office's villages
    page.search.setFocus()
    type_text("dong", page.search)
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "Thôn Đông"
    said = []
    monkeypatch.setattr(models_page.messages, "inform", lambda _p, title, text: said.append(text))
    page.table.selectRow(0)
    qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    assert "chưa đăng ký năm 2026" in said[-1]
    page.model_box.setCurrentIndex(page.model_box.findData(Model.UNIT))
    unit = SubjectDialog(office, Model.UNIT, page)
    qtbot.addWidget(unit)
    unit.save()
    assert unit.error.text() == "Tên đơn vị: chưa nhập."
    unit.name.setText("Trường Tiểu học Hàm Thuận")
    unit.kind.setCurrentIndex(unit.kind.findData("truong-hoc"))
    unit.headcount.setValue(25)
    unit.save()
    page.search.clear()
    page.refresh()
    assert page.table.item(0, 0).text() == "Trường Tiểu học Hàm Thuận"
    assert page.table.item(0, 1).text() == "Trường học, 0 người trong sổ / 25"
    decision = ModelDecisionDialog(office, Model.UNIT, YEAR, page)
    qtbot.addWidget(decision)
    decision.number.setText("9/QĐ-HKH")
    decision.signed_on.setText("31/02/2026")
    decision.save()
    assert "dd/mm/yyyy" in decision.error.text()
    decision.signed_on.setText("25/11/2026")
    decision.save()
    assert decision.error.text() == "Chưa nhập số quyết định hoặc người ký."  # no signer set up yet
    decision.signer.setText("Nguyễn Văn Hùng")
    decision.save()
    assert "đang trống" in decision.error.text()


def test_a_households_members_added_and_removed(qtbot, office):
    from desktop.services.model_registers import HouseholdDraft
    from desktop.ui.models_page import MembersDialog
    from tests.conftest import village_id

    an = add(office, "Nguyễn Văn An", birth="1970", village="Thôn Đông")
    binh = add(office, "Trần Thị Bình", birth="1972", village="Thôn Đông")
    cuong = add(office, "Lê Văn Cường", birth="1990", village="Thôn Đông")
    home = office.households.save(HouseholdDraft("Hộ ông An", village_id(office, "Thôn Đông"), an))
    office.households.save(HouseholdDraft("Hộ anh Cường", village_id(office, "Thôn Đông"), cuong))
    dialog = MembersDialog(office, home)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.rowCount() == 1 and dialog.list.item(0, 1).text() == "Chủ hộ"
    dialog.find.setFocus()
    type_text("tran thi", dialog.find)
    assert dialog.found.count() == 1
    dialog.relation.setCurrentText("Vợ")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.list.rowCount() == 2 and dialog.list.item(1, 1).text() == "Vợ"
    type_text("le van c", dialog.find)  # already the head of another household: refused at saving, named
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.save()
    assert "Lê Văn Cường đã ở “Hộ anh Cường”" in dialog.error.text()
    dialog.list.selectRow(2)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    dialog.list.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "Chủ hộ không bỏ khỏi hộ được" in dialog.error.text()
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert office.households.members(home) == {an: "Chủ hộ", binh: "Vợ"}


def test_workplaces_matched_once_to_units(qtbot, office):
    from desktop.domain.groups import CitizenGroup
    from desktop.services.model_registers import OrganisationDraft
    from desktop.ui.models_page import WorkplacesDialog

    for name in ("Lê Văn Dũng", "Phạm Thị Em"):
        add(office, name, birth="1980", group=CitizenGroup.OFFICIAL, occupation="Giáo viên Trường Tiểu học")
    school = office.organisations.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25))
    dialog = WorkplacesDialog(office)
    qtbot.addWidget(dialog)
    assert dialog.texts.rowCount() == 1 and dialog.texts.item(0, 1).text() == "2"
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert "Chọn một nơi làm việc" in dialog.said.text()
    dialog.texts.selectRow(0)
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.said.text() == "Đã gắn 2 người làm ở “Giáo viên Trường Tiểu học” vào Trường Tiểu học Hàm Thuận."
    assert dialog.texts.rowCount() == 0 and len(office.organisations.staff(school)) == 2


def test_a_models_papers_from_the_window(qtbot, office, tmp_path):
    from desktop.services.model_registers import HouseholdDraft
    from desktop.services.printing import DocumentKind
    from desktop.ui.models_page import ModelPrintDialog
    from desktop.ui.passphrase import PassphraseKeeper
    from tests.conftest import village_id
    from tests.services.test_model_stats import recognize

    office.keys.create("mat-khau-dai-du")
    home = office.households.save(HouseholdDraft("Hộ ông An", village_id(office, "Thôn Đông"),
                                                 add(office, "Nguyễn Văn An", birth="1970")))
    keeper = PassphraseKeeper()
    dialog = ModelPrintDialog(office, Model.FAMILY, YEAR, keeper)
    qtbot.addWidget(dialog)
    assert dialog.save_to(tmp_path / "dang-ky.pdf")  # the registration forms: every household, registered or not
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.PROPOSAL.value))
    assert not dialog.save_to(tmp_path / "de-nghi.pdf")
    assert "đang trống" in dialog.status.text() and not (tmp_path / "de-nghi.pdf").exists()
    recognize(office, Model.FAMILY, [home])
    assert dialog.save_to(tmp_path / "de-nghi.pdf") and (tmp_path / "de-nghi.pdf").read_bytes().startswith(b"%PDF")
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.CERTIFICATE.value))
    assert dialog.sign.isChecked()
    keeper.keep("sai-mat-khau")
    assert not dialog.save_to(tmp_path / "gcn.pdf") and keeper.value is None  # a wrong one is not kept
    keeper.keep("mat-khau-dai-du")
    assert dialog.save_to(tmp_path / "gcn.pdf") and "(1)" in dialog.status.text()


def test_a_household_list_and_a_province_set_from_the_page(qtbot, office, tmp_path, monkeypatch, quiet_messages):
    import json

    from openpyxl import Workbook

    from desktop.resources import resource
    from desktop.ui import messages

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


def test_the_pages_access_keys_are_its_own(qtbot, office):
    """Alt+letter on the page's buttons: none taken twice, none a menu's (Alt+E is the Excel menu)."""
    import re

    from PySide6.QtWidgets import QPushButton

    from desktop.ui.main_window import MainWindow

    window = MainWindow(office, YEAR)
    qtbot.addWidget(window)

    def key(text: str) -> str | None:
        found = re.search(r"&(\w)", text)
        return found.group(1).lower() if found else None

    menus = {key(a.text()) for a in window.menuBar().actions()} - {None}
    page = [key(b.text()) for b in window.models.findChildren(QPushButton)]
    page = [k for k in page if k]
    assert len(page) == len(set(page)) and not set(page) & menus, (page, menus)


def test_households_from_the_registers_addresses_on_the_page(qtbot, office, monkeypatch, quiet_messages):
    from desktop.domain.sex import Sex
    from desktop.ui import messages

    add(office, "Nguyễn Văn An", birth="1960", village="Thôn Đông", address="Số 12, xóm 3")
    add(office, "Trần Thị Bình", birth="1958", village="Thôn Đông", address="Số 12, xóm 3", sex=Sex.FEMALE)
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: "1 hộ (2 người" in text)
    assert page.build_households() == 1
    assert page.table.rowCount() == 1 and "Nguyễn Văn An" in page.table.item(0, 0).text()
    assert page.build_households() == 0 and "Không có ai trong sổ ghi địa chỉ" in quiet_messages[-1]


def test_a_withdrawal_and_its_undoing(qtbot, office, monkeypatch, quiet_messages):
    from PySide6.QtWidgets import QInputDialog

    from desktop.services.model_registers import ClanDraft

    office.clans.save(ClanDraft("Họ Nguyễn (chi trưởng)"))
    page = ModelsPage(office, YEAR)
    qtbot.addWidget(page)
    page.model_box.setCurrentIndex(page.model_box.findData(Model.CLAN))
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
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
