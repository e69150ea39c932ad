"""The yearly cycle of Programme 387's learning models, as a citizen's: registration, the self-assessment
against the model's criteria set, the branch's review, the proposal list, the recognition decision; with
withdrawals, corrections with a reason, the audit, and a verdict always computed from the scores."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from desktop.db import audit
from desktop.db.base import UTCDateTime, new_uuid, utcnow
from desktop.db.engine import Database
from desktop.db.models import AuditEntry, Village
from desktop.db.models387 import (
    Clan,
    Household,
    ModelAssessment,
    ModelCriteriaSetRecord,
    ModelDecision,
    ModelEnrolment,
    Organisation,
)
from desktop.domain.criteria import CriteriaError
from desktop.domain.cycle import Action, Status, TransitionError, transition
from desktop.domain.models387 import Model, ModelCriteria, parse_model_criteria
from desktop.domain.scoring import ScoreError, Verdict, judge
from desktop.resources import resource
from desktop.services import decision_numbers
from desktop.services.enrolments import KIND_LABEL, STALE

SHIPPED_SOURCE = "Kèm chương trình"
SUBJECTS = {Model.FAMILY: Household, Model.CLAN: Clan, Model.COMMUNITY: Village, Model.UNIT: Organisation}


class ModelCycleError(ValueError):
    """A refused step; the message is for the clerk."""


@dataclass(frozen=True)
class ModelEnrolmentRow:
    id: int
    version: int
    subject_id: int
    name: str
    status: Status
    total: int | None
    verdict: str
    decision_id: int | None = None
    uuid: str = ""


@dataclass(frozen=True)
class ModelSheet:
    """What a model's score sheet shows: whose it is, where, the set it is scored with and the scores that
    stand (the self-assessment, the branch's or a correction's), with the version read."""

    enrolment_id: int
    version: int
    year: int
    name: str
    where: str
    status: Status
    criteria: ModelCriteria
    self_scores: dict[str, int] | None
    review_scores: dict[str, int] | None
    review_note: str


class ModelCriteriaService:
    """The models' criteria sets in the register: the shipped four stored at start, a province's imported."""

    def __init__(self, db: Database, actor: Callable[[], str]) -> None:
        self.db = db
        self._actor = actor
        self._parsed: dict[int, ModelCriteria] = {}

    def sync_shipped(self, folder: Path | None = None) -> list[str]:
        problems = []
        for path in sorted((folder or resource("criteria", "mo-hinh")).glob("*.json")):
            try:
                self._store(path.read_bytes(), SHIPPED_SOURCE, replace_same=True)
            except (CriteriaError, OSError) as e:
                problems.append(f"Bộ tiêu chí {path.name} không dùng được: {e}")
        return problems

    def import_file(self, path: Path) -> ModelCriteria:
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise CriteriaError(f"Không đọc được tệp {path.name}: {e.strerror or e}") from e
        return self.get(self._store(raw, path.name, replace_same=False))

    def _store(self, raw: bytes, source: str, replace_same: bool) -> int:
        parsed, doc = parse_model_criteria(raw)
        content = json.dumps(doc, ensure_ascii=False, sort_keys=True)
        with self.db.session() as s:
            # the table's row, not the mapped class's (read at every start: see services/criteria.py)
            sets = ModelCriteriaSetRecord.__table__
            existing = s.execute(select(sets.c.id, sets.c.content).where(sets.c.code == parsed.id)).first()
            if existing is not None:
                if existing.content != content and not replace_same:
                    raise CriteriaError(f"Đã có bộ tiêu chí mã “{parsed.id}” với nội dung khác. Hãy đặt mã (trường "
                                        "“id”) mới cho bộ tiêu chí này.")
                return existing.id
            record = ModelCriteriaSetRecord(code=parsed.id, model=parsed.model.value, name=parsed.name,
                                            year_from=parsed.year_from, year_to=parsed.year_to, content=content,
                                            source=source)
            s.add(record)
            s.flush()
            audit.record(s, actor=self._actor(), action="create", entity="model_criteria_set", entity_id=record.id,
                         entity_uuid=record.uuid, summary=f"Nhập bộ tiêu chí {parsed.name}",
                         changes={"Mã": [None, parsed.id], "Nguồn": [None, source],
                                  "Áp dụng": [None, f"{parsed.year_from}–{parsed.year_to}"]})
            return record.id

    def get(self, set_id: int) -> ModelCriteria:
        if set_id not in self._parsed:
            with self.db.reader() as s:
                self._parsed[set_id], _ = parse_model_criteria(s.get_one(ModelCriteriaSetRecord, set_id).content)
        return self._parsed[set_id]

    def for_year(self, model: Model, year: int) -> int:
        """The newest set of the model that covers the year (a province's, once imported, before ours)."""
        with self.db.reader() as s:
            records = list(s.scalars(select(ModelCriteriaSetRecord).where(ModelCriteriaSetRecord.model == model.value)
                                     .order_by(ModelCriteriaSetRecord.id.desc())))
        chosen = next((r for r in records if r.year_from <= year <= r.year_to), records[0] if records else None)
        if chosen is None:
            raise ModelCycleError(f"Chưa có bộ tiêu chí {model.title}: hãy nhập một bộ tiêu chí.")
        return chosen.id


class ModelCycleService:
    """One model's cycle (families, clans, village communities or units)."""

    def __init__(self, db: Database, criteria: ModelCriteriaService, model: Model, actor: Callable[[], str],
                 today: Callable[[], date] = date.today) -> None:
        self.db, self.criteria, self.model = db, criteria, model
        self._actor, self._today = actor, today
        self._subject = SUBJECTS[model]

    # registration ----------------------------------------------------------------------------------

    def register_all(self, year: int, subject_ids: Iterable[int] | None = None, registered_on: date | None = None) -> int:
        """Every household (clan, village, unit) of the commune not yet registered for the year, or those
        named; one transaction with its audit. Returns how many were registered."""
        on = registered_on or self._today()
        if on.year not in (year - 1, year, year + 1):
            raise ModelCycleError(f"Ngày đăng ký {on:%d/%m/%Y} không thuộc năm {year}.")
        set_id = self.criteria.for_year(self.model, year)
        actor, now = self._actor(), utcnow()
        with self.db.batch(ModelCycleError(STALE)) as s:
            already = select(ModelEnrolment.subject_id).where(ModelEnrolment.model == self.model.value,
                                                              ModelEnrolment.year == year)
            stmt = select(self._subject.id, self._subject.name).where(self._subject.deleted_at.is_(None),
                                                                      self._subject.id.not_in(already))
            if subject_ids is not None:
                stmt = stmt.where(self._subject.id.in_(list(subject_ids)))
            subjects = s.execute(stmt).all()
            if not subjects:
                return 0
            rows = [{"uuid": new_uuid(), "version": 1, "model": self.model.value, "subject_id": sid, "year": year,
                     "criteria_set_id": set_id, "status": Status.REGISTERED.value, "registered_on": on, "verdict": "",
                     "reviewed": False, "withdrawn_reason": "", "created_at": now, "updated_at": now}
                    for sid, _ in subjects]
            s.execute(insert(ModelEnrolment), rows)
            # each one's audit line in one INSERT ... SELECT, as a citizen's (25,000 households at once)
            changes = json.dumps({"Ngày đăng ký": [None, f"{on:%d/%m/%Y}"]}, ensure_ascii=False)
            s.execute(insert(AuditEntry).from_select(
                ["at", "actor", "action", "entity", "entity_id", "entity_uuid", "summary", "changes"],
                select(literal(now, UTCDateTime()), literal(actor), literal("create"), literal("model_enrolment"),
                       ModelEnrolment.id, ModelEnrolment.uuid,
                       literal(f"Đăng ký {self.model.title} năm {year}: ") + self._subject.name, literal(changes))
                .join(self._subject, self._subject.id == ModelEnrolment.subject_id)
                .where(ModelEnrolment.model == self.model.value, ModelEnrolment.year == year,
                       ModelEnrolment.created_at == now)))
        self.db.analyze("model_enrolment", "audit_entry")
        return len(rows)

    def unregistered(self, year: int) -> int:
        """How many households (clans, villages, units) of the commune are not registered for the year: the
        count a clerk confirms before registering them all."""
        with self.db.reader() as s:
            already = select(ModelEnrolment.subject_id).where(ModelEnrolment.model == self.model.value,
                                                              ModelEnrolment.year == year)
            return s.scalar(select(func.count()).select_from(self._subject).where(
                self._subject.deleted_at.is_(None), self._subject.id.not_in(already))) or 0

    def withdraw(self, enrolment_id: int, reason: str, expected_version: int | None = None) -> None:
        reason = " ".join(reason.split())
        if not reason:
            raise ModelCycleError("Cần ghi lý do rút tên.")
        with self.db.session(ModelCycleError(STALE)) as s:
            e = self._load(s, enrolment_id, expected_version)
            before = Status(e.status)
            self._move(e, Action.WITHDRAW, self._standing(e))
            e.withdrawn_from, e.withdrawn_reason = before.value, reason
            self._audit(s, e, f"Rút tên khỏi năm {e.year}", {"Lý do": [None, reason]}, before)

    def reinstate(self, enrolment_id: int) -> None:
        with self.db.session(ModelCycleError(STALE)) as s:
            e = self._load(s, enrolment_id, None)
            before = Status(e.status)
            self._move(e, Action.REINSTATE, self._standing(e),
                       withdrawn_from=Status(e.withdrawn_from) if e.withdrawn_from else None)
            e.withdrawn_from, e.withdrawn_reason = None, ""
            self._audit(s, e, f"Khôi phục vào năm {e.year}", {}, before)

    # scores ----------------------------------------------------------------------------------------

    def record_self(self, enrolment_id: int, scores: Mapping[str, int | None], expected_version: int | None = None,
                    note: str = "") -> Verdict:
        return self._score(enrolment_id, "self", Action.SELF_ASSESS, scores, note, expected_version)

    def record_review(self, enrolment_id: int, scores: Mapping[str, int | None] | None, note: str = "",
                      expected_version: int | None = None) -> Verdict:
        """The branch's review: its own scores, or None to confirm the self-assessment as it stands."""
        if scores is None:
            with self.db.reader() as s:
                last = s.scalars(select(ModelAssessment).where(ModelAssessment.enrolment_id == enrolment_id)
                                 .order_by(ModelAssessment.id.desc())).first()
            if last is None:
                raise ModelCycleError("Chưa có phiếu tự đánh giá để chi hội xác nhận.")
            scores = json.loads(last.scores)
        return self._score(enrolment_id, "review", Action.REVIEW, scores, note, expected_version)

    def correct(self, enrolment_id: int, scores: Mapping[str, int | None], reason: str,
                expected_version: int | None = None) -> Verdict:
        if not reason.strip():
            raise ModelCycleError("Đính chính điểm cần ghi rõ lý do.")
        return self._score(enrolment_id, "correction", Action.CORRECT, scores, reason, expected_version)

    def _score(self, enrolment_id: int, kind: str, action: Action, scores: Mapping[str, int | None], note: str,
               expected_version: int | None) -> Verdict:
        with self.db.session(ModelCycleError(STALE)) as s:
            e = self._load(s, enrolment_id, expected_version)
            cs = self.criteria.get(e.criteria_set_id)
            if unknown := set(scores) - {c.code for c in cs.criteria}:
                raise ModelCycleError(f"Tiêu chí không có trong bộ tiêu chí: {', '.join(sorted(unknown))}.")
            try:
                verdict = judge(cs.criteria, cs.pass_rule, scores, noun="tiêu chí")
            except ScoreError as err:
                raise ModelCycleError(str(err).replace("Chỉ số", "Tiêu chí")) from None
            before, old_verdict = Status(e.status), e.verdict
            self._move(e, action, verdict)
            clean = {c.code: scores[c.code] for c in cs.criteria if scores.get(c.code) is not None}
            s.add(ModelAssessment(enrolment_id=e.id, kind=kind, scores=json.dumps(clean), total=verdict.total,
                                  note=" ".join(note.split()), at=utcnow(), actor=self._actor()))
            if kind != "self":
                e.reviewed = True
            e.total, e.passed, e.verdict = verdict.total, verdict.passed if verdict.complete else None, verdict.text
            changes = {KIND_LABEL[kind]: [None, ", ".join(f"{k}: {v}" for k, v in clean.items())],
                       "Kết quả": [old_verdict or None, verdict.text]}
            if note.strip():
                changes["Ghi chú" if kind != "correction" else "Lý do đính chính"] = [None, " ".join(note.split())]
            self._audit(s, e, f"{KIND_LABEL[kind]} năm {e.year}", changes, before)
            return verdict

    # proposal and decision -------------------------------------------------------------------------

    def propose(self, enrolment_ids: Iterable[int]) -> list[str]:
        """Onto the proposal list, in one transaction; returns why any could not go."""
        refused = []
        with self.db.batch(ModelCycleError(STALE)) as s:
            for eid in enrolment_ids:
                e = s.get_one(ModelEnrolment, eid)
                before = Status(e.status)
                try:
                    self._move(e, Action.PROPOSE, self._standing(e))
                except ModelCycleError as err:
                    refused.append(str(err))
                    continue
                self._audit(s, e, f"Đưa vào danh sách đề nghị năm {e.year}", {}, before)
        return refused

    def candidates(self, year: int) -> list[int]:
        """Who may go onto the proposal list: passed, and reviewed where the review is required."""
        with self.db.reader() as s:
            return list(s.scalars(select(ModelEnrolment.id).where(
                ModelEnrolment.model == self.model.value, ModelEnrolment.year == year, ModelEnrolment.passed.is_(True),
                ModelEnrolment.status == Status.REVIEWED.value).order_by(ModelEnrolment.id)))

    def record_decision(self, year: int, number: str, signed_on: date, signer_name: str, signer_title: str) -> int:
        """Everyone on the proposal list recognized; everyone scored in full who fails not recognized. One
        transaction. Returns how many were recognized."""
        number, signer_name = " ".join(number.split()), " ".join(signer_name.split())
        if not number or not signer_name:
            raise ModelCycleError("Chưa nhập số quyết định hoặc người ký.")
        if signed_on.year not in (year, year + 1):
            raise ModelCycleError(f"Ngày ký {signed_on:%d/%m/%Y} không hợp với năm {year}.")
        with self.db.batch(ModelCycleError(STALE)) as s:
            if refused := decision_numbers.refusal(s, year, number):
                raise ModelCycleError(refused)
            proposed = list(s.scalars(select(ModelEnrolment).where(
                ModelEnrolment.model == self.model.value, ModelEnrolment.year == year,
                ModelEnrolment.status == Status.PROPOSED.value)))
            if not proposed:
                raise ModelCycleError(f"Danh sách đề nghị công nhận {self.model.title} năm {year} đang trống.")
            decision = ModelDecision(model=self.model.value, year=year, number=number, signed_on=signed_on,
                                     signer_name=signer_name, signer_title=" ".join(signer_title.split()))
            s.add(decision)
            s.flush()
            for e in proposed:
                before = Status(e.status)
                self._move(e, Action.RECOGNIZE, self._standing(e))
                e.decision_id = decision.id
                self._audit(s, e, f"Công nhận theo quyết định số {number}",
                            {"Quyết định": [None, f"{number} ngày {signed_on:%d/%m/%Y}"]}, before)
            failing = s.scalars(select(ModelEnrolment).where(
                ModelEnrolment.model == self.model.value, ModelEnrolment.year == year,
                ModelEnrolment.passed.is_(False),
                ModelEnrolment.status.in_([Status.SELF_ASSESSED.value, Status.REVIEWED.value])))
            for e in failing:
                before = Status(e.status)
                self._move(e, Action.REJECT, self._standing(e))
                self._audit(s, e, f"Không công nhận khi ra quyết định số {number}", {"Lý do": [None, e.verdict]},
                            before)
            return len(proposed)

    # reading ---------------------------------------------------------------------------------------

    def page(self, year: int, status: Status | None = None, offset: int = 0, limit: int = 200) -> list[ModelEnrolmentRow]:
        with self.db.reader() as s:
            stmt = (select(ModelEnrolment, self._subject.name)
                    .join(self._subject, self._subject.id == ModelEnrolment.subject_id)
                    .where(ModelEnrolment.model == self.model.value, ModelEnrolment.year == year))
            if status is not None:
                stmt = stmt.where(ModelEnrolment.status == status.value)
            rows = s.execute(stmt.order_by(self._subject.name_key, ModelEnrolment.id).offset(offset).limit(limit)).all()
            return [ModelEnrolmentRow(e.id, e.version, e.subject_id, name, Status(e.status), e.total, e.verdict,
                                      e.decision_id, e.uuid)
                    for e, name in rows]

    def statuses(self, year: int, subject_ids: list[int]) -> dict[int, ModelEnrolmentRow]:
        """The year's enrolment of each of these households (clans, villages, units) that has one."""
        with self.db.reader() as s:
            rows = s.execute(select(ModelEnrolment, self._subject.name)
                             .join(self._subject, self._subject.id == ModelEnrolment.subject_id)
                             .where(ModelEnrolment.model == self.model.value, ModelEnrolment.year == year,
                                    ModelEnrolment.subject_id.in_(subject_ids))).all()
            return {e.subject_id: ModelEnrolmentRow(e.id, e.version, e.subject_id, name, Status(e.status), e.total,
                                                    e.verdict, e.decision_id) for e, name in rows}

    def sheet(self, enrolment_id: int) -> ModelSheet:
        with self.db.reader() as s:
            e = s.get_one(ModelEnrolment, enrolment_id)
            name = s.scalar(select(self._subject.name).where(self._subject.id == e.subject_id)) or ""
            latest = {a.kind: a for a in s.scalars(select(ModelAssessment).where(ModelAssessment.enrolment_id == e.id)
                                                    .order_by(ModelAssessment.id))}
            review = latest.get("correction") or latest.get("review")
            return ModelSheet(e.id, e.version, e.year, name, self._where(s, e.subject_id), Status(e.status),
                              self.criteria.get(e.criteria_set_id),
                              json.loads(latest["self"].scores) if "self" in latest else None,
                              json.loads(review.scores) if review else None, review.note if review else "")

    def _where(self, s: Session, subject_id: int) -> str:
        """The village of a household or unit (a clan spans villages; a village is its own place)."""
        if self.model not in (Model.FAMILY, Model.UNIT):
            return ""
        return s.scalar(select(Village.name).join(self._subject, self._subject.village_id == Village.id)
                        .where(self._subject.id == subject_id)) or ""

    def scores(self, enrolment_id: int) -> dict[str, int]:
        """The scores that stand (the last sheet entered), for the sheet dialog to start from."""
        with self.db.reader() as s:
            last = s.scalars(select(ModelAssessment.scores).where(ModelAssessment.enrolment_id == enrolment_id)
                             .order_by(ModelAssessment.id.desc())).first()
        return json.loads(last) if last else {}

    def subjects(self) -> list[tuple[int, str]]:
        """Every household (clan, village, unit) of the commune, by name."""
        with self.db.reader() as s:
            return list(s.execute(select(self._subject.id, self._subject.name)
                                  .where(self._subject.deleted_at.is_(None))
                                  .order_by(self._subject.name_key, self._subject.id)).all())

    def latest_decision(self, year: int) -> ModelDecision | None:
        with self.db.reader() as s:
            return s.scalars(select(ModelDecision).where(ModelDecision.model == self.model.value,
                                                         ModelDecision.year == year)
                             .order_by(ModelDecision.id.desc())).first()

    def status_of(self, enrolment_id: int) -> Status:
        with self.db.reader() as s:
            return Status(s.get_one(ModelEnrolment, enrolment_id).status)

    def criteria_of(self, enrolment_id: int) -> ModelCriteria:
        with self.db.reader() as s:
            return self.criteria.get(s.get_one(ModelEnrolment, enrolment_id).criteria_set_id)

    def of_subject(self, subject_id: int, year: int) -> int | None:
        with self.db.reader() as s:
            return s.scalar(select(ModelEnrolment.id).where(ModelEnrolment.model == self.model.value,
                                                            ModelEnrolment.subject_id == subject_id,
                                                            ModelEnrolment.year == year))

    # the shared mechanics --------------------------------------------------------------------------

    def _load(self, s: Session, enrolment_id: int, expected_version: int | None) -> ModelEnrolment:
        e = s.get_one(ModelEnrolment, enrolment_id)
        if e.model != self.model.value:
            raise ModelCycleError(f"Hồ sơ số {enrolment_id} không phải hồ sơ {self.model.title}.")
        if expected_version is not None and e.version != expected_version:
            raise ModelCycleError(STALE)
        return e

    @staticmethod
    def _standing(e: ModelEnrolment) -> Verdict | None:
        if e.total is None:
            return None
        return Verdict(e.passed is not None, bool(e.passed), e.total, (), e.verdict)

    def _move(self, e: ModelEnrolment, action: Action, verdict: Verdict | None,
              withdrawn_from: Status | None = None) -> None:
        try:
            new = transition(Status(e.status), action, verdict, review_required=True, reviewed=e.reviewed,
                             withdrawn_from=withdrawn_from)
        except TransitionError as err:
            raise ModelCycleError(str(err)) from None
        e.status = new.value
        e.version += 1

    def _audit(self, s: Session, e: ModelEnrolment, summary: str, changes: dict, before: Status) -> None:
        if Status(e.status) is not before:
            changes = {**changes, "Bước": [before.label, Status(e.status).label]}
        name = s.scalar(select(self._subject.name).where(self._subject.id == e.subject_id))
        audit.record(s, actor=self._actor(), action="update", entity="model_enrolment", entity_id=e.id,
                     entity_uuid=e.uuid, summary=f"{summary}: {self.model.title} {name}", changes=changes)
