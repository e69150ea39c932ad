"""The window's own figures (start-up, first rows, memory), from a child process started with
--bench-window, so that they include interpreter and Qt start-up as a clerk would wait for them; the floor
is a bare Qt window showing the same 200 rows from a raw query (desktop/ui/bare_window.py)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from desktop import config
from desktop.bench.measure import Figure

WINDOW_RUNS = 3


def window_figures(folder: Path, url: str | None) -> dict[str, Figure]:
    env = {**os.environ, "SO_CDHT_BENCH_DB": str(folder / config.DB_FILE)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # as a clerk's PC starts it: with the modules' bytecode cached, as Python keeps it after the first start
    # (and the bundle ships it); a machine set not to write it (PYTHONDONTWRITEBYTECODE, as this project's
    # development machine is) would time compiling the program's own sources at every start
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    window = [sys.executable, "-m", "desktop", "--data-dir", str(folder), *(["--db-url", url] if url else []),
              "--bench-window"]
    # the bare window reads the SQLite file with sqlite3: on a server there is no such floor
    on_server = not config.database_url(folder, url).startswith("sqlite")
    bare_window = [] if on_server else [sys.executable, "-m", "desktop.ui.bare_window"]
    _child(window, env)  # the caches written, not timed
    ours = [_child(window, env) for _ in range(WINDOW_RUNS)]
    bare = [_child(bare_window, env) for _ in range(1 + WINDOW_RUNS)][1:] if bare_window else []

    def med(runs: list[dict[str, float]], key: str) -> float | None:
        return statistics.median(r[key] for r in runs) if runs else None

    return {
        "startup_s": Figure(med(ours, "ready_s"), "s", 0.8, med(bare, "ready_s"),
                            "từ lúc chạy chương trình đến cửa sổ chính dùng được", goal=6),
        "first_rows_ms": Figure(med(ours, "first_rows_ms"), "ms", 300, med(bare, "first_rows_ms"),
                                "mở trang người dân đến khi hiện các dòng đầu", goal=3),
        "rss_mb": Figure(max(r["rss_mb"] for r in ours), "MB", 400, med(bare, "rss_mb"),
                         "bộ nhớ sau khi tìm và cuộn xuống cuối nhiều lần"),
    }


def _child(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    env = {**env, "SO_CDHT_BENCH_T0": repr(time.time())}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lỗi khi đo cửa sổ: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
