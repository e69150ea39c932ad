import dataclasses

import pytest
from sqlalchemy import func, select

from desktop.db.citizen_queries import CitizenFilter
from desktop.db.models import AuditEntry, Citizen
from desktop.domain.sex import Sex
from desktop.services.citizens import CitizenError
from tests.conftest import add, draft


def audit_count(register) -> int:
    with register.db.reader() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_register_tidies_and_audits(office):
    before = audit_count(office)
    result = office.citizens.register(draft(office, "  trần   VĂN đức ", cccd="060080123456"))
    assert result.saved
    record = office.citizens.get(result.citizen_id)
    assert record.draft.full_name == "Trần Văn Đức"
    assert record.version == 1
    assert audit_count(office) == before + 1
    [line] = office.citizens.history(result.citizen_id)
    assert line.actor == "Nguyễn Thị Lan"
    assert "Họ và tên: Trần Văn Đức" in line.details
    assert "Số CCCD: 060080123456" in line.details


def test_errors_save_nothing(office):
    before = audit_count(office)
    result = office.citizens.register(draft(office, "", birth="31/02/1980"))
    assert not result.saved
    assert {f.field for f in result.check.errors} == {"full_name", "birth"}
    assert office.citizens.count(CitizenFilter()) == 0
    assert audit_count(office) == before


def test_same_cccd_is_refused_and_points_to_the_person(office):
    first = add(office, "Trần Văn Đức", cccd="060080123456")
    result = office.citizens.register(draft(office, "Lê Văn Tám", birth="1980", cccd="060080123456"))
    assert not result.saved
    [error] = result.check.errors
    assert error.field == "cccd" and error.other_citizen_id == first
    assert "Trần Văn Đức" in error.message
    office.citizens.delete(first, "Chuyển đi nơi khác")
    again = office.citizens.register(draft(office, "Lê Văn Tám", birth="1980", cccd="060080123456"))
    assert "người đã xoá" in again.check.errors[0].message


def test_possible_duplicate_warns_then_saves_when_accepted(office):
    first = add(office, "Nguyễn Thị Lan", birth="1975", sex=Sex.FEMALE)
    d = draft(office, "nguyen thi lan", birth="12/04/1975", sex=Sex.FEMALE)
    warned = office.citizens.register(d)
    assert not warned.saved
    plain, w = warned.check.warnings  # typed without diacritics, and maybe the same person
    assert "không có dấu tiếng Việt" in plain.message and plain.field == "full_name"
    assert w.other_citizen_id == first and "Có thể trùng" in w.message
    assert office.citizens.register(d, accept_warnings=True).saved
    # two full dates that differ are two people; a year alone might be either
    third = office.citizens.check(draft(office, "Nguyễn Thị Lan", birth="13/04/1975", sex=Sex.FEMALE))
    assert [w.other_citizen_id for w in third.warnings] == [first]
    other_village = office.citizens.check(draft(office, "Nguyễn Thị Lan", birth="1975", sex=Sex.FEMALE,
                                                village="Thôn Đông"))
    assert other_village.warnings == []


def test_update_records_only_what_changed(office):
    cid = add(office, "Trần Văn Đức")
    rec = office.citizens.get(cid)
    changed = dataclasses.replace(rec.draft, phone="0912 345 678", birth="06/03/1980")
    assert office.citizens.update(cid, rec.version, changed).saved
    last = office.citizens.history(cid)[-1]
    assert last.summary == "Sửa hồ sơ Trần Văn Đức"
    assert sorted(last.details) == ["Ngày sinh: 05/03/1980 → 06/03/1980", "Điện thoại: 0912345678"]
    assert office.citizens.get(cid).version == 2
    # saving the same values again writes no audit row
    same = office.citizens.get(cid)
    office.citizens.update(cid, same.version, same.draft)
    assert len(office.citizens.history(cid)) == 2


def test_stale_edit_is_refused(office):
    cid = add(office, "Trần Văn Đức")
    rec = office.citizens.get(cid)
    office.citizens.update(cid, rec.version, dataclasses.replace(rec.draft, phone="0912345678"))
    with pytest.raises(CitizenError, match="vừa được sửa ở nơi khác"):
        office.citizens.update(cid, rec.version, dataclasses.replace(rec.draft, note="cũ"))
    assert office.citizens.get(cid).draft.note == ""


def test_soft_delete_and_restore(office):
    cid = add(office, "Trần Văn Đức")
    with pytest.raises(CitizenError, match="lý do"):
        office.citizens.delete(cid, "  ")
    office.citizens.delete(cid, "Nhập trùng")
    assert office.citizens.count(CitizenFilter()) == 0
    assert office.citizens.count(CitizenFilter(deleted=True)) == 1
    with office.db.reader() as s:
        assert s.get(Citizen, cid) is not None  # still stored
    with pytest.raises(CitizenError, match="đã bị xoá"):
        office.citizens.update(cid, office.citizens.get(cid).version, office.citizens.get(cid).draft)
    office.citizens.restore(cid)
    assert office.citizens.count(CitizenFilter()) == 1
    summaries = [h.summary for h in office.citizens.history(cid)]
    assert summaries == ["Thêm Trần Văn Đức vào sổ", "Xoá Trần Văn Đức khỏi sổ", "Khôi phục Trần Văn Đức vào sổ"]


def test_village_with_people_cannot_be_removed(office):
    from desktop.services.office import OfficeError
    from tests.conftest import village_id

    add(office, "Trần Văn Đức")
    with pytest.raises(OfficeError, match="còn 1 người"):
        office.office.remove_village("x", village_id(office, "Thôn Phú Lập"))
    office.office.remove_village("x", village_id(office, "Thôn Đông"))
    assert [v.name for v in office.office.villages()] == ["Thôn Phú Lập", "Khu phố 3"]
    with pytest.raises(OfficeError, match="Đã có"):
        office.office.add_village("x", "thôn phú lập")
