"""A restore while another process holds the register is refused (and works once it is gone, even killed);
what killed backups and restores leave behind is removed at the next start; no copy of the register ever
goes to the system's temporary folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desktop import config
from desktop.__main__ import main
from desktop.db.citizen_queries import CitizenFilter
from desktop.services import backups, claims
from desktop.services.desk import OpenError, open_register
from tests.conftest import add

pytestmark = pytest.mark.sqlite_only
HOLD = ("import sys; from pathlib import Path; from desktop.services.desk import open_register; "
        "r = open_register(Path(sys.argv[1])); print('ready', flush=True); sys.stdin.read(); r.close()")


def hold(folder: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_a_restore_waits_for_the_other_window(office, capsys, monkeypatch):
    add(office, "Nguyễn Văn An", birth="1980")
    backup = backups.make_backup(office.db, office.folder)
    add(office, "Trần Thị Bình", birth="1981")
    office.close()
    holder = hold(office.folder)
    try:
        assert main(["--data-dir", str(office.folder), "restore", str(backup), "--yes"]) == 1
        err = capsys.readouterr().err
        assert "Sổ đang mở ở 1 cửa sổ hoặc lệnh khác" in err and "chưa bị thay đổi" in err
        from desktop.ui import messages, safety

        said = []
        monkeypatch.setattr(messages, "warn", lambda _p, title, text: said.append(text))
        assert not safety.restore_from(None, None, backup, folder=office.folder)
        assert "đang mở ở 1 cửa sổ khác" in said[0]
    finally:
        holder.kill() if sys.platform == "win32" else holder.send_signal(signal.SIGKILL)  # as a power cut
        holder.communicate(timeout=30)
    r = open_register(office.folder)
    assert r.citizens.count(CitizenFilter()) == 2  # untouched while refused
    r.close()
    assert main(["--data-dir", str(office.folder), "restore", str(backup), "--yes"]) == 0  # the killed one is gone
    r = open_register(office.folder)
    assert r.citizens.count(CitizenFilter()) == 1
    r.close()


def test_no_window_opens_during_a_restore(office):
    office.close()
    restoring = claims.Claim(office.folder, claims.RESTORING)
    try:
        with pytest.raises(OpenError, match="đang được khôi phục"):
            open_register(office.folder)
    finally:
        restoring.release()
    open_register(office.folder).close()


def test_leftovers_of_killed_runs_go_at_start(office, caplog):
    office.close()
    folder = office.folder
    holder = hold(folder)  # while another run lives, its temporary files may be in use: left alone
    partial = backups.backup_folder(folder) / backups.EVENTS / "so-cdht-20261125-101010-thu-cong.zip.tmp"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"PK")
    staged = folder / (config.DB_FILE + ".khoi-phuc")
    staged.write_bytes(b"x" * 1000)
    copy = folder / backups.SCRATCH / "tmpabc" / config.DB_FILE
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"SQLite format 3\x00")
    try:
        open_register(folder).close()
        assert partial.exists() and staged.exists() and copy.exists()
    finally:
        holder.communicate("", timeout=30)
    with caplog.at_level("WARNING"):
        open_register(folder).close()
    assert not partial.exists() and not staged.exists() and not copy.parent.exists()
    assert sum("bỏ dở" in r.getMessage() for r in caplog.records) == 3


def test_no_copy_in_the_system_temp_folder(office, tmp_path, monkeypatch):
    add(office, "Nguyễn Văn An", birth="1980")
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    path = backups.make_backup(office.db, office.folder)
    backups.preview(path, office.folder)
    office.close()
    backups.restore(path, office.folder)
    assert list(system_tmp.iterdir()) == []
    assert list((office.folder / backups.SCRATCH).iterdir()) == []
    mode = path.stat().st_mode & 0o777
    assert mode == 0o600, oct(mode)
