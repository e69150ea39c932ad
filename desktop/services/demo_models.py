"""The demo commune's learning models: its people gathered into households of two to five in their villages
(about one household per four people), the households of the common family names into clans of a few
dozen, the officials' workplaces into units with their staff linked; and a believable year for them, with
rates near Decision 387's 2025 targets. Written in bulk; every verdict comes from the model's pass rule."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date

from sqlalchemy import func, insert, select, update

from desktop.db.base import new_uuid, utcnow
from desktop.db.models import AuditEntry, Citizen
from desktop.db.models387 import (
    Clan,
    ClanHousehold,
    Household,
    HouseholdMember,
    ModelAssessment,
    ModelDecision,
    ModelEnrolment,
    Organisation,
)
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.domain.names import search_key
from desktop.domain.scoring import judge
from desktop.services.demo_year import DEMO_SIGNER
from desktop.services.model_cycle import SUBJECTS
from desktop.services.register import Register

ACTOR = "Dữ liệu mẫu"
RECOGNIZED_SHARE = {Model.FAMILY: 0.72, Model.CLAN: 0.66, Model.COMMUNITY: 0.67, Model.UNIT: 0.8}
REGISTERED_SHARE = 0.93
CLAN_SIZE = 40          # households a clan branch holds in the demo
FEMALE_HEAD_SHARE = 0.25  # of the households with a woman in them, about as many as in the country
# the demo's workplaces (demo_data.OCCUPATIONS of group 3) and the unit each belongs to
UNITS = {"Công chức UBND xã": ("Ủy ban nhân dân xã Hàm Thuận", "co-quan"),
         "Giáo viên Trường Tiểu học Hàm Thuận": ("Trường Tiểu học Hàm Thuận", "truong-hoc"),
         "Giáo viên Trường THCS Hàm Thuận": ("Trường THCS Hàm Thuận", "truong-hoc"),
         "Nhân viên Trạm Y tế xã": ("Trạm Y tế xã Hàm Thuận", "co-quan"),
         "Kế toán Hợp tác xã nông nghiệp": ("Hợp tác xã nông nghiệp Hàm Thuận", "doanh-nghiep"),
         "Cán bộ Hội Nông dân xã": ("Hội Nông dân xã Hàm Thuận", "to-chuc"),
         "Viên chức Điện lực": ("Điện lực Hàm Thuận", "co-quan")}


def fill_demo_models(register: Register, seed: int = 2024) -> dict[str, int]:
    """Households, clans and units for everyone not yet in one. Returns how many of each were made."""
    rnd = random.Random(seed)
    now = utcnow()
    with register.db.session() as s:
        housed = select(HouseholdMember.citizen_id)
        people = s.execute(select(Citizen.id, Citizen.full_name, Citizen.village_id, Citizen.birth_year, Citizen.sex)
                           .where(Citizen.deleted_at.is_(None), Citizen.id.not_in(housed))
                           .order_by(Citizen.village_id, Citizen.id)).all()
        by_village: dict[int, list] = defaultdict(list)
        for p in people:
            by_village[p.village_id].append(p)
        homes, members = [], []
        for village_id, folk in by_village.items():
            rnd.shuffle(folk)
            i = 0
            while i < len(folk):
                size = rnd.choice((2, 3, 3, 4, 4, 4, 5, 5))
                group = folk[i:i + size]
                i += size
                women = [p for p in group if p.sex == "F"]
                if women and rnd.random() < FEMALE_HEAD_SHARE:  # the oldest woman heads it
                    head = min(women, key=lambda p: p.birth_year)
                else:  # the oldest man, if there is one
                    head = max(group, key=lambda p: (p.sex == "M", -p.birth_year))
                name = f"Hộ {'ông' if head.sex == 'M' else 'bà'} {head.full_name}"
                homes.append(({"uuid": new_uuid(), "version": 1, "name": name, "name_key": search_key(name),
                               "note": "", "deleted_reason": "", "village_id": village_id, "head_id": head.id,
                               "address": "", "created_at": now, "updated_at": now}, head, group))
        ids = s.scalars(insert(Household).returning(Household.id, sort_by_parameter_order=True),
                        [h for h, _, _ in homes]).all() if homes else []
        for hid, (_, head, group) in zip(ids, homes, strict=True):
            members += [{"household_id": hid, "citizen_id": cid, "relation": relation}
                        for cid, relation in relations(head, group, rnd).items()]
        if members:
            s.execute(insert(HouseholdMember), members)
        clans = _clans(s, rnd, list(zip(ids, [head for _, head, _ in homes], strict=True)), now)
        units = _units(s, now)
        _audit(s, now, [("household", hid, h["uuid"], f"Thêm {h['name']} (dữ liệu mẫu)")
                        for hid, (h, _, _) in zip(ids, homes, strict=True)])
    register.db.analyze("household", "household_member", "clan", "clan_household", "organisation", "citizen")
    return {"households": len(ids), "clans": clans, "units": units}


SPOUSE_GAP = 12          # years between husband and wife, at most, in the demo
GENERATION = 16         # years from a parent to a child, at least
MARRIED_SHARE = 0.85    # of the households that have someone to be the head's spouse


def relations(head, group: list, rnd: random.Random) -> dict[int, str]:  # noqa: ANN001 - rows with id, sex, birth_year
    """Each member's relation to the head as a household register would give it, from sex and age: at most one
    spouse (a man's wife, a woman's husband, near in age), children and grandchildren a generation or two
    younger, parents a generation older, brothers and sisters near in age."""
    found = {head.id: "Chủ hộ"}
    near = sorted((p for p in group if p.sex != head.sex and abs(p.birth_year - head.birth_year) <= SPOUSE_GAP),
                  key=lambda p: (abs(p.birth_year - head.birth_year), p.id))
    if near and rnd.random() < MARRIED_SHARE:
        found[near[0].id] = "Vợ" if head.sex == "M" else "Chồng"
    for p in group:
        if p.id in found:
            continue
        younger = p.birth_year - head.birth_year
        if younger >= 2 * GENERATION + 4:
            found[p.id] = "Cháu"
        elif younger >= GENERATION:
            found[p.id] = "Con"
        elif younger <= -GENERATION:
            found[p.id] = "Cha" if p.sex == "M" else "Mẹ"
        elif younger > 0:
            found[p.id] = "Em"
        else:
            found[p.id] = "Anh" if p.sex == "M" else "Chị"
    return found


def _clans(s, rnd: random.Random, households: list, now) -> int:  # noqa: ANN001
    """The households of each common family name (by the head's) in branches of about CLAN_SIZE."""
    by_family: dict[str, list[int]] = defaultdict(list)
    for hid, head in households:
        by_family[head.full_name.split()[0]].append(hid)
    made = 0
    for family, hids in sorted(by_family.items(), key=lambda kv: -len(kv[1])):
        if len(hids) < CLAN_SIZE // 2:
            continue
        rnd.shuffle(hids)
        for branch, start in enumerate(range(0, len(hids), CLAN_SIZE), 1):
            part = hids[start:start + CLAN_SIZE]
            name = f"Họ {family} (chi {branch})"
            clan_id = s.scalar(insert(Clan).returning(Clan.id), {
                "uuid": new_uuid(), "version": 1, "name": name, "name_key": search_key(name), "note": "",
                "deleted_reason": "", "contact": "", "created_at": now, "updated_at": now})
            s.execute(insert(ClanHousehold), [{"clan_id": clan_id, "household_id": h} for h in part])
            made += 1
    return made


def _units(s, now) -> int:  # noqa: ANN001
    made = 0
    for text, (name, kind) in UNITS.items():
        staff = list(s.scalars(select(Citizen.id).where(Citizen.occupation == text, Citizen.deleted_at.is_(None),
                                                        Citizen.organisation_id.is_(None))))
        if not staff:
            continue
        unit = s.scalar(select(Organisation.id).where(Organisation.name == name, Organisation.deleted_at.is_(None)))
        if unit is None:
            unit = s.scalar(insert(Organisation).returning(Organisation.id), {
                "uuid": new_uuid(), "version": 1, "name": name, "name_key": search_key(name), "note": "",
                "deleted_reason": "", "kind": kind, "headcount": len(staff) + len(staff) // 3,
                "created_at": now, "updated_at": now})
            made += 1
        s.execute(update(Citizen).where(Citizen.id.in_(staff)).values(organisation_id=unit)
                  .execution_options(synchronize_session=False))
    return made


def fill_demo_model_year(register: Register, year: int, seed: int = 2024) -> dict[Model, int]:
    """Every household, clan, village and unit not yet enrolled in `year`: most registered, scored,
    reviewed and decided by one decision per model. Returns how many were recognized, per model."""
    rnd = random.Random(seed + year + 387)
    signed_on = min(date.today(), date(year, 11, 20)) if year >= date.today().year else date(year, 11, 20)
    recognized: dict[Model, int] = {}
    for model, table in SUBJECTS.items():
        set_id = register.model_criteria.for_year(model, year)
        cs = register.model_criteria.get(set_id)
        now = utcnow()
        with register.db.session() as s:
            already = select(ModelEnrolment.subject_id).where(ModelEnrolment.model == model.value,
                                                              ModelEnrolment.year == year)
            subjects = list(s.scalars(select(table.id).where(table.deleted_at.is_(None), table.id.not_in(already))
                                      .order_by(table.id)))
            number = (s.scalar(select(func.count()).select_from(ModelDecision)) or 0) + 70
            decision = ModelDecision(model=model.value, year=year, number=f"{number}/QĐ-HKH", signed_on=signed_on,
                                     signer_title=DEMO_SIGNER[0], signer_name=DEMO_SIGNER[1])
            s.add(decision)
            s.flush()
            rows, sheets = [], []
            chance = RECOGNIZED_SHARE[model] / REGISTERED_SHARE
            for sid in subjects:
                if rnd.random() > REGISTERED_SHARE:
                    continue
                scores = _draw(rnd, cs.criteria, cs.pass_rule.min_total, rnd.random() < chance)
                verdict = judge(cs.criteria, cs.pass_rule, scores, noun="tiêu chí")
                status = Status.RECOGNIZED if verdict.passed else Status.NOT_RECOGNIZED
                rows.append({"uuid": new_uuid(), "version": 1, "model": model.value, "subject_id": sid, "year": year,
                             "criteria_set_id": set_id, "status": status.value,
                             "registered_on": date(year, rnd.randint(1, 3), rnd.randint(1, 28)),
                             "total": verdict.total, "passed": verdict.passed, "verdict": verdict.text,
                             "reviewed": True, "withdrawn_reason": "",
                             "decision_id": decision.id if verdict.passed else None,
                             "created_at": now, "updated_at": now})
                sheets.append(scores)
            ids = s.scalars(insert(ModelEnrolment).returning(ModelEnrolment.id, sort_by_parameter_order=True),
                            rows).all() if rows else []
            if ids:
                s.execute(insert(ModelAssessment), [
                    {"enrolment_id": eid, "kind": kind, "scores": json.dumps(scores), "total": sum(scores.values()),
                     "note": "", "at": now, "actor": ACTOR}
                    for eid, scores in zip(ids, sheets, strict=True) for kind in ("self", "review")])
                _audit(s, now, [("model_enrolment", eid, row["uuid"],
                                 f"Dữ liệu mẫu năm {year}: {model.title}, {Status(row['status']).label}")
                                for eid, row in zip(ids, rows, strict=True)])
            recognized[model] = sum(1 for r in rows if r["passed"])
    register.db.analyze("model_enrolment", "model_assessment", "audit_entry")
    return recognized


def _draw(rnd: random.Random, criteria, min_total: int, passing: bool) -> dict[str, int]:  # noqa: ANN001
    """Scores whose verdict is the one wanted (the pass rule decides; this only aims)."""
    while True:
        scores = {c.code: rnd.randint(max(c.min_points or 0, c.max_points * 3 // 4), c.max_points) if passing
                  else rnd.randint(c.max_points // 3, c.max_points) for c in criteria}
        met = sum(scores.values()) >= min_total and all(scores[c.code] >= (c.min_points or 0) for c in criteria)
        if passing == met:
            return scores


def _audit(s, now, rows: list[tuple[str, int, str, str]]) -> None:  # noqa: ANN001
    if rows:
        s.execute(insert(AuditEntry), [{"at": now, "actor": ACTOR, "action": "create", "entity": entity,
                                        "entity_id": eid, "entity_uuid": uuid, "summary": summary, "changes": "{}"}
                                       for entity, eid, uuid, summary in rows])
