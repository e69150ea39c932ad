"""The programme's measures as defined: per model against 387's targets and the office's own, and 677's rates
over the adults in learning families, clans and communities and the staff of learning units."""

from __future__ import annotations

from datetime import date

from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model
from desktop.services.model_registers import ClanDraft, HouseholdDraft, OrganisationDraft
from desktop.services.model_stats import ModelStatsService
from tests.conftest import add, village_id

YEAR = 2026


def recognize(register, model: Model, subject_ids: list[int]) -> None:
    cycle = register.model_cycle(model)
    cycle.register_all(YEAR, subject_ids)
    cs = cycle.criteria.get(cycle.criteria.for_year(model, YEAR))
    for sid in subject_ids:
        eid = cycle.of_subject(sid, YEAR)
        cycle.record_self(eid, {c.code: c.max_points for c in cs.criteria})
        cycle.record_review(eid, None)
    cycle.propose(cycle.candidates(YEAR))
    cycle.record_decision(YEAR, f"{model.value}/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng", "Chủ tịch")


def title(register, citizen_ids: list[int]) -> None:
    """These people hold the Learning Citizen title this year."""
    register.enrolments.register(citizen_ids, YEAR)
    for cid in citizen_ids:
        eid = register.enrolments.of_citizen(cid, YEAR)
        cs = register.criteria.get(register.criteria.for_year(YEAR))
        register.enrolments.record_self(eid, {i.code: 9 for i in cs.indicators(CitizenGroup(1))})
        register.enrolments.record_review(eid, None)
    register.recognition.propose(register.recognition.candidates(YEAR))
    register.recognition.record_decision(YEAR, "1/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng")


def test_models_and_677s_rates_as_defined(office):
    dong, kp3 = village_id(office, "Thôn Đông"), village_id(office, "Khu phố 3")
    a, b, c, d, e = (add(office, n, birth="1970", village=v) for n, v in (
        ("Nguyễn Văn An", "Thôn Đông"), ("Trần Thị Bình", "Thôn Đông"), ("Lê Văn Cường", "Khu phố 3"),
        ("Phạm Văn Dũng", "Khu phố 3"), ("Đỗ Thị Em", "Thôn Phú Lập")))
    h1 = office.households.save(HouseholdDraft("Hộ ông An", dong, a, {b: "Vợ"}))
    office.households.save(HouseholdDraft("Hộ ông Cường", kp3, c))  # not recognized: Cường counts as staff only
    h3 = office.households.save(HouseholdDraft("Hộ ông Dũng", kp3, d))
    clan = office.clans.save(ClanDraft("Họ Phạm", households=[h3]))
    unit = office.organisations.save(OrganisationDraft("Trạm Y tế xã", "co-quan", 10, staff=[e, c]))
    recognize(office, Model.FAMILY, [h1])            # 1 of 3 households
    recognize(office, Model.CLAN, [clan])
    recognize(office, Model.UNIT, [unit])
    title(office, [a, e])                            # An (in a learning family) and Em (staff of the unit)

    stats = ModelStatsService(office.db, office.office.clerk_name)
    stats.set_target(Model.FAMILY, 80)
    figures = stats.compute(YEAR)
    family = figures.models[Model.FAMILY]
    assert (family.total, family.registered, family.recognized, family.target_2025, family.target_2030) == (3, 1, 1, 70, 80)
    assert abs(family.rate - 1 / 3) < 1e-9 and family.rate_of_registered == 1
    assert figures.models[Model.COMMUNITY].total == 3 and figures.models[Model.COMMUNITY].recognized == 0
    adults, staff = figures.measures
    # in learning families and clans: An, Bình (household h1) and Dũng (h3 of the recognized clan): An holds it
    assert (adults.people, adults.holders, adults.target(2025), adults.target(2030)) == (3, 1, 40, 60)
    assert "Gia đình học tập" in adults.denominator
    # staff of the recognized unit: Em and Cường; Em holds it
    assert (staff.people, staff.holders, staff.target(2025)) == (2, 1, 60)
    doc = figures.as_json()
    assert doc["models"]["families"] == {"recognized": 1, "registered": 1, "assessed": 1, "total": 3, "rate": 0.3333,
                                         "rate_of_registered": 1.0, "target_2025": 70, "target_2030": 80}
    assert set(doc["models"]) == {"families", "clans", "communities", "units"}
    assert doc["measures_677"]["staff_of_learning_units"]["rate"] == 0.5
    stats.set_target(Model.FAMILY, None)
    assert stats.targets() == {}


def test_digital_skills_proposed_from_the_sheet_and_confirmed(office):
    from desktop.domain.digital import DigitalSkill, propose

    assert [propose(s, 10) for s in (4, 5, 7, 8, 10)] == [DigitalSkill.NONE, DigitalSkill.BASIC, DigitalSkill.BASIC,
                                                           DigitalSkill.PROFICIENT, DigitalSkill.PROFICIENT]
    people = [add(office, n, birth="1970") for n in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")]
    office.enrolments.register(people, YEAR)
    cs = office.criteria.get(office.criteria.for_year(YEAR))
    indicators = cs.indicators(CitizenGroup(1))
    assert [i.code for i in indicators if i.digital] == ["2.1"]
    for cid, digital in zip(people, (10, 6, 9), strict=True):
        eid = office.enrolments.of_citizen(cid, YEAR)
        office.enrolments.record_self(eid, {i.code: 9 for i in indicators} | {"2.1": digital})
        office.enrolments.record_review(eid, None)
    office.recognition.propose(office.recognition.candidates(YEAR))
    office.recognition.record_decision(YEAR, "1/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng")
    stats = ModelStatsService(office.db, office.office.clerk_name)
    d = stats.compute(YEAR).digital
    assert (d.holders, d.with_skills, d.proficient, d.unconfirmed) == (3, 3, 2, 3)
    # the clerk knows Cường does not use a computer at all: confirmed "none", not overwritten by a later sheet
    cuong = office.enrolments.of_citizen(people[2], YEAR)
    office.enrolments.set_digital(cuong, DigitalSkill.NONE)
    office.enrolments.correct(cuong, {i.code: 9 for i in indicators}, "Nhập lại phiếu")
    d = stats.compute(YEAR).digital
    assert (d.holders, d.with_skills, d.proficient, d.unconfirmed) == (3, 2, 1, 2)
    doc = stats.compute(YEAR).as_json()["digital_skills"]
    assert doc["rate_skills"] == 0.6667 and doc["targets"]["2025"] == {"skills": 70, "proficient": 60}
