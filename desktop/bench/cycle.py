"""The yearly cycle's figures for `bench`: registering a commune, the dashboard, saving an assessment."""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import time
from datetime import date

from desktop.bench.measure import Figure, timed
from desktop.bench.scratch import scratch_copy, sqlite_floor
from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.services.demo_year import fill_demo_year
from desktop.services.desk import Desk

DASHBOARD_RUNS = 10
ASSESSMENTS = 50


def cycle_figures(register: Desk) -> dict[str, Figure]:
    year = date.today().year
    figures: dict[str, Figure] = {}
    if register.enrolments.count(EnrolmentFilter(year)) == 0:
        started = time.perf_counter()
        fill_demo_year(register, year)
        figures["demo_year_s"] = Figure(time.perf_counter() - started, "s", None, None, f"tạo năm mẫu {year}")
    database = register.db.engine.url.database
    assert database
    dashboard = sorted(timed(lambda: register.stats.compute(year)) for _ in range(DASHBOARD_RUNS))
    figures["dashboard_ms"] = Figure(statistics.median(dashboard), "ms", 300,
                                     sqlite_floor(register, lambda: _raw_dashboard(database, year)),
                                     f"số liệu bảng tổng hợp năm {year} (nhóm, thôn, đơn vị)")
    with scratch_copy(register) as copy:
        started = time.perf_counter()
        n = copy.enrolments.register_all(year + 1)
        register_s = time.perf_counter() - started
        copy_db = copy.db.engine.url.database
        assert copy_db
        figures["register_year_s"] = Figure(register_s, "s", 5,
                                            sqlite_floor(copy, lambda: _raw_register(copy_db, year + 2)),
                                            f"đăng ký cả xã ({n} người) cho một năm, có nhật ký")
        ids = [r.id for r in copy.enrolments.page(EnrolmentFilter(year + 1), 0, ASSESSMENTS)]
        codes = [i.code for i in copy.enrolments.sheet(ids[0]).indicators]
        rnd = random.Random(1)
        times = []
        for eid in ids:
            scores = {c: rnd.randint(6, 10) for c in codes}
            times.append(timed(lambda e=eid, sc=scores: copy.enrolments.record_self(e, sc)))
        figures["assessment_save_ms"] = Figure(statistics.median(times), "ms", 50,
                                               sqlite_floor(copy, lambda: _raw_assessment(copy_db, year + 2, codes)),
                                               "lưu một phiếu tự đánh giá (kiểm tra, tính kết quả, ghi, nhật ký)")
    return figures


def _raw_dashboard(database: str, year: int) -> float:
    with sqlite3.connect(database) as db:
        return statistics.median(timed(lambda: db.execute(
            "SELECT c.village_id, e.citizen_group, count(*), sum(e.passed IS NOT NULL), "
            "sum(e.status = 'recognized') FROM enrolment e JOIN citizen c ON c.id = e.citizen_id "
            "WHERE e.year = ? GROUP BY 1, 2", (year,)).fetchall()) for _ in range(DASHBOARD_RUNS))


def _raw_register(database: str, year: int) -> float:
    db = sqlite3.connect(database)
    try:
        started = time.perf_counter()
        db.execute("INSERT INTO enrolment (uuid, version, citizen_id, year, citizen_group, criteria_set_id, status, "
                   "registered_on, verdict, reviewed, withdrawn_reason, created_at, updated_at) "
                   "SELECT lower(hex(randomblob(16))), 1, id, ?, citizen_group, 1, 'registered', date('now'), '', 0, "
                   "'', datetime('now'), datetime('now') FROM citizen WHERE deleted_at IS NULL", (year,))
        db.commit()
        return time.perf_counter() - started
    finally:
        db.close()


def _raw_assessment(database: str, year: int, codes: list[str]) -> float:
    db = sqlite3.connect(database)
    try:
        ids = [r[0] for r in db.execute("SELECT id FROM enrolment WHERE year = ? LIMIT ?", (year, ASSESSMENTS))]
        scores = json.dumps({c: 8 for c in codes})
        times = []
        for eid in ids:
            def save(e: int = eid) -> None:
                db.execute("INSERT INTO assessment (enrolment_id, kind, scores, total, note, at, actor) "
                           "VALUES (?, 'self', ?, 80, '', datetime('now'), 'bench')", (e, scores))
                db.execute("UPDATE enrolment SET status = 'self_assessed', total = 80, passed = 1 WHERE id = ?", (e,))
                db.commit()
            times.append(timed(save))
        return statistics.median(times)
    finally:
        db.close()
