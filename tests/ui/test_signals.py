"""Issue 21: stopping the program with SIGTERM (the system shutting down) or SIGINT (Ctrl+C) is a clean close:
the window keeps its size and place, the register is closed, and the next start reports no abnormal end.
The real program, in processes of its own, on a small demo register."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.logs import LOG_FILE, LOG_FOLDER, RUNNING_FILE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ABNORMAL = "dừng bất thường"  # what the next start logs (and tells the clerk) after a run that never ended


@pytest.fixture
def demo(tmp_path) -> tuple[Path, dict]:
    data = tmp_path / "d"
    env = {k: v for k, v in os.environ.items() if k not in ("SO_CDHT_DB_URL", "SO_CDHT_DATA_DIR")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cau-hinh"))  # not the user's settings
    made = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "demo", "--citizens", "50"],
                          capture_output=True, text=True, encoding="utf-8", timeout=180, env=env)
    assert made.returncode == 0, made.stderr
    return data, env


def start(data: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def log(data: Path) -> str:
    path = data / LOG_FOLDER / LOG_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for(what, process: subprocess.Popen, seconds: float = 90) -> None:  # noqa: ANN001
    end = time.monotonic() + seconds
    while not what():
        assert process.poll() is None, f"the program ended early: {process.communicate()}"
        assert time.monotonic() < end, "the program did not start in time"
        time.sleep(0.05)


def stop(process: subprocess.Popen, sig: int) -> tuple[int, str]:
    process.send_signal(sig)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, err


def test_sigterm_and_sigint_close_the_window_cleanly(demo):
    data, env = demo
    marker = data / LOG_FOLDER / RUNNING_FILE
    for sig in (signal.SIGTERM, signal.SIGINT):
        window = start(data, env)
        wait_for(marker.exists, window)  # the window holds the register: its run is marked
        time.sleep(0.5)  # into the event loop, the window on screen
        code, err = stop(window, sig)
        assert code == 0, err[-3000:]
        assert "Traceback" not in err
        assert not marker.exists(), "the run was left marked as never ended"
        assert f"Nhận tín hiệu {signal.Signals(sig).name}" in log(data)
    assert ABNORMAL not in log(data)
    settings = next((Path(env["XDG_CONFIG_HOME"])).rglob("cua-so.ini")).read_text(encoding="utf-8")
    assert "[cua-so-chinh]" in settings  # the window's size and place kept, as when the clerk closes it


def test_a_kill_is_still_reported_and_sigterm_ends_the_notice_too(demo):
    data, env = demo
    marker = data / LOG_FOLDER / RUNNING_FILE
    window = start(data, env)
    wait_for(marker.exists, window)
    window.kill()  # SIGKILL: nothing can run; the next start must say so
    window.communicate(timeout=60)
    assert marker.exists()
    again = start(data, env)
    wait_for(lambda: ABNORMAL in log(data), again)  # and the notice is on screen, waiting for the clerk
    time.sleep(0.5)
    code, err = stop(again, signal.SIGTERM)  # the notice's own event loop ends too, and no window opens
    assert code == 0, err[-3000:]
    assert not marker.exists()
    assert log(data).count(ABNORMAL) == 1
