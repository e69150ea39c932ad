from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.cycle import Status
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.ui import messages
from desktop.ui.assessment_dialog import AssessmentDialog, SheetKind
from desktop.ui.dashboard_page import DashboardPage
from desktop.ui.enrolment_page import EnrolmentPage, RegisterDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.recognition_page import DecisionDialog, RecognitionPage
from desktop.ui.year_settings_dialog import YearSettingsDialog
from tests.conftest import add
from tests.ui.keys import enter, focused, press, type_text

YEAR = 2026


pytestmark = pytest.mark.usefixtures("quiet_messages")


@pytest.fixture
def people(office):
    ids = [add(office, "Nguyễn Văn An", birth="1980"),
           add(office, "Trần Thị Bình", sex=Sex.FEMALE, birth="1985", village="Thôn Đông"),
           add(office, "Lê Văn Cường", birth="1975", group=CitizenGroup.OFFICIAL, occupation="Công chức UBND xã")]
    office.enrolments.register_all(YEAR)
    return office, [office.enrolments.of_citizen(c, YEAR) for c in ids]


def open_sheet(qtbot, register, eid, kind):
    dialog = AssessmentDialog(register.enrolments, eid, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    first = next(iter(dialog.fields.values()))
    first.setFocus()
    qtbot.waitUntil(lambda: focused() is first)
    return dialog


def type_sheet(values):
    for v in values:
        type_text(str(v))
        enter()


def test_a_whole_paper_sheet_typed_with_keys(qtbot, people):
    register, (an, _, _) = people
    dialog = open_sheet(qtbot, register, an, SheetKind.SELF)
    assert list(dialog.fields) == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    type_text("9")
    assert dialog.total.text().startswith("Tổng: 9 điểm — chưa chấm đủ: còn thiếu 9 chỉ số")
    enter()
    type_sheet([9, 8, 9, 8, 8, 9, 9, 9])
    assert dialog.total.text() == "Tổng: 78 điểm — chưa chấm đủ: còn thiếu 1 chỉ số (3.2); tạm tính 78 điểm"
    type_text("8")
    assert dialog.total.text() == "Tổng: 86 điểm — đạt: 86 điểm"
    enter()  # Enter on the last field saves
    assert not dialog.isVisible()
    sheet = register.enrolments.sheet(an)
    assert sheet.status is Status.SELF_ASSESSED and sheet.verdict == "đạt: 86 điểm"
    assert sheet.self_scores == {"1.1": 9, "1.2": 9, "1.3": 8, "1.4": 9, "2.1": 8, "2.2": 8, "2.3": 9, "2.4": 9,
                                 "3.1": 9, "3.2": 8}


def test_values_outside_zero_to_ten_never_reach_the_field(qtbot, people):
    register, (an, _, _) = people
    dialog = open_sheet(qtbot, register, an, SheetKind.SELF)
    field = dialog.fields["1.1"]
    type_text("11", field)
    assert field.text() == "1"  # unchanged, and the clerk is told why
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("Chỉ số 1.1: không nhận “11” — điểm là số nguyên từ 0 đến 10.")
    type_text("a-5", field)
    assert field.text() == "1" and "không nhận “15”" in dialog.error.text()  # the last key refused
    field.clear()
    type_text("-", field)
    assert field.text() == "" and "không nhận “-”" in dialog.error.text() and "Ô vẫn giữ trống" in dialog.error.text()
    type_text("7", field)
    assert field.text() == "7" and not dialog.error.isVisible()  # a key taken clears the message
    field.clear()
    type_text("10", field)
    assert field.text() == "10"
    field.clear()
    type_text("07", field)
    assert field.text() == "0"


def test_esc_on_a_typed_sheet_asks_before_closing(qtbot, people, monkeypatch):
    register, (an, _, _) = people
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a[1]) or False)
    dialog = open_sheet(qtbot, register, an, SheetKind.SELF)
    type_sheet([9, 8])
    press(Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == ["Đóng phiếu chưa lưu?"]
    assert dialog.scores()["1.2"] == 8
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert register.enrolments.sheet(an).self_scores in (None, {})


def test_review_prefilled_corrected_and_both_kept(qtbot, people):
    register, (an, _, _) = people
    register.enrolments.record_self(an, dict.fromkeys(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4",
                                                       "3.1", "3.2"], 9))
    dialog = open_sheet(qtbot, register, an, SheetKind.REVIEW)
    assert dialog.fields["2.2"].text() == "9"
    dialog.fields["2.2"].setFocus()
    dialog.fields["2.2"].selectAll()
    type_text("4")
    assert "chưa đạt: chỉ số 2.2 dưới 5 điểm" in dialog.total.text()
    dialog.note.setFocus()
    type_text("Chưa biết dùng máy tính")
    enter()
    sheet = register.enrolments.sheet(an)
    assert sheet.status is Status.REVIEWED and sheet.review_scores["2.2"] == 4 and sheet.self_scores["2.2"] == 9
    assert sheet.review_note == "Chưa biết dùng máy tính"


def test_correction_needs_a_reason(qtbot, people):
    register, (an, _, _) = people
    register.enrolments.record_self(an, dict.fromkeys(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4",
                                                       "3.1", "3.2"], 9))
    register.enrolments.record_review(an, None)
    register.recognition.propose([an])
    register.recognition.record_decision(YEAR, "3/QĐ-HKH", date(2026, 11, 20), "Nguyễn Văn Hùng")
    dialog = open_sheet(qtbot, register, an, SheetKind.CORRECTION)
    dialog.save()
    assert "cần ghi rõ lý do" in dialog.error.text()
    assert register.enrolments.sheet(an).status is Status.RECOGNIZED


def test_enrolment_page_register_filter_and_enter(qtbot, office, monkeypatch):
    add(office, "Nguyễn Văn An", birth="1980")
    add(office, "Trần Thị Bình", sex=Sex.FEMALE, birth="1985", village="Thôn Đông")
    page = EnrolmentPage(office, YEAR)
    qtbot.addWidget(page)
    assert page.model.total == 0
    dialog = RegisterDialog(office, YEAR)
    qtbot.addWidget(dialog)
    dialog.on.setText("31/02/2026")
    dialog.run()
    assert "không phải ngày" in dialog.error.text()
    dialog.on.setText("15/01/2026")
    dialog.village.setCurrentIndex(dialog.village.findText("Thôn Đông"))
    dialog.run()
    assert dialog.done_count == 1
    page.refresh()
    assert page.model.total == 1 and page.model.index(0, 4).data() == "Đã đăng ký"
    opened = []
    monkeypatch.setattr(AssessmentDialog, "exec", lambda self: opened.append(self.kind))
    page.table.setFocus()
    press(Qt.Key.Key_Return, page.table)
    assert opened == [SheetKind.SELF]
    page.status.setCurrentIndex(page.status.findData(Status.RECOGNIZED.value))
    assert page.model.total == 0


def test_proposal_decision_and_dashboard(qtbot, people):
    register, (an, binh, cuong) = people
    nines = dict.fromkeys(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"], 9)
    for eid in (an, cuong):
        register.enrolments.record_self(eid, nines)
        register.enrolments.record_review(eid, None)
    register.enrolments.record_self(binh, {**nines, "2.2": 3})
    register.enrolments.record_review(binh, None)
    page = RecognitionPage(register, YEAR)
    qtbot.addWidget(page)
    assert "2 người đạt chưa được đưa vào danh sách" in page.summary.text()
    page.propose_all()
    assert page.model.total == 2
    dialog = DecisionDialog(register, YEAR)
    qtbot.addWidget(dialog)
    dialog.run()
    assert dialog.error.text() == "Chưa nhập số quyết định."
    type_text("15/QĐ-HKH", dialog.number)
    type_text("Nguyễn Văn Hùng", dialog.signer_name)
    dialog.run()
    assert dialog.result.decision.recognized == 2 and dialog.result.not_recognized == 1
    page.refresh()
    assert "Quyết định số 15/QĐ-HKH" in page.decisions.text()
    assert page.model.total == 0  # nobody left on the proposal list
    page.show_status(Status.RECOGNIZED)
    assert sorted(page.model.index(r, 0).data() for r in range(2)) == ["Lê Văn Cường", "Nguyễn Văn An"]
    assert register.enrolments.sheet(binh).status is Status.NOT_RECOGNIZED

    board = DashboardPage(register, YEAR)
    qtbot.addWidget(board)
    cells = [[board.groups.item(r, c).text() for c in range(4)] for r in range(board.groups.rowCount())]
    assert cells[0] == ["Nông dân, lao động nông thôn", "1", "2 (theo sổ)", "50,0%"]
    assert cells[2] == ["Cán bộ, công chức, doanh nhân", "1", "1 (theo sổ)", "100,0%"]
    assert cells[3][0] == "Toàn xã"
    assert board.groups.item(0, 6).text() == "50,0%"  # of the registered (1 of 2 farmers registered)
    assert board.groups.item(0, 7).text() == "40% — đạt"
    assert len(board.chart.chart().series()[0].barSets()) == 3
    settings = YearSettingsDialog(register, YEAR)
    qtbot.addWidget(settings)
    settings.adults[CitizenGroup.FARMER].setValue(20)
    settings.own_target.setValue(45)
    settings.save()
    board.refresh()
    assert board.groups.item(0, 2).text() == "20" and board.groups.item(0, 3).text() == "5,0%"
    assert board.groups.item(0, 9).text() == "45% — chưa đạt"
    assert len(board.chart.chart().series()[0].barSets()) == 4


def test_year_settings_import_of_a_broken_set(qtbot, office, tmp_path):
    (tmp_path / "tinh.json").write_text("{ không phải json", encoding="utf-8")
    dialog = YearSettingsDialog(office, YEAR)
    qtbot.addWidget(dialog)
    dialog.import_path(tmp_path / "tinh.json")
    assert "Không nhập được tinh.json" in dialog.error.text() and "JSON" in dialog.error.text()
    assert dialog.criteria.count() == 1


def test_main_window_year_selector_reaches_every_page(qtbot, people):
    register, _ = people
    window = MainWindow(register, year=YEAR)
    qtbot.addWidget(window)
    assert window.cycle.model.total == 0  # the year's pages load when first shown
    window.tabs.setCurrentWidget(window.cycle)
    assert window.cycle.model.total == 3
    window.year.setValue(2025)
    assert window.cycle.model.total == 0
    window.tabs.setCurrentWidget(window.dashboard)
    assert window.dashboard.title.text() == "Tổng hợp năm 2025"
    assert register.enrolments.count(EnrolmentFilter(2025)) == 0
    window.year.setValue(YEAR)
    window.tabs.setCurrentWidget(window.citizens)
    window.citizens.table.selectRow(0)
    window.register_selected()
    window.tabs.setCurrentWidget(window.cycle)
    assert window.cycle.model.total == 3 and window.cycle.plan_label.text().startswith("Năm 2026")


def test_scanning_a_returned_sheet_finds_it(qtbot, people):
    register, (_, binh, _) = people
    from desktop.db.models import Enrolment

    with register.db.reader() as s:
        code = s.get(Enrolment, binh).uuid
    page = EnrolmentPage(register, YEAR)
    qtbot.addWidget(page)
    page.filters.search.setFocus()
    type_text(code, page.filters.search)  # what a USB scanner types
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=2000)
    assert page.selected().full_name == "Trần Thị Bình"


def test_the_clerk_confirms_a_holders_digital_skills(qtbot, people, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from desktop.domain.digital import DigitalSkill

    register, (an, _binh, _cuong) = people
    indicators = register.enrolments.sheet(an).indicators
    register.enrolments.record_self(an, {i.code: 9 for i in indicators} | {"2.1": 6})
    assert register.enrolments.digital_of(an) == (DigitalSkill.BASIC, False)  # proposed from the sheet
    page = EnrolmentPage(register, YEAR)
    qtbot.addWidget(page)
    row = page.model.row_of(an)
    page.table.selectRow(row)
    asked = []

    def answer(_parent, _title, text, items, current, _editable):  # noqa: ANN001
        asked.append((text, items[current]))
        return DigitalSkill.NONE.label, True

    monkeypatch.setattr(QInputDialog, "getItem", answer)
    page.confirm_digital()
    assert "Đề xuất theo điểm chỉ số kỹ năng số: Có kỹ năng số" in asked[0][0] and asked[0][1] == "Có kỹ năng số"
    assert register.enrolments.digital_of(an) == (DigitalSkill.NONE, True)
