"""Issue 21: the demo's progress, as a terminal shows it: each step's counting line once, under its own name."""

from __future__ import annotations

import os
import subprocess
import sys


def shown(stream: str) -> list[str]:
    """The lines a terminal leaves on screen: a carriage return writes over the line it is on."""
    return [line.split("\r")[-1] for line in stream.splitlines() if line.split("\r")[-1]]


def test_the_demo_says_each_step_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SO_CDHT_DB_URL", "SO_CDHT_DATA_DIR")}
    done = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "d"), "demo",
                           "--citizens", "200", "--year", "2026"],
                          capture_output=True, text=True, encoding="utf-8", timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    progress = shown(done.stderr)
    assert progress == ["Đang tạo người dân mẫu: 200/200", "Đang đăng ký và chấm điểm mẫu năm 2026: 200/200"]
    out = shown(done.stdout)
    assert len(out) == len(set(out)) and out[-1].startswith("Xong:") and "có 200 người" in out[-1]


def test_no_empty_line_when_nothing_is_counted(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SO_CDHT_DB_URL", "SO_CDHT_DATA_DIR")}
    done = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "d"), "demo",
                           "--citizens", "0", "--no-year"],
                          capture_output=True, text=True, encoding="utf-8", timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
