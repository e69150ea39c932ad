"""The registers of the learning models: households and their members, clans and their households,
organisations and their staff (with the free-text workplaces matched once)."""

from __future__ import annotations

import pytest

from desktop.db.audit import history
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.model_registers import (
    ClanDraft,
    ClanService,
    HouseholdDraft,
    HouseholdService,
    ModelError,
    OrganisationDraft,
    OrganisationService,
)
from tests.conftest import add, village_id


@pytest.fixture
def people(office):
    return {name: add(office, name, birth=birth, **kw) for name, birth, kw in (
        ("Nguyễn Văn An", "1970", {}), ("Trần Thị Bình", "1972", {"sex": Sex.FEMALE}),
        ("Nguyễn Văn Cường", "1995", {}),
        ("Lê Văn Dũng", "1980", {"group": CitizenGroup.OFFICIAL, "occupation": "Giáo viên Trường Tiểu học"}),
        ("Phạm Thị Em", "1985", {"group": CitizenGroup.OFFICIAL, "occupation": "Giáo viên Trường Tiểu học"}),
        ("Đỗ Văn Giang", "1979", {"group": CitizenGroup.OFFICIAL, "occupation": "Cán bộ UBND xã"}))}


def households(office):
    return HouseholdService(office.db, office.office.clerk_name)


def test_a_household_with_its_head_and_members(office, people):
    service = households(office)
    village = village_id(office, "Thôn Đông")
    hid = service.save(HouseholdDraft("Hộ ông Nguyễn Văn An", village, people["Nguyễn Văn An"],
                                      {people["Trần Thị Bình"]: "Vợ", people["Nguyễn Văn Cường"]: "Con"}))
    assert service.members(hid) == {people["Trần Thị Bình"]: "Vợ", people["Nguyễn Văn Cường"]: "Con",
                                    people["Nguyễn Văn An"]: "Chủ hộ"}
    [found] = service.find("nguyen van an")
    assert (found.id, found.detail) == (hid, "Thôn Đông, chủ hộ Nguyễn Văn An")
    assert service.find("ho ong ng") and not service.find("binh")
    # a person is in one household only: the message names where
    with pytest.raises(ModelError, match="Nguyễn Văn Cường đã ở “Hộ ông Nguyễn Văn An”: mỗi người chỉ ở một hộ"):
        service.save(HouseholdDraft("Hộ anh Cường", village, people["Nguyễn Văn Cường"]))
    # an edit: the son moves out; the change is audited with names
    service.save(HouseholdDraft("Hộ ông Nguyễn Văn An", village, people["Nguyễn Văn An"],
                                {people["Trần Thị Bình"]: "Vợ"}), hid, found.version)
    new = service.save(HouseholdDraft("Hộ anh Cường", village, people["Nguyễn Văn Cường"]))
    assert service.of_citizen(people["Nguyễn Văn Cường"]) == new
    with office.db.reader() as s:
        [created, edited] = history(s, "household", hid)
    assert "Nguyễn Văn Cường (Con)" in edited.changes["Thành viên"][0]
    with pytest.raises(ModelError, match="vừa được sửa ở nơi khác"):
        service.save(HouseholdDraft("Hộ ông An", village, people["Nguyễn Văn An"]), hid, found.version)
    with pytest.raises(ModelError, match="Cần ghi lý do"):
        service.delete(new, " ")
    service.delete(new, "Nhập trùng")
    assert service.of_citizen(people["Nguyễn Văn Cường"]) is None and service.count() == 1


@pytest.mark.parametrize(("draft", "message"), [
    (lambda v, p: HouseholdDraft("  ", v), "Tên hộ: chưa nhập"),
    (lambda v, p: HouseholdDraft("Hộ A", 999_999), "Chọn thôn, khu phố"),
    (lambda v, p: HouseholdDraft("Hộ A", v, 999_999), "Không có người số 999999"),
    (lambda v, p: HouseholdDraft("Hộ " + "A" * 300, v), "dài quá 200 ký tự"),
])
def test_bad_households_are_refused_with_nothing_saved(office, people, draft, message):
    service = households(office)
    with pytest.raises(ModelError, match=message):
        service.save(draft(village_id(office, "Thôn Đông"), people))
    assert service.count() == 0


def test_a_clan_spans_villages(office, people):
    hs = households(office)
    a = hs.save(HouseholdDraft("Hộ ông Nguyễn Văn An", village_id(office, "Thôn Đông"), people["Nguyễn Văn An"]))
    c = hs.save(HouseholdDraft("Hộ anh Nguyễn Văn Cường", village_id(office, "Khu phố 3"), people["Nguyễn Văn Cường"]))
    clans = ClanService(office.db, office.office.clerk_name)
    clan = clans.save(ClanDraft("Họ Nguyễn Văn (chi trưởng)", "Ông Nguyễn Văn An, 0912 345 678", [a, c]))
    assert clans.households(clan) == [a, c]
    assert clans.find("ho nguyen")[0].detail == "2 hộ, liên hệ Ông Nguyễn Văn An, 0912 345 678"
    with pytest.raises(ModelError, match="“Hộ ông Nguyễn Văn An” đã thuộc “Họ Nguyễn Văn \\(chi trưởng\\)”: mỗi hộ thuộc một dòng họ"):
        clans.save(ClanDraft("Họ Nguyễn (chi hai)", households=[a]))
    hs.delete(c, "Chuyển đi nơi khác")  # a deleted household leaves its clan
    assert clans.households(clan) == [a]


def test_organisations_and_their_staff_matched_once(office, people):
    units = OrganisationService(office.db, office.office.clerk_name)
    assert units.workplace_texts() == [("Giáo viên Trường Tiểu học", 2), ("Cán bộ UBND xã", 1)]
    school = units.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25, village_id(office, "Thôn Đông")))
    assert units.link_workplace("Giáo viên Trường Tiểu học", school) == 2
    assert units.workplace_texts() == [("Cán bộ UBND xã", 1)]  # matched once: not offered again
    assert sorted(units.staff(school)) == sorted([people["Lê Văn Dũng"], people["Phạm Thị Em"]])
    with pytest.raises(ModelError, match="ghi 1 người nhưng đang gắn 2 người"):
        units.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 1,
                                     staff=units.staff(school)), school)
    with pytest.raises(ModelError, match="Chọn loại đơn vị"):
        units.save(OrganisationDraft("UBND xã", "uy-ban"))
    # a person's record keeps its version: the link is the unit's record
    before = office.citizens.get(people["Lê Văn Dũng"]).version
    units.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25, staff=[people["Phạm Thị Em"]]), school)
    assert units.staff(school) == [people["Phạm Thị Em"]]
    assert office.citizens.get(people["Lê Văn Dũng"]).version == before
    assert units.find("truong tieu")[0].detail == "Trường học, 1 người trong sổ / 25"


def test_households_from_the_addresses_in_the_register(office):
    from desktop.domain.sex import Sex as S

    an = add(office, "Nguyễn Văn An", birth="1960", village="Thôn Đông", address="Số 12, xóm 3")
    add(office, "Trần Thị Bình", birth="1958", village="Thôn Đông", sex=S.FEMALE, address="số 12,  Xóm 3")
    add(office, "Nguyễn Văn Cường", birth="1990", village="Thôn Đông", address="Số 12, xóm 3")
    add(office, "Lê Thị Dung", birth="1970", village="Thôn Đông", sex=S.FEMALE, address="Số 5, xóm 1")
    add(office, "Lê Văn Em", birth="1971", village="Khu phố 3", address="Số 12, xóm 3")  # another village
    add(office, "Phạm Văn Giang", birth="1980", village="Thôn Đông")  # no address: left to the clerk
    homes = households(office)
    drafts = homes.from_register()
    assert sorted((d.name, len(d.members) + 1) for d in drafts) == [
        ("Hộ bà Lê Thị Dung", 1), ("Hộ ông Lê Văn Em", 1), ("Hộ ông Nguyễn Văn An", 3)]
    assert next(d for d in drafts if d.head_id == an).address == "Số 12, xóm 3"
    assert len(homes.save_all(drafts)) == 3
    assert homes.from_register() == []  # each person housed once
