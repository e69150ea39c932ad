"""A criteria set with four groups (as the national site is reported to offer), end to end: entry, a
roster, the year's cycle, sheets, statistics, the package, the upper level's report and workbook, and
the upper level again after the program starts anew."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain import groups
from desktop.domain.citizen import CitizenDraft
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.desk import open_register
from desktop.services.office import OfficeSetup
from desktop.services.printing import DocumentKind, PrintService
from desktop.services.roster import Outcome, RosterService
from tests.exchange.conftest import PASS, YEAR
from tests.unit.test_criteria import four_group_doc

ELDER = "Người cao tuổi"


@pytest.fixture
def fresh_groups():
    yield
    groups.reset()  # the other tests know the programme's three only


def test_four_groups_end_to_end(tmp_path, fresh_groups):
    commune = open_register(tmp_path / "xa", today=lambda: date(2026, 11, 25))
    commune.office.set_up(OfficeSetup(68, "Lâm Đồng", 23059, "Xã Hàm Thuận", "Hội Khuyến học xã Hàm Thuận",
                                      "Nguyễn Thị Lan", "Hội Khuyến học tỉnh Lâm Đồng", ("Thôn 1", "Thôn 2")))
    (tmp_path / "bon-nhom.json").write_text(json.dumps(four_group_doc(), ensure_ascii=False), encoding="utf-8")
    info = commune.criteria.import_file(tmp_path / "bon-nhom.json")
    commune.criteria.choose_for_year(YEAR, info.id)
    elder = CitizenGroup(4)
    assert elder.short_label == ELDER and list(CitizenGroup)[-1] is elder

    # entry and a roster
    village = commune.office.villages()[0].id
    saved = commune.citizens.register(CitizenDraft("Hoàng Văn Bốn", "1950", Sex.MALE, "", village, elder),
                                      accept_warnings=True)
    assert saved.saved and commune.citizens.get(saved.citizen_id).draft.group is elder
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Nhóm"])
    book.active.append(["Lý Thị Năm", 1952, "Nữ", "Thôn 1", "Người cao tuổi"])
    book.active.append(["Đặng Văn Sáu", 1948, "Nam", "Thôn 2", 4])
    book.active.append(["Trần Văn Bảy", 1980, "Nam", "Thôn 2", "Nông dân"])
    book.save(tmp_path / "r.xlsx")
    roster = RosterService(commune)
    dry = roster.dry_run(tmp_path / "r.xlsx")
    assert [(r.outcome, r.data.group) for r in dry.results] == [(Outcome.NEW, elder), (Outcome.NEW, elder),
                                                                (Outcome.NEW, CitizenGroup.FARMER)]
    roster.import_rows(dry)

    # the year: registered, scored on the fourth group's own indicators, recognized
    assert commune.enrolments.register_all(YEAR) == 4
    rows = commune.enrolments.page(EnrolmentFilter(YEAR, group=4), 0, 10)
    assert len(rows) == 3
    indicators = commune.criteria.get(info.id).indicators(4)
    for r in rows:
        assert commune.enrolments.record_self(r.id, {i.code: 9 for i in indicators}).passed
        commune.enrolments.record_review(r.id, None)  # the branch confirms the sheet
    commune.recognition.propose(commune.recognition.candidates(YEAR))
    commune.recognition.record_decision(YEAR, "7/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng")
    sheet = commune.enrolments.sheet(rows[0].id)
    assert sheet.indicators[0].text.startswith(f"{ELDER}: ")

    # paper: the sheets print the fourth group's wording and name
    pdf = PrintService(commune).render(DocumentKind.ASSESSMENT_SHEET, YEAR).pdf
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Người cao tuổi, nội trợ" in " ".join(text.split()) and f"{ELDER}:" in text

    # statistics
    stats = commune.stats.compute(YEAR)
    line = next(g for g in stats.groups if g.group is elder)
    assert (line.label, line.registered, line.recognized) == (ELDER, 3, 3)
    assert [int(g.group) for g in stats.groups] == [1, 2, 3, 4]

    # the package, and the upper level
    upper = open_register(tmp_path / "tinh")
    upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng",
                                    "Trần Văn Tỉnh", "Trung ương Hội Khuyến học Việt Nam", (), kind="upper"))
    upper.keys.create(PASS)
    commune.keys.create(PASS)
    commune.keys.import_upper(*upper.keys.write_public_files(tmp_path / "khoa-tinh"))
    signing, _ = commune.keys.write_public_files(tmp_path / "khoa-xa")
    upper.keys.register(23059, "Hội Khuyến học xã Hàm Thuận", signing)
    name, data = commune.sending.export(YEAR, PASS)
    (tmp_path / name).write_bytes(data)
    groups.reset()  # the upper level's own process: it has never seen the fourth group
    upper.close()
    upper = open_register(tmp_path / "tinh")
    with pytest.raises(ValueError):
        CitizenGroup(4)
    upper.receiving.unlock(PASS)
    upper.receiving.merge(upper.receiving.check(tmp_path / name, PASS))
    report = upper.area.report(YEAR)
    assert report.groups[4]["recognized"] == 3 and CitizenGroup(4).short_label == ELDER
    book = load_workbook(io.BytesIO(upper.area.workbook(YEAR)))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert ELDER in cells

    groups.reset()  # started anew: the groups come back from the packages held
    upper.close()
    upper = open_register(tmp_path / "tinh")
    upper.area.define_groups()
    assert CitizenGroup(4).short_label == ELDER
    assert upper.area.report(YEAR).groups[4]["registered"] == 3
    for r in (upper, commune):
        r.close()
