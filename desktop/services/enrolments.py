"""A year's enrolments: registering people, their scores (self-assessment, branch review, correction),
withdrawing and reinstating. Every move goes through the cycle's transitions and is audited."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from desktop.db import audit, enrolment_queries
from desktop.db.base import UTCDateTime, new_uuid, utcnow
from desktop.db.engine import Database
from desktop.db.enrolment_queries import EnrolmentFilter, EnrolmentRow
from desktop.db.models import Assessment, AuditEntry, Citizen, Enrolment, Village, YearPlan
from desktop.domain.birth import BirthDate
from desktop.domain.criteria import Indicator, PassRule
from desktop.domain.cycle import Action, Status, TransitionError, transition
from desktop.domain.digital import DigitalSkill
from desktop.domain.digital import propose as propose_digital
from desktop.domain.groups import CitizenGroup
from desktop.domain.scoring import ScoreError, Verdict, judge
from desktop.services.criteria import CriteriaService

STALE = "Hồ sơ này vừa được sửa ở nơi khác: chưa lưu gì. Hãy mở lại để xem bản mới nhất."

ENTITY = "enrolment"
KIND_LABEL = {"self": "Điểm tự đánh giá", "review": "Điểm chi hội xét", "correction": "Điểm đính chính"}


class CycleError(ValueError):
    """A refused step of the cycle; the message is for the clerk."""


@dataclass(frozen=True)
class YearPlanInfo:
    year: int
    criteria_set_id: int
    criteria_name: str
    review_required: bool
    own_target_percent: int | None


@dataclass(frozen=True)
class AssessmentSheet:
    """Everything the entry screen and the paper sheet show for one person."""

    enrolment_id: int
    version: int
    full_name: str
    birth: str
    village: str
    group: CitizenGroup
    criteria_name: str
    competences: dict[str, str]
    indicators: tuple[Indicator, ...]
    rule: PassRule
    status: Status
    self_scores: dict[str, int] | None
    review_scores: dict[str, int] | None
    review_note: str
    verdict: str
    review_required: bool


class EnrolmentService:
    def __init__(self, db: Database, criteria: CriteriaService, actor: Callable[[], str],
                 today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.criteria = criteria
        self._actor = actor
        self._today = today
        self.today = today  # the clock the year's dates come from (the models' cycle uses the same)

    # the year's plan -------------------------------------------------------------------------------

    def plan(self, year: int) -> YearPlanInfo:
        set_id = self.criteria.for_year(year)
        with self.db.reader() as s:
            p = s.scalars(select(YearPlan).where(YearPlan.year == year)).first()
        chosen = p.criteria_set_id if p else set_id
        return YearPlanInfo(year, chosen, self.criteria.get(chosen).name, p.review_required if p else True,
                            p.own_target_percent if p else None)

    def set_plan(self, year: int, review_required: bool, own_target_percent: int | None) -> None:
        if own_target_percent is not None and not 0 < own_target_percent <= 100:
            raise CycleError("Chỉ tiêu của đơn vị phải từ 1 đến 100 phần trăm.")
        set_id = self.criteria.for_year(year)
        with self.db.session() as s:
            p = s.scalars(select(YearPlan).where(YearPlan.year == year)).first()
            if p is None:
                p = YearPlan(year=year, criteria_set_id=set_id)
                s.add(p)
                s.flush()
            changes = {}
            if p.review_required != review_required:
                changes["Chi hội xét là một bước riêng"] = [_yes(p.review_required), _yes(review_required)]
            if p.own_target_percent != own_target_percent:
                changes["Chỉ tiêu của đơn vị (%)"] = [p.own_target_percent, own_target_percent]
            if changes:
                p.review_required, p.own_target_percent = review_required, own_target_percent
                audit.record(s, actor=self._actor(), action="update", entity="year_plan", entity_id=p.id,
                             entity_uuid=p.uuid, summary=f"Thiết lập năm {year}", changes=changes)

    # registration ----------------------------------------------------------------------------------

    def register(self, citizen_ids: Iterable[int], year: int, registered_on: date | None = None) -> int:
        return self._register(year, registered_on, ids=list(citizen_ids))

    def register_all(self, year: int, village_id: int | None = None, group: int | None = None,
                     registered_on: date | None = None) -> int:
        """A whole village or group (or the commune) at once; people already registered are skipped."""
        return self._register(year, registered_on, village_id=village_id, group=group)

    def _register(self, year: int, registered_on: date | None, ids: list[int] | None = None,
                  village_id: int | None = None, group: int | None = None) -> int:
        _check_year(year)
        on = registered_on or self._today()
        if on.year not in (year - 1, year, year + 1):
            raise CycleError(f"Ngày đăng ký {on:%d/%m/%Y} không thuộc năm {year}.")
        set_id = self.plan(year).criteria_set_id
        actor, now = self._actor(), utcnow()
        with self.db.batch() as s:
            already = select(Enrolment.citizen_id).where(Enrolment.year == year)
            stmt = select(Citizen.id, Citizen.group).where(Citizen.deleted_at.is_(None), Citizen.id.not_in(already))
            if ids is not None:
                stmt = stmt.where(Citizen.id.in_(ids))
            if village_id is not None:
                stmt = stmt.where(Citizen.village_id == village_id)
            if group is not None:
                stmt = stmt.where(Citizen.group == group)
            people = s.execute(stmt).all()
            if not people:
                return 0
            last_id = s.scalar(select(func.max(Enrolment.id))) or 0
            # Core executemany and one INSERT ... SELECT for the audit: a whole commune in a few seconds
            s.execute(insert(Enrolment.__table__), [
                {"uuid": new_uuid(), "version": 1, "citizen_id": cid, "year": year, "citizen_group": g,
                 "criteria_set_id": set_id, "status": Status.REGISTERED.value, "registered_on": on, "verdict": "",
                 "reviewed": False, "withdrawn_reason": "", "created_at": now, "updated_at": now}
                for cid, g in people])
            changes = json.dumps({"Ngày đăng ký": [None, f"{on:%d/%m/%Y}"]}, ensure_ascii=False)
            s.execute(insert(AuditEntry.__table__).from_select(
                ["at", "actor", "action", "entity", "entity_id", "entity_uuid", "summary", "changes"],
                select(literal(now, UTCDateTime()), literal(actor), literal("create"), literal(ENTITY), Enrolment.id,
                       Enrolment.uuid, literal(f"Đăng ký Công dân học tập năm {year}: ") + Citizen.full_name,
                       literal(changes))
                .join(Citizen, Citizen.id == Enrolment.citizen_id)
                # created_at too: on a shared server another clerk's enrolment may land beside this batch
                .where(Enrolment.year == year, Enrolment.id > last_id, Enrolment.created_at == now)))
        self.db.analyze("enrolment", "audit_entry")
        return len(people)

    def withdraw(self, enrolment_id: int, reason: str, expected_version: int | None = None) -> None:
        reason = " ".join(reason.split())
        if not reason:
            raise CycleError("Cần ghi lý do rút tên (ví dụ: chuyển đi nơi khác, không tham gia).")
        with self.editing() as s:
            e = self._load(s, enrolment_id, expected_version)
            before = Status(e.status)
            self.move(s, e, Action.WITHDRAW, self.standing(s, e))
            e.withdrawn_from, e.withdrawn_reason = before.value, reason
            self.audit_change(s, e, "update", f"Rút tên khỏi năm {e.year}", {"Lý do": [None, reason]}, before)

    def reinstate(self, enrolment_id: int) -> None:
        with self.editing() as s:
            e = self._load(s, enrolment_id, None)
            before = Status(e.status)
            previous = Status(e.withdrawn_from) if e.withdrawn_from else None
            self.move(s, e, Action.REINSTATE, self.standing(s, e), withdrawn_from=previous)
            e.withdrawn_from, e.withdrawn_reason = None, ""
            self.audit_change(s, e, "update", f"Khôi phục vào năm {e.year}", {}, before)

    # scores ----------------------------------------------------------------------------------------

    def sheet(self, enrolment_id: int) -> AssessmentSheet:
        with self.db.reader() as s:
            e = s.get_one(Enrolment, enrolment_id)
            c = e.citizen
            village = s.get_one(Village, c.village_id).name
            cs = self.criteria.get(e.criteria_set_id)
            group = CitizenGroup(e.group)
            latest = {a.kind: a for a in s.scalars(select(Assessment).where(Assessment.enrolment_id == e.id)
                                                    .order_by(Assessment.id))}
            review = latest.get("correction") or latest.get("review")
            return AssessmentSheet(
                e.id, e.version, c.full_name, str(BirthDate(c.birth_year, c.birth_month, c.birth_day)), village,
                group, cs.name, cs.competences, cs.indicators(group), cs.pass_rule, Status(e.status),
                json.loads(latest["self"].scores) if "self" in latest else None,
                json.loads(review.scores) if review else None, review.note if review else "", e.verdict,
                self._review_required(s, e.year))

    def judge(self, enrolment_id: int, scores: Mapping[str, int | None]) -> Verdict:
        """The verdict the screen shows while the clerk types (nothing stored)."""
        with self.db.reader() as s:
            e = s.get_one(Enrolment, enrolment_id)
            cs = self.criteria.get(e.criteria_set_id)
            return judge(cs.indicators(CitizenGroup(e.group)), cs.pass_rule, scores)

    def record_self(self, enrolment_id: int, scores: Mapping[str, int | None], expected_version: int | None = None,
                    note: str = "") -> Verdict:
        return self._score(enrolment_id, "self", Action.SELF_ASSESS, scores, note, expected_version)

    def record_review(self, enrolment_id: int, scores: Mapping[str, int | None] | None, note: str = "",
                      expected_version: int | None = None) -> Verdict:
        """The branch's review: None confirms the self-assessment as it stands, scores correct it."""
        if scores is None:
            scores = self.sheet(enrolment_id).self_scores
            if scores is None:
                raise CycleError("Chưa có phiếu tự đánh giá để chi hội xác nhận.")
        return self._score(enrolment_id, "review", Action.REVIEW, scores, note, expected_version)

    def correct(self, enrolment_id: int, scores: Mapping[str, int | None], reason: str,
                expected_version: int | None = None) -> Verdict:
        """After the decision: an explicit correction with its reason; the verdict is computed again."""
        if not " ".join(reason.split()):
            raise CycleError("Đính chính điểm sau quyết định cần ghi rõ lý do.")
        return self._score(enrolment_id, "correction", Action.CORRECT, scores, reason, expected_version)

    def _score(self, enrolment_id: int, kind: str, action: Action, scores: Mapping[str, int | None], note: str,
               expected_version: int | None) -> Verdict:
        with self.editing() as s:
            e = self._load(s, enrolment_id, expected_version)
            cs = self.criteria.get(e.criteria_set_id)
            indicators = cs.indicators(CitizenGroup(e.group))
            unknown = set(scores) - {i.code for i in indicators}
            if unknown:
                raise CycleError(f"Chỉ số không có trong bộ tiêu chí: {', '.join(sorted(unknown))}.")
            try:
                verdict = judge(indicators, cs.pass_rule, scores)
            except ScoreError as err:
                raise CycleError(str(err)) from None
            before = Status(e.status)
            old_verdict = e.verdict
            self.move(s, e, action, verdict)
            clean = {i.code: scores[i.code] for i in indicators if scores.get(i.code) is not None}
            s.add(Assessment(enrolment_id=e.id, kind=kind, scores=json.dumps(clean), total=verdict.total,
                             note=" ".join(note.split()), at=utcnow(), actor=self._actor()))
            if kind != "self":
                e.reviewed = True
            e.total = verdict.total
            e.passed = verdict.passed if verdict.complete else None
            e.verdict = verdict.text
            changes = {KIND_LABEL[kind]: [None, _scores_text(clean, verdict.total)],
                       "Kết quả": [old_verdict or None, verdict.text]}
            digital = next((i for i in indicators if i.digital and clean.get(i.code) is not None), None)
            if digital is not None and not e.digital_confirmed:  # proposed from the sheet until the clerk says
                proposed = propose_digital(clean[digital.code], digital.max_points).value
                if proposed != e.digital_skill:
                    changes["Kỹ năng số (đề xuất)"] = [e.digital_skill or None, DigitalSkill(proposed).label]
                    e.digital_skill = proposed
            if note.strip():
                changes["Ghi chú" if kind != "correction" else "Lý do đính chính"] = [None, " ".join(note.split())]
            self.audit_change(s, e, "update", f"{KIND_LABEL[kind]} năm {e.year}", changes, before)
            return verdict

    def digital_of(self, enrolment_id: int) -> tuple[DigitalSkill | None, bool]:
        """The digital skills recorded (proposed from the sheet, or confirmed) and whether the clerk confirmed."""
        with self.db.reader() as s:
            e = s.get_one(Enrolment, enrolment_id)
            return (DigitalSkill(e.digital_skill) if e.digital_skill else None), e.digital_confirmed

    def set_digital(self, enrolment_id: int, skill: DigitalSkill, expected_version: int | None = None) -> None:
        """The clerk confirms (or changes) the digital skills the sheet proposed."""
        with self.editing() as s:
            e = self._load(s, enrolment_id, expected_version)
            before = DigitalSkill(e.digital_skill).label if e.digital_skill else None
            e.digital_skill, e.digital_confirmed = skill.value, True
            e.version += 1
            self.audit_change(s, e, "update", f"Xác nhận kỹ năng số năm {e.year}",
                              {"Kỹ năng số": [before, skill.label]}, Status(e.status))

    # reading ---------------------------------------------------------------------------------------

    def page(self, flt: EnrolmentFilter, offset: int, limit: int, total: int | None = None) -> list[EnrolmentRow]:
        with self.db.reader() as s:
            return enrolment_queries.page(s, flt, offset, limit, total)

    def count(self, flt: EnrolmentFilter) -> int:
        with self.db.reader() as s:
            return enrolment_queries.count(s, flt)

    def of_citizen(self, citizen_id: int, year: int) -> int | None:
        with self.db.reader() as s:
            return s.scalar(select(Enrolment.id).where(Enrolment.citizen_id == citizen_id, Enrolment.year == year))

    # the shared mechanics --------------------------------------------------------------------------

    def batch(self) -> AbstractContextManager[Session]:
        """A transaction over many records (checked first like every batch); one that lost a race is refused whole."""
        return self.db.batch(CycleError("Một số hồ sơ vừa được sửa ở nơi khác trong lúc làm: chưa ghi gì. Hãy làm lại."))

    def editing(self) -> AbstractContextManager[Session]:
        """A session for one record's edit: a save that lost the race to another is told as a stale edit."""
        return self.db.session(CycleError(STALE))

    def _load(self, s: Session, enrolment_id: int, expected_version: int | None) -> Enrolment:
        e = s.get_one(Enrolment, enrolment_id)
        if expected_version is not None and e.version != expected_version:
            raise CycleError(STALE)
        return e

    def standing(self, s: Session, e: Enrolment) -> Verdict | None:
        """The verdict of the scores that stand now, from the stored columns."""
        if e.total is None:
            return None
        return Verdict(e.passed is not None, bool(e.passed), e.total, (), e.verdict)

    def move(self, s: Session, e: Enrolment, action: Action, verdict: Verdict | None,
              withdrawn_from: Status | None = None) -> None:
        try:
            new = transition(Status(e.status), action, verdict, review_required=self._review_required(s, e.year),
                             reviewed=e.reviewed, withdrawn_from=withdrawn_from)
        except TransitionError as err:
            raise CycleError(f"{e.citizen.full_name}: {err}") from None
        e.status = new.value
        e.version += 1

    def _review_required(self, s: Session, year: int) -> bool:
        plan = s.scalars(select(YearPlan).where(YearPlan.year == year)).first()
        return plan.review_required if plan else True

    def audit_change(self, s: Session, e: Enrolment, action: str, summary: str, changes: dict[str, list[Any]],
               before: Status) -> None:
        if Status(e.status) is not before:
            changes = {**changes, "Bước": [before.label, Status(e.status).label]}
        audit.record(s, actor=self._actor(), action=action, entity=ENTITY, entity_id=e.id, entity_uuid=e.uuid,
                     summary=f"{summary}: {e.citizen.full_name}", changes=changes)


def _scores_text(scores: Mapping[str, int], total: int) -> str:
    return ", ".join(f"{code}: {value}" for code, value in scores.items()) + f" (tổng {total})"


def _yes(value: bool) -> str:
    return "có" if value else "không"


def _check_year(year: int) -> None:
    if not 2021 <= year <= 2100:
        raise CycleError(f"Năm {year} nằm ngoài chương trình (từ 2021).")
