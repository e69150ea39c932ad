import json
from datetime import date
from pathlib import Path

import pytest

from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.criteria import CriteriaError
from desktop.domain.cycle import Status
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.enrolments import CycleError
from tests.conftest import add, village_id

YEAR = 2026
CODES = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]


def sc(*values):
    return dict(zip(CODES, values, strict=True))


GOOD = sc(9, 9, 8, 9, 8, 8, 9, 9, 9, 8)       # 86
LOW_ONE = sc(9, 9, 9, 9, 9, 4, 9, 9, 9, 9)    # 2.2 below 5
LOW_TOTAL = sc(8, 8, 7, 7, 7, 7, 7, 8, 8, 7)  # 74


@pytest.fixture
def year(office):
    people = {
        "an": add(office, "Nguyễn Văn An", birth="1980"),
        "binh": add(office, "Trần Thị Bình", sex=Sex.FEMALE, birth="1985", village="Thôn Đông"),
        "cuong": add(office, "Lê Văn Cường", birth="1975", group=CitizenGroup.OFFICIAL,
                     occupation="Công chức UBND xã"),
        "dung": add(office, "Phạm Thị Dung", sex=Sex.FEMALE, birth="1990", village="Khu phố 3",
                    group=CitizenGroup.WORKER),
    }
    assert office.enrolments.register_all(YEAR, registered_on=date(2026, 1, 15)) == 4
    ids = {k: office.enrolments.of_citizen(v, YEAR) for k, v in people.items()}
    return office, ids


def status(register, eid):
    return register.enrolments.sheet(eid).status


def test_shipped_criteria_are_loaded_once(office):
    sets = office.criteria.sets()
    assert [s.code for s in sets] == ["khung-2023"]
    assert office.criteria.sync_shipped() == []
    assert len(office.criteria.sets()) == 1
    plan = office.enrolments.plan(YEAR)
    assert plan.criteria_name.startswith("Bộ tiêu chí khung") and plan.review_required


def test_register_skips_the_already_registered_and_the_deleted(office):
    a = add(office, "Nguyễn Văn An", birth="1980")
    b = add(office, "Trần Văn Bảo", birth="1981", village="Thôn Đông")
    c = add(office, "Lê Thị Cúc", sex=Sex.FEMALE, birth="1982")
    office.citizens.delete(c, "Chuyển đi nơi khác")
    assert office.enrolments.register([a], YEAR) == 1
    assert office.enrolments.register_all(YEAR, village_id=village_id(office, "Thôn Phú Lập")) == 0
    assert office.enrolments.register_all(YEAR) == 1
    assert office.enrolments.of_citizen(b, YEAR) is not None
    assert office.enrolments.of_citizen(c, YEAR) is None
    with pytest.raises(CycleError, match="không thuộc năm 2026"):
        office.enrolments.register([a], YEAR, registered_on=date(2020, 1, 1))


def test_whole_cycle_to_the_decision(year):
    register, ids = year
    e = register.enrolments
    assert e.record_self(ids["an"], GOOD).text == "đạt: 86 điểm"
    assert e.record_self(ids["binh"], LOW_ONE).text == "chưa đạt: chỉ số 2.2 dưới 5 điểm"
    assert e.record_self(ids["cuong"], LOW_TOTAL).text == "chưa đạt: tổng 74 < 80"
    # the branch confirms An, corrects Cường upwards, confirms Bình
    assert e.record_review(ids["an"], None, "Chi hội thôn Phú Lập xác nhận").passed
    assert e.record_review(ids["cuong"], sc(9, 8, 8, 8, 8, 8, 8, 8, 8, 8), "Có chứng chỉ tin học").passed
    e.record_review(ids["binh"], None)
    sheet = e.sheet(ids["cuong"])
    assert sheet.self_scores == LOW_TOTAL and sheet.review_scores["1.1"] == 9  # both sets kept
    assert sheet.review_note == "Có chứng chỉ tin học"

    candidates = register.recognition.candidates(YEAR)
    assert sorted(candidates) == sorted([ids["an"], ids["cuong"]])
    result = register.recognition.propose(candidates + [ids["binh"], ids["dung"]])
    assert result.proposed == 2
    assert any("Trần Thị Bình" in r and "chỉ số 2.2 dưới 5" in r for r in result.refused)
    assert any("Phạm Thị Dung" in r for r in result.refused)
    rows = register.recognition.proposal_list(YEAR)
    assert [(r.full_name, r.village, r.total) for r in rows] == [("Nguyễn Văn An", "Thôn Phú Lập", 86),
                                                                 ("Lê Văn Cường", "Thôn Phú Lập", 81)]
    with pytest.raises(CycleError, match="Chưa có tên người ký"):
        register.recognition.record_decision(YEAR, "12/QĐ-HKH", date(2026, 11, 20))
    done = register.recognition.record_decision(YEAR, "12/QĐ-HKH", date(2026, 11, 20), "Nguyễn Văn Hùng",
                                                "Chủ tịch Hội Khuyến học xã")
    assert done.decision.recognized == 2 and done.not_recognized == 1
    assert status(register, ids["an"]) is Status.RECOGNIZED
    assert status(register, ids["binh"]) is Status.NOT_RECOGNIZED
    assert e.sheet(ids["binh"]).verdict == "chưa đạt: chỉ số 2.2 dưới 5 điểm"
    assert status(register, ids["dung"]) is Status.REGISTERED  # no scores: untouched
    again = register.recognition.propose([ids["cuong"]])
    assert again.proposed == 0 and "Được công nhận" in again.refused[0]
    e.record_self(ids["dung"], GOOD)
    e.record_review(ids["dung"], None)
    register.recognition.propose([ids["dung"]])
    with pytest.raises(CycleError, match="Số 12/QĐ-HKH đã dùng cho quyết định công nhận Công dân học tập"):
        register.recognition.record_decision(YEAR, "12/QĐ-HKH", date(2026, 11, 21), "X")
    assert status(register, ids["dung"]) is Status.PROPOSED  # nothing half-done
    [info] = register.recognition.decisions(YEAR)
    assert (info.number, info.recognized, info.signer_name) == ("12/QĐ-HKH", 2, "Nguyễn Văn Hùng")


def test_after_the_decision_only_an_audited_correction(year):
    register, ids = year
    e = register.enrolments
    e.record_self(ids["an"], GOOD)
    e.record_review(ids["an"], None)
    register.recognition.propose([ids["an"]])
    register.recognition.record_decision(YEAR, "5/QĐ-HKH", date(2026, 11, 20), "Nguyễn Văn Hùng")
    with pytest.raises(CycleError, match="phiếu tự đánh giá chỉ nhập trước"):
        e.record_self(ids["an"], LOW_TOTAL)
    with pytest.raises(CycleError, match="chi hội xét sau khi"):
        e.record_review(ids["an"], LOW_TOTAL)
    with pytest.raises(CycleError, match="cần ghi rõ lý do"):
        e.correct(ids["an"], LOW_TOTAL, " ")
    v = e.correct(ids["an"], LOW_TOTAL, "Nhập nhầm điểm chỉ số 1.3 từ phiếu giấy")
    assert v.text == "chưa đạt: tổng 74 < 80"
    assert status(register, ids["an"]) is Status.NOT_RECOGNIZED
    from desktop.db import audit
    with register.db.reader() as s:
        last = audit.history(s, "enrolment", ids["an"])[-1]
    assert last.changes["Lý do đính chính"] == [None, "Nhập nhầm điểm chỉ số 1.3 từ phiếu giấy"]
    assert last.changes["Bước"] == ["Được công nhận", "Không được công nhận"]


def test_scores_outside_the_range_and_unknown_codes_save_nothing(year):
    register, ids = year
    with pytest.raises(CycleError, match="Chỉ số 2.3: điểm phải từ 0 đến 10"):
        register.enrolments.record_self(ids["an"], sc(9, 9, 9, 9, 9, 9, 11, 9, 9, 9))
    with pytest.raises(CycleError, match="không có trong bộ tiêu chí: 4.1"):
        register.enrolments.record_self(ids["an"], {"4.1": 5})
    sheet = register.enrolments.sheet(ids["an"])
    assert sheet.self_scores is None and sheet.status is Status.REGISTERED


def test_partial_sheet_is_kept_and_cannot_be_reviewed(year):
    register, ids = year
    v = register.enrolments.record_self(ids["an"], {"1.1": 9, "1.2": 8})
    assert not v.complete
    with pytest.raises(CycleError, match="chưa có đủ điểm"):
        register.enrolments.record_review(ids["an"], None)


def test_stale_version_is_refused(year):
    register, ids = year
    version = register.enrolments.sheet(ids["an"]).version
    register.enrolments.record_self(ids["an"], GOOD, version)
    with pytest.raises(CycleError, match="vừa được sửa ở nơi khác"):
        register.enrolments.record_self(ids["an"], LOW_TOTAL, version)


def test_withdraw_and_reinstate(year):
    register, ids = year
    register.enrolments.record_self(ids["an"], GOOD)
    with pytest.raises(CycleError, match="lý do"):
        register.enrolments.withdraw(ids["an"], "")
    register.enrolments.withdraw(ids["an"], "Chuyển đi nơi khác")
    assert status(register, ids["an"]) is Status.WITHDRAWN
    register.enrolments.reinstate(ids["an"])
    assert status(register, ids["an"]) is Status.SELF_ASSESSED
    assert register.enrolments.sheet(ids["an"]).self_scores == GOOD


def test_without_a_separate_review_step(year):
    register, ids = year
    register.enrolments.set_plan(YEAR, review_required=False, own_target_percent=45)
    register.enrolments.record_self(ids["an"], GOOD)
    assert register.recognition.candidates(YEAR) == [ids["an"]]
    assert register.recognition.propose([ids["an"]]).proposed == 1
    assert register.enrolments.plan(YEAR).own_target_percent == 45
    with pytest.raises(CycleError, match="từ 1 đến 100"):
        register.enrolments.set_plan(YEAR, True, 140)


def test_list_filters(year):
    register, ids = year
    register.enrolments.record_self(ids["an"], GOOD)
    rows = register.enrolments.page(EnrolmentFilter(YEAR), 0, 10)
    assert [r.full_name for r in rows] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    assert register.enrolments.count(EnrolmentFilter(YEAR, text="binh")) == 1
    assert register.enrolments.count(EnrolmentFilter(YEAR, statuses=(Status.SELF_ASSESSED.value,))) == 1
    assert register.enrolments.count(EnrolmentFilter(YEAR, group=int(CitizenGroup.OFFICIAL))) == 1
    assert register.enrolments.count(EnrolmentFilter(2025)) == 0


def test_imported_set_is_used_for_new_registrations_only(year, tmp_path):
    register, ids = year
    shipped = json.loads((Path(__file__).resolve().parents[2] / "resources/criteria/khung-2023.json")
                         .read_text(encoding="utf-8"))
    shipped["id"] = "lam-dong-2026"
    shipped["name"] = "Bộ tiêu chí tỉnh Lâm Đồng"
    shipped["groups"]["1"][0]["text"] = "Đọc sách ở thư viện thôn mỗi tháng."
    path = tmp_path / "lam-dong.json"
    path.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    info = register.criteria.import_file(path)
    register.criteria.choose_for_year(YEAR, info.id)
    new = add(register, "Đỗ Văn Em", birth="1970")
    register.enrolments.register([new], YEAR)
    new_sheet = register.enrolments.sheet(register.enrolments.of_citizen(new, YEAR))
    assert new_sheet.indicators[0].text == "Đọc sách ở thư viện thôn mỗi tháng."
    assert register.enrolments.sheet(ids["an"]).criteria_name.startswith("Bộ tiêu chí khung")  # kept its set
    shipped["groups"]["1"][0]["text"] = "Khác đi."
    path.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CriteriaError, match="Đã có bộ tiêu chí mã “lam-dong-2026” với nội dung khác"):
        register.criteria.import_file(path)
    (tmp_path / "hong.json").write_bytes(b"{ broken")
    with pytest.raises(CriteriaError, match="lỗi cú pháp JSON"):
        register.criteria.import_file(tmp_path / "hong.json")


def test_broken_shipped_file_is_reported_and_the_program_goes_on(office, tmp_path):
    (tmp_path / "a.json").write_text("{", encoding="utf-8")
    problems = office.criteria.sync_shipped(tmp_path)
    assert problems and "a.json không dùng được" in problems[0]
    assert office.enrolments.plan(YEAR).criteria_name.startswith("Bộ tiêu chí khung")


def test_a_scanned_sheet_finds_its_person(year):
    register, ids = year
    sheet_uuid = register.enrolments.sheet(ids["binh"]).enrolment_id
    from desktop.db.citizen_queries import CitizenFilter
    from desktop.db.models import Enrolment

    with register.db.reader() as s:
        uuid = s.get(Enrolment, sheet_uuid).uuid
    typed = uuid.upper() + "\n"  # a USB scanner types the code and Enter
    rows = register.enrolments.page(EnrolmentFilter(YEAR, text=typed), 0, 10)
    assert [r.full_name for r in rows] == ["Trần Thị Bình"]
    assert [r.full_name for r in register.citizens.page(CitizenFilter(typed), 0, 10)] == ["Trần Thị Bình"]
    assert register.citizens.count(CitizenFilter(typed)) == 1


def test_a_bulk_registration_audits_only_its_own_rows(office):
    """On a shared server a second clerk registers someone while a village is being registered: each
    enrolment gets exactly one audit row, its own."""
    from sqlalchemy import event, func, select

    from desktop.db.engine import is_sqlite
    from desktop.db.models import AuditEntry, Enrolment
    from desktop.services.desk import open_register

    if is_sqlite(office.db.engine):
        pytest.skip("SQLite writes one transaction at a time: nothing can land beside a batch")
    add(office, "Lê Văn Một")
    other_person = add(office, "Lê Văn Hai", village="Thôn Đông")
    second_clerk = open_register(office.folder)
    landed = []

    @event.listens_for(office.db.engine, "after_cursor_execute")
    def meanwhile(conn, cursor, statement, params, context, executemany):  # noqa: ANN001
        if statement.startswith("INSERT INTO enrolment") and not landed:
            landed.append(second_clerk.enrolments.register([other_person], YEAR))  # commits at once

    try:
        office.enrolments.register_all(YEAR, village_id=village_id(office, "Thôn Phú Lập"))
    finally:
        event.remove(office.db.engine, "after_cursor_execute", meanwhile)
        second_clerk.close()
    assert landed == [1]
    with office.db.reader() as s:
        audits = dict(s.execute(select(AuditEntry.entity_id, func.count()).where(AuditEntry.entity == "enrolment")
                                .group_by(AuditEntry.entity_id)).all())
        enrolments = s.scalars(select(Enrolment.id)).all()
    assert sorted(audits) == sorted(enrolments) and set(audits.values()) == {1}
