"""Two clerks save the same person at the same instant, from two processes: one save wins, the other is
told the record changed; never both (a lost update), on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from desktop import config
from desktop.db.models import AuditEntry, Citizen
from tests.conftest import add

PAIRS = 24


def test_simultaneous_saves_of_one_person(office):
    given = "An Bình Cường Dũng Em Giang Hà Hải Khánh Lâm Minh Nam Oanh Phúc Quân Sơn Tâm Uyên Vân Xuân Yến Bảo Chi Đạt"
    ids = [add(office, f"Nguyễn Văn {name}", birth="1980") for name in given.split()[:PAIRS]]
    url = config.database_url(office.folder)
    start = time.time() + 4  # both processes have opened the register and read everyone by then
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    clerks = [subprocess.Popen([sys.executable, "-m", "tests.safety.save_at", str(office.folder), url, str(start), label,
                                *map(str, ids)], stdout=subprocess.PIPE, text=True, env=env) for label in ("A", "B")]
    outcomes = [c.communicate(timeout=120)[0].split() for c in clerks]
    assert all(c.returncode == 0 for c in clerks)
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
