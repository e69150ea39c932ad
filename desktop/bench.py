"""`bench`: measured figures for a commune of N people, each beside the bare library doing the same work.

The window's own figures (start-up, first rows, memory) come from a child process started with
--bench-window, so that they include interpreter and Qt start-up as a clerk would wait for them.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from desktop import config
from desktop.db.backup import backup_sqlite
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.engine import is_sqlite
from desktop.db.server import create_database, drop_database
from desktop.domain.citizen import CitizenDraft
from desktop.domain.names import query_words, search_key, sort_key
from desktop.services.demo import PersonMaker, fill_demo
from desktop.services.register import Register, open_register

T = TypeVar("T")
TABLE_PAGE = 200  # rows the citizen table asks for at a time (desktop/ui/citizen_model.PAGE)
WINDOW_RUNS = 3


@dataclass
class Figure:
    value: float
    unit: str
    target: float | None
    floor: float | None
    what: str


def run_bench(folder: Path, url: str | None, citizens: int, queries: int, json_out: str | None,
              communes: int = 100) -> int:
    register = open_register(folder, url)
    figures: dict[str, Figure] = {}
    try:
        have = register.citizens.count(CitizenFilter())
        if have < citizens:
            print(f"Đang tạo xã mẫu {citizens} người (đã có {have})…", file=sys.stderr)
            started = time.perf_counter()
            fill_demo(register, citizens - have, progress=_progress)
            print(file=sys.stderr)
            figures["demo_build_s"] = Figure(time.perf_counter() - started, "s", None, None,
                                             f"tạo {citizens - have} người mẫu")
        total = register.citizens.count(CitizenFilter())
        texts = _queries(register, queries)
        figures.update(_search_figures(register, texts))
        figures.update(_save_figures(register))
        from desktop.bench_cycle import cycle_figures

        figures.update(cycle_figures(register))
        from desktop.bench_models import model_figures

        figures.update(model_figures(register))
        from desktop.bench_paper import paper_figures

        figures.update(paper_figures(register))
        from desktop.bench_exchange import exchange_figures

        figures.update(exchange_figures(register, communes))
    finally:
        register.close()
    from desktop.bench_paper import sheet_figures

    figures.update(sheet_figures(folder, url))
    figures.update(_window_figures(folder, url))
    _print_table(total, len(texts), figures)
    if json_out:
        payload = {"citizens": total, "queries": len(texts), "figures": {
            k: {"value": round(f.value, 3), "unit": f.unit, "target": f.target,
                "floor": None if f.floor is None else round(f.floor, 3)} for k, f in figures.items()}}
        Path(json_out).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)


def _queries(register: Register, wanted: int) -> list[str]:
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


def _timed(fn: Callable[[], object], repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) * 1000 / repeat


def _search_figures(register: Register, texts: list[str]) -> dict[str, Figure]:
    """What the window does on each pause in typing: the first page of rows and the count."""
    def search(text: str) -> None:
        flt = CitizenFilter(text)
        register.citizens.page(flt, 0, TABLE_PAGE, register.citizens.count(flt))

    for t in texts[:10]:
        search(t)  # warm the page cache, as a window that has been open a while has it
    ours = sorted(_timed(lambda t=t: search(t)) for t in texts)
    floor = sqlite_floor(register, lambda: sorted(_raw_fts_times(register, texts)))
    return {
        "search_median_ms": Figure(statistics.median(ours), "ms", 30, floor and statistics.median(floor),
                                   "tìm theo từ gõ (trang đầu + số người), trung vị"),
        "search_p95_ms": Figure(_p95(ours), "ms", 30, floor and _p95(floor), "tìm theo từ gõ, bách phân vị 95"),
        "first_page_ms": Figure(_timed(lambda: register.citizens.page(CitizenFilter(), 0, TABLE_PAGE), 20), "ms",
                                None, sqlite_floor(register, lambda: _raw_first_page(register)),
                                "200 dòng đầu của danh sách, thứ tự tên"),
    }


def _raw_fts_times(register: Register, texts: list[str]) -> list[float]:
    """The bare library: one FTS5 MATCH on the same words, the same number of rows."""
    db = _raw(register)
    try:
        times = []
        for t in texts:
            match = " ".join(f'"{w}"*' for w in query_words(t))
            times.append(_timed(lambda m=match: db.execute(
                "SELECT rowid FROM citizen_fts WHERE citizen_fts MATCH ? LIMIT ?", (m, TABLE_PAGE)).fetchall()))
        return times
    finally:
        db.close()


def _raw_first_page(register: Register) -> float:
    db = _raw(register)
    try:
        return _timed(lambda: db.execute(
            "SELECT id, full_name FROM citizen WHERE deleted_at IS NULL ORDER BY deleted_at, sort_key LIMIT ?",
            (TABLE_PAGE,)).fetchall(), 20)
    finally:
        db.close()


def _raw(register: Register) -> sqlite3.Connection:
    database = register.db.engine.url.database
    assert database, "the bare-library floors are measured on SQLite"
    return sqlite3.connect(database)


def sqlite_floor(register: Register, measure: Callable[[], T]) -> T | None:
    """The bare-library floors are raw sqlite3 work; on a server there is no such floor to show."""
    return measure() if is_sqlite(register.db.engine) else None


@contextmanager
def scratch_register(register: Register, folder: Path, copy: bool = False) -> Iterator[Register]:
    """A register in `folder` beside `register`: an SQLite file there, or a new database on the same server.
    copy: it starts as a copy of `register`."""
    url = None
    if is_sqlite(register.db.engine):
        if copy:
            backup_sqlite(register.db.engine, folder / config.DB_FILE)
    else:
        register.db.engine.dispose()  # a template database must have nobody connected
        url = create_database(register.db.engine.url, template=register.db.engine.url.database if copy else None)
    scratch = open_register(folder, url)
    try:
        yield scratch
    finally:
        scratch.close()
        if url:
            drop_database(url)


@contextmanager
def scratch_copy(register: Register) -> Iterator[Register]:
    """Writes are measured on a copy, so that the benchmark's commune keeps its size."""
    with tempfile.TemporaryDirectory() as tmp, scratch_register(register, Path(tmp), copy=True) as copy:
        yield copy


def _save_figures(register: Register) -> dict[str, Figure]:
    """Saving one person: every check, the write, the audit."""
    with scratch_copy(register) as copy:
        village = copy.office.villages()[0].id
        maker = PersonMaker(99, date.today())
        times = []
        for _ in range(100):
            p = maker.person()
            draft = CitizenDraft(p.full_name, str(p.birth_year), p.sex, "", village, p.group, p.occupation)
            times.append(_timed(lambda d=draft: copy.citizens.register(d, accept_warnings=True)))
        floor = sqlite_floor(copy, lambda: statistics.median(_raw_insert_times(copy, 100)))
    times.sort()
    return {"save_ms": Figure(statistics.median(times), "ms", 50, floor,
                              "lưu một người (kiểm tra, ghi, nhật ký), trung vị")}


def _raw_insert_times(register: Register, n: int) -> list[float]:
    db = _raw(register)
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

            times.append(_timed(insert))
        return sorted(times)
    finally:
        db.close()


def _window_figures(folder: Path, url: str | None) -> dict[str, Figure]:
    env = {**os.environ, "SO_CDHT_BENCH_DB": str(folder / config.DB_FILE)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    ours = [_child([sys.executable, "-m", "desktop", "--data-dir", str(folder),
                    *(["--db-url", url] if url else []), "--bench-window"], env) for _ in range(WINDOW_RUNS)]
    # the bare window reads the SQLite file with sqlite3: on a server there is no such floor
    on_server = not config.database_url(folder, url).startswith("sqlite")
    bare = [] if on_server else [_child([sys.executable, "-c", _BARE_WINDOW], env) for _ in range(WINDOW_RUNS)]

    def med(runs: list[dict[str, float]], key: str) -> float | None:
        return statistics.median(r[key] for r in runs) if runs else None

    return {
        "startup_s": Figure(med(ours, "ready_s"), "s", 2.5, med(bare, "ready_s"),
                            "từ lúc chạy chương trình đến cửa sổ chính dùng được"),
        "first_rows_ms": Figure(med(ours, "first_rows_ms"), "ms", 300, med(bare, "first_rows_ms"),
                                "mở trang người dân đến khi hiện các dòng đầu"),
        "rss_mb": Figure(max(r["rss_mb"] for r in ours), "MB", 400, med(bare, "rss_mb"),
                         "bộ nhớ sau khi tìm và cuộn xuống cuối nhiều lần"),
    }


# The floor for the window: a bare PySide6 window, then a bare table of 200 rows from a raw query.
_BARE_WINDOW = """
import json, os, sqlite3, time
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
w = QMainWindow(); w.resize(1180, 720); w.show(); app.processEvents()
ready = time.time() - float(os.environ["SO_CDHT_BENCH_T0"])
opening = time.perf_counter()
db = sqlite3.connect(os.environ["SO_CDHT_BENCH_DB"])
model = QStandardItemModel()
for row in db.execute("SELECT full_name, birth_year, cccd FROM citizen WHERE deleted_at IS NULL "
                      "ORDER BY deleted_at, sort_key LIMIT 200"):
    model.appendRow([QStandardItem(str(v)) for v in row])
view = QTableView(); view.setModel(model); w.setCentralWidget(view); app.processEvents()
first_rows_ms = (time.perf_counter() - opening) * 1000
rss = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status", encoding="ascii") if l.startswith("VmRSS"))
print(json.dumps({"ready_s": ready, "first_rows_ms": first_rows_ms, "rss_mb": rss}))
"""


def _child(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    env = {**env, "SO_CDHT_BENCH_T0": repr(time.time())}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lỗi khi đo cửa sổ: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def _print_table(total: int, n_queries: int, figures: dict[str, Figure]) -> None:
    print(f"Xã mẫu: {total:,} người; {n_queries} câu tìm khác nhau.".replace(",", "."))
    print(f"{'chỉ số':<18} {'đo được':>10} {'mục tiêu':>10} {'thư viện trần':>14} {'tỉ lệ':>7}  nội dung")
    for name, f in figures.items():
        target = f"{f.target:g} {f.unit}" if f.target is not None else "-"
        floor = f"{f.floor:.2f} {f.unit}" if f.floor is not None else "-"
        ratio = f"{f.value / f.floor:.1f}×" if f.floor else "-"
        mark = "" if f.target is None else ("  ✓" if f.value <= f.target else "  ✗ CHẬM")
        print(f"{name:<18} {f.value:>7.2f} {f.unit:<2} {target:>10} {floor:>14} {ratio:>7}  {f.what}{mark}")
