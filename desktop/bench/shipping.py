"""What it takes to ship: the bundle folder's size (as installer/build.sh left it) and the time of the last
whole `bash scripts/test.sh` (which writes build/last-test-run.json when it ends). Both are read, not made:
building the bundle or running the suite from inside the benchmark would measure the benchmark."""

from __future__ import annotations

import json
import os
from pathlib import Path

from desktop.bench.measure import Figure

SOURCES = Path(__file__).resolve().parents[2]
BUNDLE = SOURCES / "dist" / "so-cdht"
LAST_TEST_RUN = SOURCES / "build" / "last-test-run.json"


def folder_bytes(folder: Path) -> int:
    """The files' own sizes, a link as a link (`du --apparent-size`; MB below are du's, of 2**20 bytes)."""
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(parent, name)).st_size
    return total


def shipping_figures(bundle: Path = BUNDLE, last_run: Path = LAST_TEST_RUN) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    if (bundle / "so-cdht").exists() or (bundle / "so-cdht.exe").exists():
        figures["bundle_mb"] = Figure(folder_bytes(bundle) / 2**20, "MB", 150, None,
                                      f"thư mục chương trình tự chứa ({bundle.name})")
    try:
        run = json.loads(last_run.read_text(encoding="utf-8"))
        figures["test_suite_s"] = Figure(float(run["seconds"]), "s", 360, None,
                                         f"lần chạy trọn gần nhất của scripts/test.sh ({run['finished']})")
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no whole run on this machine yet
    return figures
