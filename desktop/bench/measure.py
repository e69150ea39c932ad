"""A figure of the benchmark, and timing it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Figure:
    value: float
    unit: str
    target: float | None
    floor: float | None
    what: str
    goal: float | None = None  # the largest ratio to the floor allowed (issue 14's table)


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Milliseconds per call."""
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) * 1000 / repeat


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def within(f: Figure) -> bool:
    if f.target is not None and f.value > f.target:
        return False
    return not (f.goal and f.floor and f.value / f.floor > f.goal)


def print_table(total: int, n_queries: int, figures: dict[str, Figure], title: str | None = None) -> None:
    print(title or f"Xã mẫu: {total:,} người; {n_queries} câu tìm khác nhau.".replace(",", "."))
    print(f"{'chỉ số':<18} {'đo được':>10} {'mục tiêu':>10} {'thư viện trần':>14} {'tỉ lệ':>12}  nội dung")
    for name, f in figures.items():
        target = f"{f.target:g} {f.unit}" if f.target is not None else "-"
        floor = f"{f.floor:.2f} {f.unit}" if f.floor is not None else "-"
        ratio = f"{f.value / f.floor:.1f}×" if f.floor else "-"
        if f.goal and f.floor:
            ratio += f" (≤{f.goal:g})"
        mark = "" if f.target is None and not f.goal else ("  ✓" if within(f) else "  ✗ CHẬM")
        print(f"{name:<18} {f.value:>7.2f} {f.unit:<2} {target:>10} {floor:>14} {ratio:>12}  {f.what}{mark}")


def write_json(path: str, total: int, n_queries: int, figures: dict[str, Figure]) -> None:
    payload = {"citizens": total, "queries": n_queries, "figures": {
        k: {"value": round(f.value, 3), "unit": f.unit, "target": f.target,
            "floor": None if f.floor is None else round(f.floor, 3),
            "ratio": round(f.value / f.floor, 2) if f.floor else None, "goal": f.goal,
            "within": within(f), "what": f.what} for k, f in figures.items()}}
    Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
