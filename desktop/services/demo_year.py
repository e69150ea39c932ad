"""A believable year for the demo commune: most people registered, scored with pass rates like the
seed article's province (30.6 %, 30.3 % and 77.5 % of each group recognized), reviewed, proposed and
recognized by one decision. Written in bulk; every verdict comes from the scoring rule."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date

from sqlalchemy import insert, select

from desktop.db.base import new_uuid, utcnow
from desktop.db.models import Assessment, AuditEntry, Citizen, Decision, Enrolment, Office
from desktop.domain.cycle import Status
from desktop.domain.digital import propose as propose_digital
from desktop.domain.groups import CitizenGroup
from desktop.domain.scoring import judge
from desktop.services.register import Register

DEMO_SIGNER = ("Chủ tịch Hội Khuyến học xã", "Nguyễn Văn Hùng")
REGISTERED_SHARE = {1: 0.85, 2: 0.85, 3: 0.95}
ASSESSED_SHARE = 0.97
WITHDRAWN_SHARE = 0.01
RECOGNIZED_SHARE = {1: 0.306, 2: 0.303, 3: 0.775}  # of everyone in the group, as the seed article counts
BATCH = 5_000


def pass_chance(group: int) -> float:
    return min(1.0, RECOGNIZED_SHARE[group] / (REGISTERED_SHARE[group] * ASSESSED_SHARE))


def fill_demo_year(register: Register, year: int, seed: int = 2024,
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Enrol, score and decide everyone not yet enrolled in `year`. Returns how many were enrolled."""
    rnd = random.Random(seed + year)
    set_id = register.enrolments.plan(year).criteria_set_id
    cs = register.criteria.get(set_id)
    signed_on = min(date.today(), date(year, 11, 20)) if year >= date.today().year else date(year, 11, 20)
    with register.db.session() as s:
        office = s.scalars(select(Office)).one()
        if not office.signer_name:
            office.signer_title, office.signer_name = DEMO_SIGNER
        already = select(Enrolment.citizen_id).where(Enrolment.year == year)
        people = s.execute(select(Citizen.id, Citizen.group).where(
            Citizen.deleted_at.is_(None), Citizen.id.not_in(already)).order_by(Citizen.id)).all()  # the same year
        # from the same seed whatever plan the database chooses
        decision = Decision(year=year, number=f"{rnd.randint(20, 60)}/{office.decision_symbol}",
                            signed_on=signed_on, signer_name=office.signer_name, signer_title=office.signer_title)
        s.add(decision)
        s.flush()
        decision_id = decision.id
    enrolled = 0
    for start in range(0, len(people), BATCH):
        chunk = people[start:start + BATCH]
        enrolments, plans = [], []
        for cid, group in chunk:
            if rnd.random() > REGISTERED_SHARE[group]:
                continue
            indicators = cs.indicators(CitizenGroup(group))
            scores = None
            status = Status.REGISTERED
            if rnd.random() < WITHDRAWN_SHARE:
                status = Status.WITHDRAWN
            elif rnd.random() < ASSESSED_SHARE:
                scores = _draw(rnd, [i.code for i in indicators], rnd.random() < pass_chance(group))
            verdict = judge(indicators, cs.pass_rule, scores) if scores else None
            if verdict is not None:
                status = Status.RECOGNIZED if verdict.passed else Status.NOT_RECOGNIZED
            enrolments.append({
                "uuid": new_uuid(), "version": 1, "citizen_id": cid, "year": year, "group": group,
                "criteria_set_id": set_id, "status": status.value,
                "registered_on": date(year, rnd.randint(1, 3), rnd.randint(1, 28)),
                "total": verdict.total if verdict else None, "passed": verdict.passed if verdict else None,
                "verdict": verdict.text if verdict else "", "reviewed": verdict is not None,
                "digital_skill": _digital(indicators, scores),
                "withdrawn_from": Status.REGISTERED.value if status is Status.WITHDRAWN else None,
                "withdrawn_reason": "Chuyển đi nơi khác" if status is Status.WITHDRAWN else "",
                "decision_id": decision_id if status is Status.RECOGNIZED else None,
                "created_at": utcnow(), "updated_at": utcnow()})
            plans.append((scores, verdict))
        with register.db.session() as s:
            ids = s.scalars(insert(Enrolment).returning(Enrolment.id, sort_by_parameter_order=True), enrolments).all()
            now = utcnow()
            assessments, audits = [], []
            for eid, row, (scores, verdict) in zip(ids, enrolments, plans, strict=True):
                if scores is not None:
                    for kind, note in (("self", ""), ("review", "Chi hội xác nhận")):
                        assessments.append({"enrolment_id": eid, "kind": kind, "scores": json.dumps(scores),
                                            "total": verdict.total, "note": note, "at": now, "actor": "Dữ liệu mẫu"})
                audits.append({"at": now, "actor": "Dữ liệu mẫu", "action": "create", "entity": "enrolment",
                               "entity_id": eid, "entity_uuid": row["uuid"],
                               "summary": f"Dữ liệu mẫu năm {year}: {Status(row['status']).label}",
                               "changes": json.dumps({"Kết quả": [None, row["verdict"] or None]}, ensure_ascii=False)})
            if assessments:
                s.execute(insert(Assessment), assessments)
            s.execute(insert(AuditEntry), audits)
        enrolled += len(ids)
        if progress:
            progress(min(start + BATCH, len(people)), len(people))
    register.db.analyze("enrolment", "assessment", "audit_entry")
    return enrolled


def _digital(indicators, scores: dict[str, int] | None) -> str:  # noqa: ANN001 - Indicators
    """The level the sheet proposes, as entering it in the window would (not confirmed)."""
    digital = next((i for i in indicators if i.digital), None)
    if digital is None or not scores:
        return ""
    return propose_digital(scores[digital.code], digital.max_points).value


def _draw(rnd: random.Random, codes: list[str], passing: bool) -> dict[str, int]:
    """Ten scores whose verdict is the one wanted: mostly 7-10 for those who pass; for the others
    either a total under 80 or one indicator under 5."""
    while True:
        if passing:
            scores = {c: rnd.choice((7, 8, 8, 9, 9, 9, 10, 10)) for c in codes}
            if sum(scores.values()) >= 80:
                return scores
        else:
            scores = {c: rnd.choice((5, 6, 7, 7, 8, 8, 9)) for c in codes}
            if rnd.random() < 0.2:
                scores[rnd.choice(codes)] = rnd.randint(2, 4)
            if sum(scores.values()) < 80 or min(scores.values()) < 5:
                return scores
