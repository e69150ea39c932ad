"""A clerk's whole day in one sitting: 2,000 paper forms typed into the entry form and 500 score sheets
found by name and typed key by key in the real main window (over 100,000 keys and tens of thousands of
signals), in a process of its own (tests/ui/soak_window.py). No crash, every form and sheet saved, and
resident memory grows by less than 50 MB. SO_CDHT_SOAK_SHEETS=2000 types a sheet for everyone (a minute
and a half more)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import PG_SERVER

PEOPLE = int(os.environ.get("SO_CDHT_SOAK", "2000"))
SHEETS = min(PEOPLE, int(os.environ.get("SO_CDHT_SOAK_SHEETS", "500")))


@pytest.mark.skipif(bool(PG_SERVER), reason="the window's day is the same on either database: run once, on SQLite")
def test_a_whole_day_at_the_keyboard(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "tests.ui.soak_window", str(PEOPLE), str(SHEETS), str(tmp_path)],
                         capture_output=True, text=True, timeout=1200, env=env)
    assert run.returncode == 0, f"the window died or refused work:\n{run.stderr[-3000:]}"
    day = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"\nsoak: {day}")
    assert day["people"] == PEOPLE and day["sheets"] == SHEETS and day["assessed_in_db"] == SHEETS
    assert day["keys"] > 25 * PEOPLE + 30 * SHEETS  # a name, a birth year, a sex, Enter; a name and ten scores
    assert day["rss_end_mb"] - day["rss_start_mb"] < 50, day
