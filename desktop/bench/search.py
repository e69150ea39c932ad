"""Finding people as the clerk types, and saving one person: the program beside a bare FTS5 query and
a bare INSERT."""

from __future__ import annotations

import os
import random
import statistics
from datetime import date

from desktop.bench.measure import Figure, p95, timed
from desktop.bench.scratch import raw, scratch_copy, sqlite_floor
from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.citizen import CitizenDraft
from desktop.domain.names import query_words, search_key, sort_key
from desktop.services.demo import PersonMaker
from desktop.services.desk import Desk

TABLE_PAGE = 200  # rows the citizen table asks for at a time (desktop/ui/citizen_model.PAGE)


def queries(register: Desk, wanted: int) -> list[str]:
    """What clerks type: family or given names, two words, a prefix being typed, a whole name with or
    without diacritics, a CCCD prefix; drawn from the register, all different."""
    rnd = random.Random(42)
    rows = register.citizens.page(CitizenFilter(), 0, 5000)
    rows = rnd.sample(rows, min(len(rows), 2000))
    found: list[str] = []
    kinds = [
        lambda w, c, n: w[-1],                            # given name
        lambda w, c, n: w[0],                             # family name
        lambda w, c, n: f"{w[-2]} {w[-1]}",               # middle and given
        lambda w, c, n: w[-1][: rnd.randint(2, 3)],       # a given name being typed
        lambda w, c, n: f"{w[-1]} {w[0][:2]}",            # given name, then the start of the family name
        lambda w, c, n: " ".join(w),                      # the whole name without diacritics
        lambda w, c, n: (c or "")[: rnd.randint(4, 8)],   # a CCCD being typed
        lambda w, c, n: n.lower(),                        # the whole name with its marks (Unikey)
        lambda w, c, n: n.split()[-1].lower(),            # the given name with its marks
    ]
    for row in rows:
        text = rnd.choice(kinds)(search_key(row.full_name).split(), row.cccd, row.full_name)
        if text and text not in found:
            found.append(text)
        if len(found) >= wanted:
            break
    return found


def search_figures(register: Desk, texts: list[str]) -> dict[str, Figure]:
    """What the window does on each pause in typing: the first page of rows and the count
    (desktop/ui/citizen_model.py asks for both at once)."""
    def search(text: str) -> None:
        register.citizens.first_page(CitizenFilter(text), TABLE_PAGE)

    for t in texts[:10]:
        search(t)  # warm the page cache, as a window that has been open a while has it
    ours = sorted(timed(lambda t=t: search(t)) for t in texts)
    floor = sqlite_floor(register, lambda: sorted(_raw_fts_times(register, texts)))
    return {
        "search_median_ms": Figure(statistics.median(ours), "ms", 30, floor and statistics.median(floor),
                                   "tìm theo từ gõ (trang đầu + số người), trung vị", goal=4),
        "search_p95_ms": Figure(p95(ours), "ms", 30, floor and p95(floor), "tìm theo từ gõ, bách phân vị 95"),
        "first_page_ms": Figure(timed(lambda: register.citizens.page(CitizenFilter(), 0, TABLE_PAGE), 20), "ms",
                                None, sqlite_floor(register, lambda: _raw_first_page(register)),
                                "200 dòng đầu của danh sách, thứ tự tên"),
    }


def _raw_fts_times(register: Desk, texts: list[str]) -> list[float]:
    """The bare library: one FTS5 MATCH on the same words, the same number of rows."""
    db = raw(register)
    try:
        times = []
        for t in texts:
            match = " ".join(f'"{w}"*' for w in query_words(t))
            times.append(timed(lambda m=match: db.execute(
                "SELECT rowid FROM citizen_fts WHERE citizen_fts MATCH ? LIMIT ?", (m, TABLE_PAGE)).fetchall()))
        return times
    finally:
        db.close()


def _raw_first_page(register: Desk) -> float:
    db = raw(register)
    try:
        return timed(lambda: db.execute(
            "SELECT id, full_name FROM citizen WHERE deleted_at IS NULL ORDER BY deleted_at, sort_key LIMIT ?",
            (TABLE_PAGE,)).fetchall(), 20)
    finally:
        db.close()


def save_figures(register: Desk) -> dict[str, Figure]:
    """Saving one person: every check, the write, the audit."""
    with scratch_copy(register) as copy:
        village = copy.office.villages()[0].id
        maker = PersonMaker(99, date.today())
        times = []
        for _ in range(100):
            p = maker.person()
            draft = CitizenDraft(p.full_name, str(p.birth_year), p.sex, "", village, p.group, p.occupation)
            times.append(timed(lambda d=draft: copy.citizens.register(d, accept_warnings=True)))
        floor = sqlite_floor(copy, lambda: statistics.median(_raw_insert_times(copy, 100)))
    times.sort()
    return {"save_ms": Figure(statistics.median(times), "ms", 50, floor,
                              "lưu một người (kiểm tra, ghi, nhật ký), trung vị")}


def _raw_insert_times(register: Desk, n: int) -> list[float]:
    db = raw(register)
    try:
        village = db.execute("SELECT id FROM village LIMIT 1").fetchone()[0]
        times = []
        for i in range(n):
            name = f"Nguyễn Văn Thử {i}"

            def insert(name: str = name) -> None:
                db.execute("INSERT INTO citizen (uuid, version, full_name, name_key, sort_key, birth_year, sex, "
                           "village_id, citizen_group, occupation, phone, note, deleted_reason, created_at, "
                           "updated_at) VALUES (?, 1, ?, ?, ?, 1980, 'M', ?, 1, '', '', '', '', "
                           "datetime('now'), datetime('now'))",
                           (os.urandom(16).hex(), name, search_key(name), sort_key(name), village))
                db.commit()

            times.append(timed(insert))
        return sorted(times)
    finally:
        db.close()
