"""The learning models' figures for `bench` (issue 13's targets at 100,000 people and some 25,000
households): finding a household as one types, registering every household for a year, and the year's
figures with the models."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
import uuid
from datetime import date

from desktop.bench.measure import Figure, p95, timed
from desktop.bench.scratch import scratch_copy, sqlite_floor
from desktop.domain.models387 import Model
from desktop.domain.names import search_key
from desktop.services.demo_models import fill_demo_model_year, fill_demo_models
from desktop.services.desk import Desk

QUERIES = 200
RUNS = 10


def model_figures(register: Desk) -> dict[str, Figure]:
    year = date.today().year
    figures: dict[str, Figure] = {}
    if register.households.count() == 0:
        started = time.perf_counter()
        fill_demo_models(register)
        fill_demo_model_year(register, year)
        figures["demo_models_s"] = Figure(time.perf_counter() - started, "s", None, None,
                                          "tạo hộ, dòng họ, đơn vị mẫu và năm của chúng")
    households = register.households.count()
    texts = _typed(register)
    database = register.db.engine.url.database
    ours = [timed(lambda t=t: register.households.find(t, 50)) for t in texts]
    floor = sqlite_floor(register, lambda: [_raw_find(database, t) for t in texts])
    figures["household_find_p95_ms"] = Figure(p95(ours), "ms", 30, floor and p95(floor),
                                              f"tìm hộ theo chữ gõ ({_n(households)} hộ), bách phân vị 95")
    both = [timed(lambda: (register.stats.compute(year), register.model_stats.compute(year))) for _ in range(RUNS)]
    figures["year_figures_with_models_ms"] = Figure(statistics.median(both), "ms", 300, None,
                                                    f"số liệu năm {year} kèm các mô hình học tập và tỉ lệ theo 677")
    with scratch_copy(register) as copy:
        started = time.perf_counter()
        n = copy.model_cycle(Model.FAMILY).register_all(year + 1)
        copy_db = copy.db.engine.url.database
        figures["register_households_s"] = Figure(time.perf_counter() - started, "s", 3,
                                                  sqlite_floor(copy, lambda: _raw_register(copy_db, year + 2)),
                                                  f"đăng ký mọi hộ ({_n(n)}) cho một năm, có nhật ký")
    return figures


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _typed(register: Desk) -> list[str]:
    """What a clerk types to find a household: the first letters of one or two words of its head's name."""
    rnd = random.Random(13)
    names = [f.name for f in register.households.find("", 5000)]
    texts = []
    for _ in range(QUERIES):
        words = search_key(rnd.choice(names)).split()[2:]  # "ho ong ..." then the head's name
        picked = rnd.sample(words, min(len(words), rnd.choice((1, 2))))
        texts.append(" ".join(w[: rnd.randint(2, len(w))] for w in picked))
    return texts


def _raw_find(database: str, text: str) -> float:
    words = text.split()
    where = " AND ".join("(name_key LIKE ? OR name_key LIKE ?)" for _ in words) or "1"
    params = [p for w in words for p in (f"{w}%", f"% {w}%")]
    with sqlite3.connect(database) as c:
        started = time.perf_counter()
        c.execute(f"SELECT id, name FROM household WHERE deleted_at IS NULL AND {where} ORDER BY name_key LIMIT 50",
                  params).fetchall()
        return (time.perf_counter() - started) * 1000


def _raw_register(database: str, year: int) -> float:
    """The same rows with bare sqlite3: one executemany, no audit."""
    with sqlite3.connect(database) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM household WHERE deleted_at IS NULL")]
        now = "2026-01-01 00:00:00"
        started = time.perf_counter()
        c.executemany("INSERT INTO model_enrolment (uuid, created_at, updated_at, version, model, subject_id, year, "
                      "criteria_set_id, status, registered_on, verdict, reviewed, withdrawn_reason) "
                      "VALUES (?, ?, ?, 1, 'family', ?, ?, 1, 'registered', '2026-01-01', '', 0, '')",
                      [(str(uuid.uuid4()), now, now, i, year) for i in ids])
        c.commit()
        return time.perf_counter() - started
