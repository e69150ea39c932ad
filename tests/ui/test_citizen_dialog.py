import unicodedata

import pytest
from PySide6.QtCore import Qt

from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.ui.citizen_dialog import CitizenDialog
from tests.conftest import add
from tests.ui.keys import enter, focused, press, tab, type_text


def open_form(qtbot, register, citizen_id=None) -> CitizenDialog:
    dialog = CitizenDialog(register.citizens, register.office.villages(), citizen_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.full_name.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.full_name)
    return dialog


def type_paper_form(name, birth, sex, cccd, village, group, occupation="", phone=""):
    """Field by field with Tab, as the paper form reads."""
    for value in (name, birth, sex, cccd, village, group, occupation, phone):
        type_text(value)
        tab()


def test_whole_form_by_keyboard_then_next_blank(qtbot, office):
    dialog = open_form(qtbot, office)
    saved = []
    dialog.saved.connect(saved.append)
    type_paper_form("trần   văn đức", "05/03/1980", "na", "060 080 123456", "phu l", "1", "Làm ruộng", "0912345678")
    enter()
    assert len(saved) == 1
    rec = office.citizens.get(saved[0])
    d = rec.draft
    assert (d.full_name, d.birth, d.sex, d.cccd, rec.village_name, d.group, d.occupation, d.phone) == (
        "Trần Văn Đức", "05/03/1980", Sex.MALE, "060080123456", "Thôn Phú Lập", CitizenGroup.FARMER,
        "Làm ruộng", "0912345678")
    # the next blank form: personal fields cleared, village and group kept, cursor on the name
    assert dialog.full_name.text() == "" and dialog.birth.text() == "" and dialog.sex.currentData() is None
    assert dialog.village.currentText() == "Thôn Phú Lập"
    assert dialog.group.currentData() == CitizenGroup.FARMER
    assert "Đã lưu: Trần Văn Đức" in dialog.status.text()
    assert focused() is dialog.full_name
    # the second person of the pile
    type_text("lê thị hoa")
    tab()
    type_text("1975")
    tab()
    type_text("nu")
    enter()
    assert len(saved) == 2
    assert office.citizens.get(saved[1]).draft.sex is Sex.FEMALE
    assert office.citizens.get(saved[1]).village_name == "Thôn Phú Lập"


def test_decomposed_input_is_stored_composed(qtbot, office):
    dialog = open_form(qtbot, office)
    saved = []
    dialog.saved.connect(saved.append)
    type_paper_form(unicodedata.normalize("NFD", "Nguyễn Thị Hường"), "1990", "nu", "", "dong", "2")
    enter()
    name = office.citizens.get(saved[0]).draft.full_name
    assert name == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", name)
    assert office.citizens.get(saved[0]).village_name == "Thôn Đông"


def test_errors_show_at_their_fields_and_nothing_is_saved(qtbot, office):
    dialog = open_form(qtbot, office)
    type_paper_form("Trần Văn Đức", "31/02/1980", "na", "06008012345", "phu l", "1")
    enter()
    assert office.citizens.count(CitizenFilter()) == 0
    assert dialog._errors["birth"].text() == "31/02/1980 không phải là một ngày có thật."
    assert "12 chữ số" in dialog._errors["cccd"].text()
    assert not dialog._errors["full_name"].isVisible()
    assert focused() is dialog.birth
    # mend the date and the number: it saves
    dialog.birth.selectAll()
    type_text("28/02/1980")
    dialog.cccd.setFocus()
    dialog.cccd.selectAll()
    type_text("060080123456")
    enter()
    assert office.citizens.count(CitizenFilter()) == 1


def test_future_date_and_empty_name(qtbot, office):
    dialog = open_form(qtbot, office)
    tab()
    type_text("01/01/2030")
    enter()
    assert dialog._errors["full_name"].text() == "Chưa nhập họ và tên."
    assert "ở tương lai" in dialog._errors["birth"].text()
    assert focused() is dialog.full_name


def test_duplicate_warns_and_second_enter_saves(qtbot, office):
    add(office, "Nguyễn Thị Lan", birth="1975", sex=Sex.FEMALE)
    dialog = open_form(qtbot, office)
    type_paper_form("nguyen thi lan", "1975", "nu", "", "phu l", "1")
    enter()
    assert dialog.warnings.isVisible()
    assert "Có thể trùng với Nguyễn Thị Lan" in dialog.warnings.text()
    assert office.citizens.count(CitizenFilter()) == 1
    enter()
    assert office.citizens.count(CitizenFilter()) == 2
    assert not dialog.warnings.isVisible()


def test_taken_cccd_names_the_owner(qtbot, office):
    add(office, "Trần Văn Đức", cccd="060080123456")
    dialog = open_form(qtbot, office)
    type_paper_form("Lê Văn Tám", "1980", "na", "060080123456", "dong", "2")
    enter()
    assert "đã có trong sổ: Trần Văn Đức" in dialog._errors["cccd"].text()
    assert office.citizens.count(CitizenFilter()) == 1
    shown = []
    dialog.show_citizen.connect(shown.append)
    dialog._errors["cccd"].linkActivated.emit(dialog._errors["cccd"].text().split('href="')[1].split('"')[0])
    assert shown == [office.citizens.page(CitizenFilter("060080123456"), 0, 1)[0].id]


def test_young_person_is_a_warning(qtbot, office):
    dialog = open_form(qtbot, office)
    type_paper_form("Phạm Minh Khang", "2014", "na", "", "dong", "1")
    enter()
    assert "chưa thuộc đối tượng" in dialog.warnings.text()


def test_escape_closes_without_saving(qtbot, office):
    dialog = open_form(qtbot, office)
    type_text("Trần Văn Đức")
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert office.citizens.count(CitizenFilter()) == 0


@pytest.mark.parametrize("typed, expected", [("2", "2. Công nhân"), ("can bo", "3. Cán bộ"), ("nong", "1. Nông dân")])
def test_group_list_is_chosen_by_typing(qtbot, office, typed, expected):
    dialog = open_form(qtbot, office)
    dialog.group.setFocus()
    type_text(typed)
    assert dialog.group.currentText().startswith(expected)


def test_edit_saves_and_closes(qtbot, office):
    cid = add(office, "Trần Văn Đức")
    dialog = open_form(qtbot, office, cid)
    assert dialog.full_name.text() == "Trần Văn Đức" and dialog.village.currentText() == "Thôn Phú Lập"
    dialog.phone.setFocus()
    type_text("0987654321")
    enter()
    assert not dialog.isVisible()
    assert office.citizens.get(cid).draft.phone == "0987654321"
    assert office.citizens.history(cid)[-1].details == ["Điện thoại: 0987654321"]


def test_a_name_typed_without_diacritics_needs_a_second_enter(qtbot, office):
    dialog = CitizenDialog(office.citizens, office.office.villages())
    qtbot.addWidget(dialog)
    dialog.show()
    type_text("Le Thi Ngoc Anh", dialog.full_name)
    type_text("1980", dialog.birth)
    type_text("nu", dialog.sex)
    type_text("phu", dialog.village)
    type_text("1", dialog.group)
    dialog.save()
    assert dialog.warnings.isVisible() and "không có dấu tiếng Việt" in dialog.warnings.text()
    assert office.citizens.count(CitizenFilter()) == 0
    dialog.save()  # the second Enter saves it as typed
    assert office.citizens.count(CitizenFilter()) == 1


def test_esc_on_a_typed_form_asks_before_closing(qtbot, office, monkeypatch):
    from desktop.ui import messages

    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a[1]) or False)
    dialog = CitizenDialog(office.citizens, office.office.villages())
    qtbot.addWidget(dialog)
    dialog.show()
    press(Qt.Key.Key_Escape, dialog.full_name)  # nothing typed: closes without a question
    assert not dialog.isVisible() and asked == []
    dialog.show()
    type_text("Nguyễn Thị Lan", dialog.full_name)
    press(Qt.Key.Key_Escape, dialog.full_name)
    assert dialog.isVisible() and asked == ["Đóng khi chưa lưu?"]
    assert dialog.full_name.text() == "Nguyễn Thị Lan"


def test_a_fixed_field_loses_its_stale_message(qtbot, office):
    dialog = CitizenDialog(office.citizens, office.office.villages())
    qtbot.addWidget(dialog)
    dialog.show()
    type_text("31/02/1980", dialog.birth)
    dialog.save()
    assert dialog._errors["birth"].isVisible()
    dialog.birth.selectAll()
    type_text("1980", dialog.birth)
    assert not dialog._errors["birth"].isVisible()


# Issue 21: a warning goes as soon as what it is about is corrected ---------------------------------------

def retype(widget, text: str) -> None:  # noqa: ANN001
    """Into one field by the keyboard: select what is there (Ctrl+A) and type over it."""
    from PySide6.QtTest import QTest

    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(text, widget)


def warned(qtbot, office, name, birth, sex, cccd) -> CitizenDialog:  # noqa: ANN001
    before = office.citizens.count(CitizenFilter())
    dialog = open_form(qtbot, office)
    type_paper_form(name, birth, sex, cccd, "phu l", "1")
    enter()
    assert dialog.warnings.isVisible()
    assert office.citizens.count(CitizenFilter()) == before
    return dialog


def test_a_cccd_warning_goes_once_the_cccd_is_corrected(qtbot, office):
    dialog = warned(qtbot, office, "Lê Thị Hoa", "1980", "nu", "060080123456")
    assert "giới tính Nam, hồ sơ ghi Nữ" in dialog.warnings.text()
    retype(dialog.cccd, "060180123456")  # the woman's digit
    assert not dialog.warnings.isVisible()
    enter()  # one Enter saves: nothing is left to warn of
    assert office.citizens.count(CitizenFilter()) == 1


def test_a_cccd_warning_goes_once_the_sex_is_corrected(qtbot, office):
    dialog = warned(qtbot, office, "Lê Văn Hòa", "1980", "nu", "060080123456")
    dialog.sex.setFocus()
    type_text("na")
    assert dialog.sex.currentText() == "Nam" and not dialog.warnings.isVisible()
    enter()
    assert office.citizens.count(CitizenFilter()) == 1


def test_a_cccd_birth_year_warning_follows_the_birth_date(qtbot, office):
    dialog = warned(qtbot, office, "Lê Văn Hòa", "1981", "na", "060080123456")
    assert "năm sinh 1980, hồ sơ ghi 1981" in dialog.warnings.text()
    retype(dialog.birth, "1982")  # still wrong: the warning stays, about what is typed now
    assert dialog.warnings.isVisible() and "hồ sơ ghi 1982" in dialog.warnings.text()
    retype(dialog.birth, "12/06/1980")
    assert not dialog.warnings.isVisible()
    enter()
    assert office.citizens.get(office.citizens.page(CitizenFilter(), 0, 1)[0].id).draft.birth == "12/06/1980"


def test_of_two_warnings_the_corrected_one_goes_and_the_other_stays(qtbot, office):
    dialog = warned(qtbot, office, "Lê Văn Hòa", "1981", "nu", "060080123456")
    assert "giới tính Nam" in dialog.warnings.text() and "hồ sơ ghi 1981" in dialog.warnings.text()
    dialog.sex.setFocus()
    type_text("na")
    assert dialog.warnings.isVisible()
    assert "giới tính" not in dialog.warnings.text() and "hồ sơ ghi 1981" in dialog.warnings.text()
    enter()  # the warning in view is the one a second Enter accepts
    assert office.citizens.count(CitizenFilter()) == 1


@pytest.mark.parametrize("name, birth, field, fixed, said", [
    ("Hoa", "1980", "full_name", "Lê Thị Hoa", "chỉ có một chữ"),
    ("Le Thi Hoa", "1980", "full_name", "Lê Thị Hoa", "không có dấu tiếng Việt"),
    ("Lê Thị Hoa", "2014", "birth", "1980", "chưa thuộc đối tượng"),
    ("Nguyễn Thị Lan", "1975", "full_name", "Nguyễn Thị Lanh", "Có thể trùng"),
])
def test_every_warning_of_the_form_goes_once_its_field_is_corrected(qtbot, office, name, birth, field, fixed, said):
    add(office, "Nguyễn Thị Lan", birth="1975", sex=Sex.FEMALE)
    dialog = warned(qtbot, office, name, birth, "nu", "")
    assert said in dialog.warnings.text()
    retype(dialog._fields[field], fixed)
    assert not dialog.warnings.isVisible()
    enter()
    assert office.citizens.count(CitizenFilter()) == 2
