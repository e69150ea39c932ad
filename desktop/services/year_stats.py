"""The year at a glance: per group and per village, as the province's report counts it
(recognized / everyone in the group / rate), against the national targets and the office's own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from desktop.db import audit
from desktop.db.engine import Database
from desktop.db.models import Citizen, Enrolment, Population, Village, YearPlan
from desktop.domain.cycle import Status
from desktop.domain.groups import CitizenGroup

# Decision 677/QĐ-TTg: share of adults (groups 1-2) and of officials and staff (group 3) holding the title
NATIONAL_TARGETS = {2025: {"adults": 40, "officials": 60}, 2030: {"adults": 60, "officials": 80}}
# A workplace's staff rate is shown against a target, never called a learning unit: a unit is recognized
# through its own criteria and decision (Programme 387); the 50% once used here was a province's target.
WORKPLACE_NOTE = ("Không phải công nhận Đơn vị học tập: đơn vị học tập được công nhận theo bộ tiêu chí và quyết định "
                  "riêng (Chương trình 387).")


@dataclass
class Line:
    label: str
    adults: int = 0                 # the denominator: population figure, else people on the register
    from_register: bool = True      # no population figure was entered: the register's count is used
    on_register: int = 0
    registered: int = 0
    assessed: int = 0
    passed: int = 0
    recognized: int = 0

    @property
    def rate(self) -> float | None:
        return self.recognized / self.adults if self.adults else None

    @property
    def registered_rate(self) -> float | None:
        return self.registered / self.adults if self.adults else None

    @property
    def rate_of_registered(self) -> float | None:
        """Recognized among those who registered, as some provinces report it (beside the rate of everyone)."""
        return self.recognized / self.registered if self.registered else None


@dataclass
class GroupLine(Line):
    group: CitizenGroup | None = None

    @property
    def target_kind(self) -> str:
        return self.group.target_kind if self.group is not None else "adults"


@dataclass
class Workplace:
    name: str
    staff_on_register: int
    recognized: int

    @property
    def rate(self) -> float:
        return self.recognized / self.staff_on_register if self.staff_on_register else 0.0

    def meets(self, percent: int) -> bool:
        return self.rate * 100 >= percent


@dataclass
class YearStats:
    year: int
    groups: list[GroupLine]
    total: Line
    villages: list[Line]
    workplaces: list[Workplace]
    own_target_percent: int | None
    targets: dict[int, dict[str, int]] = field(default_factory=lambda: NATIONAL_TARGETS)

    @property
    def staff_target(self) -> tuple[int, str]:
        """The share of a workplace's staff the office aims at: its own target for the year, else 677's for
        officials and staff at the next milestone."""
        if self.own_target_percent:
            return self.own_target_percent, "chỉ tiêu của đơn vị"
        milestone = 2025 if self.year <= 2025 else 2030
        return self.targets[milestone]["officials"], f"mục tiêu quốc gia {milestone} cho cán bộ, công chức"

    def workplace_note(self) -> str:
        percent, source = self.staff_target
        return (f"Tỉ lệ cán bộ, công chức, viên chức của từng nơi làm việc được công nhận (trong số có trong sổ), so "
                f"với {source} ({percent}%). {WORKPLACE_NOTE}")


class YearStatsService:
    def __init__(self, db: Database, actor: Callable[[], str]) -> None:
        self.db = db
        self._actor = actor

    def compute(self, year: int) -> YearStats:
        with self.db.reader() as s:
            register = s.execute(select(Citizen.village_id, Citizen.group, func.count())
                                 .where(Citizen.deleted_at.is_(None)).group_by(Citizen.village_id, Citizen.group)).all()
            active = Enrolment.status != Status.WITHDRAWN.value
            cycle = s.execute(
                select(Citizen.village_id, Enrolment.group,
                       func.sum(case((active, 1), else_=0)),
                       func.sum(case((active & Enrolment.passed.is_not(None), 1), else_=0)),
                       func.sum(case((active & Enrolment.passed.is_(True), 1), else_=0)),
                       func.sum(case((Enrolment.status == Status.RECOGNIZED.value, 1), else_=0)))
                .join(Citizen, Citizen.id == Enrolment.citizen_id)
                .where(Enrolment.year == year, Citizen.deleted_at.is_(None))
                .group_by(Citizen.village_id, Enrolment.group)).all()
            population = s.execute(select(Population.group, Population.village_id, Population.adults)
                                   .where(Population.year == year)).all()
            villages = s.execute(select(Village.id, Village.name).where(Village.deleted_at.is_(None))
                                 .order_by(Village.position, Village.id)).all()
            staff = s.execute(
                select(Citizen.occupation, func.count(Citizen.id),
                       func.count(Enrolment.id))
                .outerjoin(Enrolment, (Enrolment.citizen_id == Citizen.id) & (Enrolment.year == year)
                           & (Enrolment.status == Status.RECOGNIZED.value))
                .where(Citizen.deleted_at.is_(None), Citizen.group.in_([int(g) for g in CitizenGroup if g.officials]),
                       Citizen.occupation != "")
                .group_by(Citizen.occupation)).all()
            plan = s.scalars(select(YearPlan).where(YearPlan.year == year)).first()

        groups = {g: GroupLine(g.short_label, group=g) for g in CitizenGroup}
        by_village = {vid: Line(name) for vid, name in villages}
        for vid, g, n in register:
            groups[CitizenGroup(g)].on_register += n
            if vid in by_village:
                by_village[vid].on_register += n
        for vid, g, registered, assessed, passed, recognized in cycle:
            for line in (groups[CitizenGroup(g)], by_village.get(vid)):
                if line is not None:
                    line.registered += registered or 0
                    line.assessed += assessed or 0
                    line.passed += passed or 0
                    line.recognized += recognized or 0
        commune_figure: dict[int, int] = {}
        village_figure: dict[int, int] = defaultdict(int)
        group_village_sum: dict[int, int] = defaultdict(int)
        for g, vid, adults in population:
            if vid is None:
                commune_figure[g] = adults
            else:
                village_figure[vid] += adults
                group_village_sum[g] += adults
        for g, line in groups.items():
            figure = commune_figure.get(int(g)) or group_village_sum.get(int(g))
            line.adults, line.from_register = (figure, False) if figure else (line.on_register, True)
        for vid, line in by_village.items():
            figure = village_figure.get(vid)
            line.adults, line.from_register = (figure, False) if figure else (line.on_register, True)
        total = Line("Toàn xã")
        for line in groups.values():
            for attr in ("adults", "on_register", "registered", "assessed", "passed", "recognized"):
                setattr(total, attr, getattr(total, attr) + getattr(line, attr))
        total.from_register = any(line.from_register for line in groups.values())
        workplaces = sorted((Workplace(name, n, r) for name, n, r in staff), key=lambda w: (-w.staff_on_register, w.name))
        return YearStats(year, list(groups.values()), total, list(by_village.values()), workplaces,
                         plan.own_target_percent if plan else None)

    def set_population(self, year: int, group: CitizenGroup, adults: int | None, village_id: int | None = None) -> None:
        """The number of adults in a group from the commune's population figures (None removes it)."""
        if adults is not None and not 0 < adults <= 10_000_000:
            raise ValueError("Số người phải là số nguyên dương.")
        with self.db.session() as s:
            row = s.scalars(select(Population).where(Population.year == year, Population.group == int(group),
                                                     Population.village_id.is_(None) if village_id is None
                                                     else Population.village_id == village_id)).first()
            before = row.adults if row and row.adults else None
            if before == adults:
                return
            if row is None:
                row = Population(year=year, group=int(group), village_id=village_id, adults=0)
                s.add(row)
                s.flush()
            row.adults = adults or 0  # 0: not entered (the register's count is used); kept, never deleted
            audit.record(s, actor=self._actor(), action="update", entity="population", entity_id=row.id,
                         entity_uuid=row.uuid, summary=f"Số người trong nhóm {int(group)} năm {year}",
                         changes={group.short_label: [before, adults]})

    def population(self, year: int) -> dict[CitizenGroup, int]:
        """The commune-level figures entered for the year."""
        with self.db.reader() as s:
            rows = s.execute(select(Population.group, Population.adults).where(
                Population.year == year, Population.village_id.is_(None), Population.adults > 0)).all()
        return {CitizenGroup(g): n for g, n in rows}
