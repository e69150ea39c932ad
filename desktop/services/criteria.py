"""Criteria sets in the register: the shipped ones loaded at start, others imported from a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.db import audit
from desktop.db.engine import Database
from desktop.db.models import CriteriaSetRecord, YearPlan
from desktop.domain import groups
from desktop.domain.criteria import CriteriaError, CriteriaSet, parse_criteria
from desktop.resources import resource

SHIPPED_SOURCE = "Kèm chương trình"
PROGRAM_ACTOR = "Chương trình (tự động)"
# what the start reads is asked of the table (SQLAlchemy Core), not of the mapped class: the first ORM query
# configures every mapper (15 ms), which the start then leaves to the first save or dialog
_SETS = CriteriaSetRecord.__table__


@dataclass(frozen=True)
class CriteriaInfo:
    id: int
    code: str
    name: str
    year_from: int
    year_to: int
    source: str


class CriteriaService:
    def __init__(self, db: Database, actor: Callable[[], str]) -> None:
        self.db = db
        self._actor = actor
        self._parsed: dict[int, CriteriaSet] = {}

    def sync_shipped(self, folder: Path | None = None) -> list[str]:
        """Store each shipped set the register lacks. A broken file is reported and skipped: the
        program goes on with the sets it already holds. Returns the problems, in Vietnamese."""
        problems = []
        for path in sorted((folder or resource("criteria")).glob("*.json")):
            try:
                self._store(path.read_bytes(), SHIPPED_SOURCE, replace_same=True, actor=PROGRAM_ACTOR)
            except (CriteriaError, OSError) as e:
                problems.append(f"Bộ tiêu chí {path.name} không dùng được: {e}")
        self._define_groups()
        return problems

    def _define_groups(self) -> None:
        """The groups of every set the register holds become known (entry, filters, tables, reports)."""
        for info in self.sets():
            groups.define(self.get(info.id).group_defs)

    def import_file(self, path: Path) -> CriteriaInfo:
        """An office's own set (its province's wording). Raises CriteriaError, with nothing stored."""
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise CriteriaError(f"Không đọc được tệp {path.name}: {e.strerror or e}") from e
        info = self._store(raw, path.name, replace_same=False, actor=self._actor())
        self._define_groups()
        return info

    def _store(self, raw: bytes, source: str, replace_same: bool, actor: str) -> CriteriaInfo:
        parsed, doc = parse_criteria(raw)
        content = json.dumps(doc, ensure_ascii=False, sort_keys=True)
        with self.db.session() as s:
            existing = s.execute(select(_SETS).where(_SETS.c.code == parsed.id)).first()
            if existing is not None:
                if existing.content != content and not replace_same:
                    raise CriteriaError(f"Đã có bộ tiêu chí mã “{parsed.id}” với nội dung khác. "
                                        "Hãy đặt mã (trường “id”) mới cho bộ tiêu chí này.")
                return _info(existing)  # the stored copy stays: years scored with it keep it
            record = CriteriaSetRecord(code=parsed.id, name=parsed.name, year_from=parsed.year_from,
                                       year_to=parsed.year_to, content=content, source=source)
            s.add(record)
            s.flush()
            audit.record(s, actor=actor, action="create", entity="criteria_set", entity_id=record.id,
                         entity_uuid=record.uuid, summary=f"Nhập bộ tiêu chí {parsed.name}",
                         changes={"Mã": [None, parsed.id], "Nguồn": [None, source],
                                  "Áp dụng": [None, f"{parsed.year_from}–{parsed.year_to}"]})
            return _info(record)

    def sets(self) -> list[CriteriaInfo]:
        with self.db.reader() as s:
            return [_info(r) for r in s.execute(select(_SETS).order_by(_SETS.c.id))]

    def get(self, set_id: int) -> CriteriaSet:
        if set_id not in self._parsed:
            with self.db.reader() as s:
                content = s.execute(select(_SETS.c.content).where(_SETS.c.id == set_id)).scalar_one()
                self._parsed[set_id], _ = parse_criteria(content)
        return self._parsed[set_id]

    def for_year(self, year: int) -> int:
        """The set a year is scored with: the year's plan, else the newest set that covers the year."""
        with self.db.reader() as s:
            plan = s.scalars(select(YearPlan).where(YearPlan.year == year)).first()
            if plan is not None:
                return plan.criteria_set_id
            records = list(s.scalars(select(CriteriaSetRecord).order_by(CriteriaSetRecord.id.desc())))
        covering = [r for r in records if r.year_from <= year <= r.year_to]
        chosen = (covering or records or [None])[0]
        if chosen is None:
            raise CriteriaError("Chưa có bộ tiêu chí nào: hãy nhập một bộ tiêu chí.")
        return chosen.id

    def choose_for_year(self, year: int, set_id: int) -> None:
        """New registrations of the year use this set; people already registered keep theirs."""
        with self.db.session() as s:
            record = s.get_one(CriteriaSetRecord, set_id)
            plan = _plan(s, year, set_id)
            if plan.criteria_set_id != set_id:
                audit.record(s, actor=self._actor(), action="update", entity="year_plan", entity_id=plan.id,
                             entity_uuid=plan.uuid, summary=f"Năm {year} dùng bộ tiêu chí {record.name}",
                             changes={"Bộ tiêu chí": [plan.criteria_set_id, set_id]})
                plan.criteria_set_id = set_id


def _plan(s, year: int, set_id: int) -> YearPlan:  # noqa: ANN001
    plan = s.scalars(select(YearPlan).where(YearPlan.year == year)).first()
    if plan is None:
        plan = YearPlan(year=year, criteria_set_id=set_id)
        s.add(plan)
        s.flush()
    return plan


def _info(r) -> CriteriaInfo:  # noqa: ANN001 - a CriteriaSetRecord or a row of its table
    return CriteriaInfo(r.id, r.code, r.name, r.year_from, r.year_to, r.source)
