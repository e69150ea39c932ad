"""From scores to titles: the proposal list and the recognition decision."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Citizen, Decision, Enrolment, Office, Village
from desktop.domain.cycle import Action, Status
from desktop.domain.groups import CitizenGroup
from desktop.services import decision_numbers
from desktop.services.enrolments import CycleError, EnrolmentService

BATCH = 100


@dataclass(frozen=True)
class ProposalRow:
    enrolment_id: int
    full_name: str
    birth_year: int
    village: str
    group: CitizenGroup
    total: int


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    year: int
    number: str
    signed_on: date
    signer_name: str
    signer_title: str
    recognized: int


@dataclass(frozen=True)
class DecisionResult:
    decision: DecisionInfo
    not_recognized: int


@dataclass(frozen=True)
class ProposeResult:
    proposed: int
    refused: list[str]  # one Vietnamese line per person who could not be proposed, with the reason


class RecognitionService:
    def __init__(self, db: Database, enrolments: EnrolmentService, actor: Callable[[], str]) -> None:
        self.db = db
        self.enrolments = enrolments
        self._actor = actor

    def candidates(self, year: int, village_id: int | None = None) -> list[int]:
        """Everyone of the year who passes and may be proposed now."""
        plan = self.enrolments.plan(year)
        ready = [Status.REVIEWED.value] if plan.review_required else [Status.REVIEWED.value,
                                                                      Status.SELF_ASSESSED.value]
        with self.db.reader() as s:
            stmt = (select(Enrolment.id).join(Citizen, Citizen.id == Enrolment.citizen_id)
                    .where(Enrolment.year == year, Enrolment.status.in_(ready), Enrolment.passed.is_(True),
                           Citizen.deleted_at.is_(None)))
            if village_id is not None:
                stmt = stmt.where(Citizen.village_id == village_id)
            return list(s.scalars(stmt))

    def propose(self, enrolment_ids: Iterable[int]) -> ProposeResult:
        """Put people on the proposal list, all in one transaction; those who may not go are named."""
        return self._each(enrolment_ids, Action.PROPOSE, "Đưa vào danh sách đề nghị công nhận")

    def unpropose(self, enrolment_ids: Iterable[int]) -> ProposeResult:
        return self._each(enrolment_ids, Action.UNPROPOSE, "Bỏ khỏi danh sách đề nghị")

    def _each(self, enrolment_ids: Iterable[int], action: Action, summary: str) -> ProposeResult:
        moved, refused = 0, []
        ids = list(enrolment_ids)
        # the integrity check (0.2 s on 100,000 people) before a list, not before a click on a few people
        with (self.enrolments.batch() if len(ids) >= BATCH else self.enrolments.editing()) as s:
            for eid in ids:
                e = s.get_one(Enrolment, eid)
                before = Status(e.status)
                try:
                    self.enrolments.move(s, e, action, self.enrolments.standing(s, e))
                except CycleError as err:
                    refused.append(str(err))
                    continue
                self.enrolments.audit_change(s, e, "update", f"{summary} năm {e.year}", {}, before)
                moved += 1
        return ProposeResult(moved, refused)

    def proposal_list(self, year: int, village_id: int | None = None,
                      status: Status = Status.PROPOSED) -> list[ProposalRow]:
        """The danh sách đề nghị công nhận, by village then name (status RECOGNIZED: the list as it was
        proposed, once the decision has been made)."""
        with self.db.reader() as s:
            stmt = (select(Enrolment.id, Citizen.full_name, Citizen.birth_year, Village.name, Enrolment.group,
                           Enrolment.total)
                    .join(Citizen, Citizen.id == Enrolment.citizen_id).join(Village, Village.id == Citizen.village_id)
                    .where(Enrolment.year == year, Enrolment.status == status.value,
                           Citizen.deleted_at.is_(None))
                    .order_by(Village.position, Village.id, Citizen.sort_key))
            if village_id is not None:
                stmt = stmt.where(Citizen.village_id == village_id)
            return [ProposalRow(eid, name, by, village, CitizenGroup(g), total or 0)
                    for eid, name, by, village, g, total in s.execute(stmt)]

    def record_decision(self, year: int, number: str, signed_on: date, signer_name: str | None = None,
                        signer_title: str | None = None) -> DecisionResult:
        """Recognize everyone on the year's proposal list; everyone scored in full who fails becomes
        'not recognized' with the computed reason. All of it in one transaction, or nothing."""
        number = " ".join(number.split())
        if not number:
            raise CycleError("Chưa nhập số quyết định.")
        if signed_on.year not in (year, year + 1):
            raise CycleError(f"Ngày ký {signed_on:%d/%m/%Y} không hợp với năm {year}.")
        proposed = self.proposal_list(year)
        if not proposed:
            raise CycleError(f"Danh sách đề nghị năm {year} đang trống: chưa có ai để công nhận.")
        with self.enrolments.batch() as s:
            office = s.scalars(select(Office)).one()
            if refused := decision_numbers.refusal(s, year, number):
                raise CycleError(refused)
            name = " ".join((signer_name if signer_name is not None else office.signer_name).split())
            title = " ".join((signer_title if signer_title is not None else office.signer_title).split())
            if not name:
                raise CycleError("Chưa có tên người ký quyết định (nhập ở đây hoặc trong thiết lập đơn vị).")
            decision = Decision(year=year, number=number, signed_on=signed_on, signer_name=name, signer_title=title)
            s.add(decision)
            s.flush()
            for row in proposed:
                e = s.get_one(Enrolment, row.enrolment_id)
                before = Status(e.status)
                self.enrolments.move(s, e, Action.RECOGNIZE, self.enrolments.standing(s, e))
                e.decision_id = decision.id
                self.enrolments.audit_change(s, e, "update", f"Công nhận theo quyết định số {number}",
                                       {"Quyết định": [None, f"{number} ngày {signed_on:%d/%m/%Y}"]}, before)
            failing = s.scalars(select(Enrolment).where(
                Enrolment.year == year, Enrolment.passed.is_(False),
                Enrolment.status.in_([Status.SELF_ASSESSED.value, Status.REVIEWED.value])))
            rejected = 0
            for e in failing:
                before = Status(e.status)
                self.enrolments.move(s, e, Action.REJECT, self.enrolments.standing(s, e))
                self.enrolments.audit_change(s, e, "update", f"Không công nhận khi ra quyết định số {number}",
                                       {"Lý do": [None, e.verdict]}, before)
                rejected += 1
            info = DecisionInfo(decision.id, year, number, signed_on, name, title, len(proposed))
        return DecisionResult(info, rejected)

    def decisions(self, year: int) -> list[DecisionInfo]:
        with self.db.reader() as s:
            counts = dict(s.execute(select(Enrolment.decision_id, func.count()).where(Enrolment.year == year)
                                    .group_by(Enrolment.decision_id)).all())
            return [DecisionInfo(d.id, d.year, d.number, d.signed_on, d.signer_name, d.signer_title,
                                 counts.get(d.id, 0))
                    for d in s.scalars(select(Decision).where(Decision.year == year).order_by(Decision.id))]
