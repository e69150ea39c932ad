"""`bench`: every part's figures for a commune of N people, printed as a table and written as JSON."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.bench.cycle import cycle_figures
from desktop.bench.exchange import exchange_figures
from desktop.bench.measure import Figure, print_table, write_json
from desktop.bench.models import model_figures
from desktop.bench.paper import ROSTER_ROWS, paper_figures, sheet_figures
from desktop.bench.search import queries, save_figures, search_figures
from desktop.bench.shipping import shipping_figures
from desktop.bench.window import window_figures
from desktop.db.citizen_queries import CitizenFilter
from desktop.services.demo import fill_demo
from desktop.services.desk import open_register


def run_bench(folder: Path, url: str | None, citizens: int, n_queries: int, json_out: str | None,
              communes: int = 100, roster_rows: int = ROSTER_ROWS) -> int:
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
        texts = queries(register, n_queries)
        figures.update(search_figures(register, texts))
        figures.update(save_figures(register))
        figures.update(cycle_figures(register))
        figures.update(model_figures(register))
        figures.update(paper_figures(register, roster_rows))
        figures.update(exchange_figures(register, communes))
    finally:
        register.close()
    figures.update(sheet_figures(folder, url))
    figures.update(window_figures(folder, url))
    figures.update(shipping_figures())
    print_table(total, len(texts), figures)
    if json_out:
        write_json(json_out, total, len(texts), figures)
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)
