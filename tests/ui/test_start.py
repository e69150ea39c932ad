"""The first window opens without the libraries it does not need (printing, workbooks, cryptography, QR
codes, charts, migrations): the start-up's share of issue 14. The real program, in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from desktop.ui.app import NOT_AT_START
from tests.conftest import PG_SERVER, add


@pytest.mark.skipif(bool(PG_SERVER), reason="about the modules a process loads: the same on either database")
def test_the_start_loads_only_what_the_first_window_needs(office, tmp_path):
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        add(office, name)
    office.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SO_CDHT_BENCH_T0": repr(time.time())}
    run = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(office.folder), "--bench-window"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    window = json.loads(run.stdout.strip().splitlines()[-1])
    assert window["rows_loaded"] == 3
    assert window["loaded_at_start"] == [], f"loaded before the first window was usable: {window['loaded_at_start']}"


def test_the_list_names_real_modules():
    """A typo in NOT_AT_START would make the check above pass for nothing."""
    import importlib.util

    missing = [m for m in NOT_AT_START if importlib.util.find_spec(m) is None]
    assert not missing, missing
