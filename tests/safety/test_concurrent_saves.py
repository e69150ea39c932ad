"""Two clerks save the same person (or a household's score sheet) at the same instant, from two processes: one
save wins, the other is told the record changed; never both (a lost update), on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop import config
from desktop.db.models import AuditEntry, Citizen
from desktop.db.models387 import ModelAssessment
from desktop.domain.models387 import Model
from desktop.services.model_registers import HouseholdDraft
from tests.conftest import add, village_id

PAIRS = 24
GIVEN = "An Bình Cường Dũng Em Giang Hà Hải Khánh Lâm Minh Nam Oanh Phúc Quân Sơn Tâm Uyên Vân Xuân Yến Bảo Chi Đạt"


def race(office, *args: str) -> list[list[str]]:  # noqa: ANN001
    url = config.database_url(office.folder)
    start = time.time() + 4  # both processes have opened the register and read everything by then
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    clerks = [subprocess.Popen([sys.executable, "-m", "tests.safety.save_at", str(office.folder), url, str(start), label,
                                *args], stdout=subprocess.PIPE, text=True, env=env) for label in ("A", "B")]
    outcomes = [c.communicate(timeout=120)[0].split() for c in clerks]
    assert all(c.returncode == 0 for c in clerks)
    return outcomes


def test_simultaneous_saves_of_one_households_sheet(office):
    homes = [office.households.save(HouseholdDraft(f"Hộ {name}", village_id(office, "Thôn Đông"),
                                                   add(office, f"Trần Văn {name}", birth="1970")))
             for name in GIVEN.split()[:PAIRS]]
    cycle = office.model_cycle(Model.FAMILY)
    cycle.register_all(2026)
    ids = [cycle.of_subject(h, 2026) for h in homes]
    outcomes = race(office, "--sheets", *map(str, ids))
    assert all(len(o) == PAIRS for o in outcomes), outcomes
    for i, pair in enumerate(zip(*outcomes, strict=True)):
        assert sorted(pair) == ["ok", "stale"], (i, pair)  # one of the two sheets stands, never both
    with office.db.reader() as s:
        counts = s.execute(select(ModelAssessment.enrolment_id, func.count()).where(ModelAssessment.enrolment_id.in_(ids))
                           .group_by(ModelAssessment.enrolment_id)).all()
    assert sorted(n for _, n in counts) == [1] * PAIRS
    for i, eid in enumerate(ids):
        winner = 20 if outcomes[0][i] == "ok" else 19
        assert set(cycle.sheet(eid).self_scores.values()) == {winner}


def test_simultaneous_saves_of_one_person(office):
    ids = [add(office, f"Nguyễn Văn {name}", birth="1980") for name in GIVEN.split()[:PAIRS]]
    outcomes = race(office, *map(str, ids))
    assert all(len(o) == PAIRS for o in outcomes), outcomes
    for i, pair in enumerate(zip(*outcomes, strict=True)):
        assert sorted(pair) == ["ok", "stale"], (i, pair)  # exactly one of the two, never both
    with office.db.reader() as s:
        versions = s.scalars(select(Citizen.version).where(Citizen.id.in_(ids))).all()
        updates = s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "update",
                                                               AuditEntry.entity == "citizen")).all()
        kept = {c.id: c.occupation for c in s.scalars(select(Citizen).where(Citizen.id.in_(ids)))}
    assert versions == [2] * PAIRS
    assert sorted(updates) == sorted(ids)  # one audit line per person: the save that stands
    for i, cid in enumerate(ids):
        winner = "A" if outcomes[0][i] == "ok" else "B"
        assert kept[cid] == f"{winner} {i}"
