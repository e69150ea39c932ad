"""The programme's measures as defined: per learning model, recognized / all of the commune's against 387's
2025 targets and the office's own for 2030; and Decision 677's own rates — the share of adults in learning
families, clans and communities who hold the Learning Citizen title, and of the staff of learning units."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, union

from desktop.db import audit
from desktop.db.engine import Database
from desktop.db.models import Citizen, Enrolment
from desktop.db.models387 import ClanHousehold, HouseholdMember, ModelEnrolment, ModelTarget
from desktop.domain.cycle import Status
from desktop.domain.digital import TARGETS as DIGITAL_TARGETS
from desktop.domain.digital import DigitalSkill
from desktop.domain.models387 import Model
from desktop.services.model_cycle import SUBJECTS
from desktop.services.year_stats import NATIONAL_TARGETS

PLURAL = {Model.FAMILY: "families", Model.CLAN: "clans", Model.COMMUNITY: "communities", Model.UNIT: "units"}


@dataclass(frozen=True)
class ModelLine:
    model: Model
    total: int        # the commune's households (clans, villages, organisations) on the register
    registered: int   # enrolled for the year and not withdrawn
    assessed: int     # of those, scored in full
    recognized: int
    target_2030: int | None  # the office's own

    @property
    def rate(self) -> float | None:
        return self.recognized / self.total if self.total else None

    @property
    def rate_of_registered(self) -> float | None:
        return self.recognized / self.registered if self.registered else None

    @property
    def target_2025(self) -> int:
        return self.model.target_2025


@dataclass(frozen=True)
class Measure677:
    key: str            # "adults_in_learning_models", "staff_of_learning_units"
    label: str
    denominator: str    # said on screen and on paper
    holders: int        # title holders among them this year
    people: int
    kind: str           # which of 677's targets: "adults" or "officials"

    @property
    def rate(self) -> float | None:
        return self.holders / self.people if self.people else None

    def target(self, milestone: int) -> int:
        return NATIONAL_TARGETS[milestone][self.kind]


@dataclass(frozen=True)
class DigitalFigures:
    """Of the year's title holders: with digital skills, proficient, and how many are still the sheet's
    proposal that the clerk has not confirmed."""

    holders: int
    with_skills: int
    proficient: int
    unconfirmed: int
    unknown: int     # no digital indicator scored (a set without one)

    @property
    def rate_skills(self) -> float | None:
        return self.with_skills / self.holders if self.holders else None

    @property
    def rate_proficient(self) -> float | None:
        return self.proficient / self.holders if self.holders else None


@dataclass(frozen=True)
class MeasureRow:
    label: str
    count: int
    of: int
    target_2025: int
    target_2030: int
    denominator: str

    @property
    def rate(self) -> float | None:
        return self.count / self.of if self.of else None


@dataclass(frozen=True)
class ModelStats:
    year: int
    models: dict[Model, ModelLine]
    measures: tuple[Measure677, ...]
    digital: DigitalFigures

    def measure_rows(self) -> list[MeasureRow]:
        """677's rates as one list for screen, workbook and paper: the two over the models, then digital skills."""
        d = self.digital
        skills = "người được công nhận Công dân học tập năm nay"
        unconfirmed = f" ({d.unconfirmed} người theo đề xuất từ điểm chỉ số kỹ năng số, chưa xác nhận)" \
            if d.unconfirmed else ""
        return [*(MeasureRow(x.label, x.holders, x.people, x.target(2025), x.target(2030), x.denominator)
                  for x in self.measures),
                MeasureRow("Người có danh hiệu có kỹ năng số", d.with_skills, d.holders, DIGITAL_TARGETS[2025]["skills"],
                           DIGITAL_TARGETS[2030]["skills"], skills + unconfirmed),
                MeasureRow("Người có danh hiệu thành thạo kỹ năng số", d.proficient, d.holders,
                           DIGITAL_TARGETS[2025]["proficient"], DIGITAL_TARGETS[2030]["proficient"], skills)]

    def as_json(self) -> dict:
        def rate(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"models": {PLURAL[m]: {"recognized": line.recognized, "registered": line.registered,
                                       "assessed": line.assessed, "total": line.total, "rate": rate(line.rate),
                                       "rate_of_registered": rate(line.rate_of_registered),
                                       "target_2025": line.target_2025, "target_2030": line.target_2030}
                           for m, line in self.models.items()},
                "measures_677": {x.key: {"holders": x.holders, "people": x.people, "rate": rate(x.rate),
                                         "denominator": x.denominator, "target_2025": x.target(2025),
                                         "target_2030": x.target(2030)} for x in self.measures},
                "digital_skills": {"holders": self.digital.holders, "with_skills": self.digital.with_skills,
                                   "proficient": self.digital.proficient, "unconfirmed": self.digital.unconfirmed,
                                   "unknown": self.digital.unknown, "rate_skills": rate(self.digital.rate_skills),
                                   "rate_proficient": rate(self.digital.rate_proficient),
                                   "targets": {str(m): t for m, t in DIGITAL_TARGETS.items()}}}


class ModelStatsService:
    def __init__(self, db: Database, actor: Callable[[], str]) -> None:
        self.db = db
        self._actor = actor

    def compute(self, year: int) -> ModelStats:
        targets = self.targets()
        with self.db.reader() as s:
            counted = {(m, st): n for m, st, n in s.execute(
                select(ModelEnrolment.model, ModelEnrolment.status, func.count())
                .where(ModelEnrolment.year == year).group_by(ModelEnrolment.model, ModelEnrolment.status))}
            scored = dict(s.execute(
                select(ModelEnrolment.model, func.count()).where(
                    ModelEnrolment.year == year, ModelEnrolment.passed.is_not(None),
                    ModelEnrolment.status != Status.WITHDRAWN.value).group_by(ModelEnrolment.model)).all())
            lines = {}
            for model, table in SUBJECTS.items():
                total = s.scalar(select(func.count()).select_from(table).where(table.deleted_at.is_(None))) or 0
                mine = {st: n for (m, st), n in counted.items() if m == model.value}
                lines[model] = ModelLine(model, total, sum(n for st, n in mine.items() if st != Status.WITHDRAWN.value),
                                         scored.get(model.value, 0), mine.get(Status.RECOGNIZED.value, 0),
                                         targets.get(model))
            measures = self._measures(s, year)
            digital = self._digital(s, year)
        return ModelStats(year, lines, measures, digital)

    @staticmethod
    def _digital(s, year: int) -> DigitalFigures:  # noqa: ANN001 - a Session
        rows = s.execute(select(Enrolment.digital_skill, Enrolment.digital_confirmed, func.count())
                         .join(Citizen, (Citizen.id == Enrolment.citizen_id) & Citizen.deleted_at.is_(None))
                         .where(Enrolment.year == year, Enrolment.status == Status.RECOGNIZED.value)
                         .group_by(Enrolment.digital_skill, Enrolment.digital_confirmed)).all()

        def count(test) -> int:  # noqa: ANN001
            return sum(n for skill, confirmed, n in rows if test(skill, confirmed))

        return DigitalFigures(count(lambda *_: True),
                              count(lambda k, _: k in (DigitalSkill.BASIC.value, DigitalSkill.PROFICIENT.value)),
                              count(lambda k, _: k == DigitalSkill.PROFICIENT.value),
                              count(lambda k, c: bool(k) and not c), count(lambda k, _: not k))

    def _measures(self, s, year: int) -> tuple[Measure677, ...]:  # noqa: ANN001 - a Session
        def recognized(model: Model):  # noqa: ANN202
            return select(ModelEnrolment.subject_id).where(ModelEnrolment.model == model.value,
                                                           ModelEnrolment.year == year,
                                                           ModelEnrolment.status == Status.RECOGNIZED.value)

        # the people in them, each once, as two parts that cannot overlap: everyone living in a learning
        # community, and the members of learning households (or of a learning clan's households) living
        # elsewhere (a person is in one household). A UNION of the three took 0.14 s on 100,000 people.
        villages = recognized(Model.COMMUNITY)
        households = union(recognized(Model.FAMILY), select(ClanHousehold.household_id).where(
            ClanHousehold.clan_id.in_(recognized(Model.CLAN))))
        held = (Enrolment.citizen_id == Citizen.id) & (Enrolment.year == year) & \
            (Enrolment.status == Status.RECOGNIZED.value)

        def count(stmt) -> tuple[int, int]:  # noqa: ANN001
            everyone, holders = s.execute(stmt.outerjoin(Enrolment, held)).one()
            return holders, everyone

        counted = select(func.count(Citizen.id), func.count(Enrolment.id))
        live = Citizen.deleted_at.is_(None)

        def living_in(subjects, column) -> tuple[int, int]:  # noqa: ANN001
            """From the few recognized villages (units) to their people by the index on the column: filtering
            the register by it, SQLite walked all 100,000 people (0.1 s)."""
            found = subjects.subquery()
            return count(counted.select_from(found).join(Citizen, (column == found.c.subject_id) & live))

        in_communities = living_in(villages, Citizen.village_id)
        in_households = count(counted.select_from(HouseholdMember)
                              .join(Citizen, (Citizen.id == HouseholdMember.citizen_id) & live
                                    & Citizen.village_id.not_in(villages))
                              .where(HouseholdMember.household_id.in_(households)))
        adults = (in_communities[0] + in_households[0], in_communities[1] + in_households[1])
        staff = living_in(recognized(Model.UNIT), Citizen.organisation_id)

        return (
            Measure677("adults_in_learning_models", "Người lớn trong gia đình, dòng họ, cộng đồng học tập",
                       "người trong sổ thuộc hộ được công nhận Gia đình học tập, hộ của dòng họ được công nhận Dòng họ "
                       "học tập, hoặc sống ở thôn được công nhận Cộng đồng học tập", *adults, "adults"),
            Measure677("staff_of_learning_units", "Cán bộ, người lao động của đơn vị học tập",
                       "người trong sổ làm việc ở đơn vị được công nhận Đơn vị học tập", *staff, "officials"),
        )

    def targets(self) -> dict[Model, int]:
        with self.db.reader() as s:
            return {Model(m): p for m, p in s.execute(select(ModelTarget.model, ModelTarget.percent_2030))}

    def set_target(self, model: Model, percent: int | None) -> None:
        """The office's own 2030 target for a model (None: none set)."""
        if percent is not None and not 1 <= percent <= 100:
            raise ValueError("Chỉ tiêu phải từ 1 đến 100%.")
        with self.db.session() as s:
            row = s.scalars(select(ModelTarget).where(ModelTarget.model == model.value)).first()
            before = row.percent_2030 if row else None
            if before == percent:
                return
            if row is None:
                row = ModelTarget(model=model.value, percent_2030=percent)
                s.add(row)
                s.flush()
            elif percent is None:
                s.delete(row)
            else:
                row.percent_2030 = percent
            audit.record(s, actor=self._actor(), action="update", entity="model_target", entity_id=row.id,
                         entity_uuid=row.uuid, summary=f"Chỉ tiêu 2030 {model.title}",
                         changes={"Chỉ tiêu 2030 (%)": [before, percent]})
