"""A clerk's whole day in one sitting: 2,000 paper forms typed into the entry form and 2,000 score sheets
typed key by key in the real main window, in a process of its own (tests/ui/soak_window.py). No crash,
every form and sheet saved, and resident memory grows by less than 50 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import PG_SERVER

PEOPLE = SHEETS = int(os.environ.get("SO_CDHT_SOAK", "2000"))


@pytest.mark.skipif(bool(PG_SERVER), reason="the window's day is the same on either database: run once, on SQLite")
def test_a_whole_day_at_the_keyboard(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "tests.ui.soak_window", str(PEOPLE), str(SHEETS), str(tmp_path)],
                         capture_output=True, text=True, timeout=1200, env=env)
    assert run.returncode == 0, f"the window died or refused work:\n{run.stderr[-3000:]}"
    day = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"\nsoak: {day}")
    assert day["people"] == PEOPLE and day["sheets"] == SHEETS and day["assessed_in_db"] == SHEETS
    assert day["keys"] > 50 * PEOPLE
    assert day["rss_end_mb"] - day["rss_start_mb"] < 50, day
