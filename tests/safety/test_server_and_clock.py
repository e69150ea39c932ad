"""The PostgreSQL server out of reach (at start, and stopped in the middle of an import): the clerk is told
which server, that nothing was half-saved, with no personal data and no traceback. The PC's clock set back:
no backup is deleted for it, and the clerk is warned once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.services import backups
from desktop.services.clock import clock_warning
from tests.conftest import PG_SERVER, add
from tests.safety.test_full_disk import no_personal_data, roster

ROOT = Path(__file__).parents[2]


def test_an_unreachable_server_is_named(tmp_path, capsys):
    url = "postgresql://postgres@127.0.0.1:1/so_cdht"
    assert main(["--data-dir", str(tmp_path / "d"), "--db-url", url, "search", "an"]) == 2
    err = capsys.readouterr().err
    assert "Không kết nối được máy chủ cơ sở dữ liệu ở 127.0.0.1:1, cơ sở dữ liệu so_cdht" in err, err
    assert "refused" not in err and "Traceback" not in err and "psycopg" not in err


@pytest.fixture
def own_server():
    """A PostgreSQL server of this test's own (it is stopped on purpose): skipped where none is installed."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
        pytest.skip("PostgreSQL chưa cài ở máy này (scripts/setup.sh cài nó)")
    folder = Path(tempfile.mkdtemp(prefix="so-cdht-pg-"))
    folder.chmod(0o755)  # the server runs as the postgres user when the tests run as root
    script = str(ROOT / "scripts" / "postgres.sh")
    url = subprocess.run(["bash", script, "start", str(folder / "pg")], capture_output=True, text=True,
                         check=True).stdout.strip()
    yield url, lambda action: subprocess.run(["bash", script, action, str(folder / "pg")], check=True)
    subprocess.run(["bash", script, "stop", str(folder / "pg")], check=False)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(bool(PG_SERVER), reason="once, in the SQLite suite: the test starts a server of its own")
def test_the_server_stopped_in_the_middle_of_an_import(own_server, tmp_path):
    url, server = own_server
    folder = tmp_path / "d"
    base = ["--data-dir", str(folder), "--db-url", url]
    assert main([*base, "setup", "--province", "Lâm Đồng", "--commune", "Hàm Thuận", "--clerk", "Nguyễn Thị Lan",
                 "--no-keys", "--village", "Thôn Phú Lập"]) == 0
    personal = roster(tmp_path / "r.xlsx", rows=30_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", *base, "import-roster", str(tmp_path / "r.xlsx")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "người mới," in line:  # the dry run's summary: the import starts now
            break
    server("stop")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, (out, err)
    port = url.rsplit(":", 1)[1].split("/")[0]
    assert f"Không kết nối được máy chủ cơ sở dữ liệu ở 127.0.0.1:{port}" in err and "chưa được lưu" in err, err
    no_personal_data(err, personal)
    server("restart")
    from desktop.db.citizen_queries import CitizenFilter
    from desktop.services.desk import open_register

    r = open_register(folder, url)
    try:
        assert r.citizens.count(CitizenFilter()) == 0  # the batch rolled back whole
    finally:
        r.close()


@pytest.mark.sqlite_only
def test_the_clock_set_back_two_years(office, capsys):
    add(office, "Nguyễn Văn An", birth="1980")
    now = datetime.now()
    for d in range(20):  # twenty days of daily backups up to today
        backups.make_backup(office.db, office.folder, reason="hang-ngay", now=now - timedelta(days=d))
    back = now - timedelta(days=730)
    assert backups.daily_backup_if_due(office.db, office.folder, back) is not None  # a backup "in 2024"...
    assert len(list((backups.backup_folder(office.folder) / backups.DAILY).glob("*.zip"))) == 21  # ...none deleted
    warning = clock_warning(office, back)
    assert warning and f"{back:%d/%m/%Y}" in warning and f"{now:%d/%m/%Y}" in warning
    assert "chỉnh lại ngày giờ" in warning and "Không bản sao lưu nào bị xoá" in warning
    assert clock_warning(office, now) is None
    future = backups.backup_folder(office.folder) / backups.DAILY / \
        f"so-cdht-{(now + timedelta(days=730)).strftime(backups.STAMP)}-hang-ngay.zip"
    future.write_bytes(b"x")  # as if this clock is the one set back
    assert main(["--data-dir", str(office.folder), "stats"]) == 0
    assert capsys.readouterr().err.count("Cảnh báo: Đồng hồ của máy tính") == 1
