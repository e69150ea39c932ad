"""A full disk during an import and during a backup: one Vietnamese message naming the cause and the room
needed, nothing half-saved, no personal data in it, no backup left behind by the failed import. On a real
small file system (tmpfs) where the machine allows mounting one, and by SQLite's own page limit and a
simulated ENOSPC everywhere."""

from __future__ import annotations

import errno
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import event

from desktop import config
from desktop.__main__ import main
from desktop.db.citizen_queries import CitizenFilter
from desktop.services import backups
from desktop.services.demo import PersonMaker
from desktop.services.desk import open_register
from tests.conftest import TODAY, VILLAGES

pytestmark = pytest.mark.sqlite_only
ROWS = 3000


def roster(path: Path, rows: int = ROWS) -> list[str]:
    """A roster of ROWS new people; returns their names and CCCDs (which must never show in a message)."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append(["Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Thôn", "Nhóm"])
    maker, personal = PersonMaker(5, TODAY), []
    for _ in range(rows):
        p = maker.person()
        ws.append([p.full_name, p.birth_year, p.sex.label, p.cccd or "", VILLAGES[0], int(p.group)])
        personal += [p.full_name, p.cccd or p.full_name]
    book.save(path)
    return personal


def set_up(folder: Path) -> None:
    assert main(["--data-dir", str(folder), "setup", "--province", "Lâm Đồng", "--commune", "Hàm Thuận",
                 "--clerk", "Nguyễn Thị Lan", "--no-keys", *[a for v in VILLAGES for a in ("--village", v)]]) == 0


def people(folder: Path) -> int:
    r = open_register(folder)
    try:
        return r.citizens.count(CitizenFilter())
    finally:
        r.close()


def event_backups(folder: Path) -> list[Path]:
    return sorted((backups.backup_folder(folder) / backups.EVENTS).glob("*.zip*"))


def no_personal_data(text: str, personal: list[str]) -> None:
    assert "Traceback" not in text and "INSERT" not in text and "No space left" not in text, text
    assert not any(p in text for p in personal), text


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MB file system of its own (tmpfs), or a skip where the machine does not allow mounting one."""
    mount = tmp_path / "o-nho"
    mount.mkdir()
    if shutil.which("mount") is None or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
                                                       capture_output=True).returncode != 0:
        pytest.skip("không gắn được ổ tmpfs ở máy này (cần quyền root): xem các phép thử giả lập bên dưới")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    filler = disk / "day.bin"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as f:
        f.write(b"\0" * max(free - leave, 0))
    return filler


def test_import_on_a_full_disk(small_disk, tmp_path, capsys):
    folder = small_disk / "data"
    set_up(folder)
    personal = roster(tmp_path / "r.xlsx")
    size = (folder / config.DB_FILE).stat().st_size
    fill(small_disk, leave=2 * size + 64 * 1024)  # room for the backup before the import, not for the import
    capsys.readouterr()
    for _ in range(3):  # each failed attempt leaves nothing behind
        assert main(["--data-dir", str(folder), "import-roster", str(tmp_path / "r.xlsx")]) == 3
        err = capsys.readouterr().err
        assert "Ổ đĩa chứa thư mục" in err and "đã đầy" in err and "chưa được lưu" in err, err
        assert "Cần trống thêm ít nhất" in err and " MB" in err, err
        no_personal_data(err, personal)
        assert event_backups(folder) == []
    (small_disk / "day.bin").unlink()
    assert people(folder) == 0
    assert main(["--data-dir", str(folder), "import-roster", str(tmp_path / "r.xlsx")]) == 0
    assert people(folder) > ROWS * 0.9  # all new rows (the file's own possible duplicates skipped)


def test_backup_on_a_full_disk(small_disk, capsys):
    folder = small_disk / "data"
    set_up(folder)
    assert main(["--data-dir", str(folder), "demo", "--citizens", "300", "--no-year"]) == 0
    size = (folder / config.DB_FILE).stat().st_size
    filler = fill(small_disk, leave=size // 2)  # room to open the register, not to copy it
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "backup"]) == 1
    err = capsys.readouterr().err
    assert "đã đầy" in err and "Chưa có bản sao lưu mới" in err and "Cần trống thêm ít nhất" in err, err
    assert list(backups.backup_folder(folder).glob("**/*.zip*")) == []
    assert list((folder / backups.SCRATCH).iterdir()) == []
    filler.unlink()
    fill(small_disk, leave=0)  # not even room to open it: the same cause told, not "damaged"
    assert main(["--data-dir", str(folder), "search", "nguyen"]) in (2, 3)  # refused at opening, or at the search
    err = capsys.readouterr().err
    assert "đã đầy" in err and "hỏng" not in err and "Traceback" not in err, err
    (small_disk / "day.bin").unlink()
    assert people(folder) == 300


def test_import_past_sqlite_page_limit(office, tmp_path, monkeypatch):
    """The same where no file system can be mounted: SQLite's own 'database or disk is full' (its page
    limit set just above the register's size) in the window's path."""
    from desktop.services.failures import explain
    from desktop.services.roster import RosterService

    personal = roster(tmp_path / "r.xlsx")
    service = RosterService(office)
    dry = service.dry_run(tmp_path / "r.xlsx")
    with office.db.engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(office.db.engine, "connect")
    def limit(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 5}")

    office.db.engine.dispose()
    with pytest.raises(Exception) as caught:
        service.import_rows(dry)
    message = explain(caught.value, office.folder)
    assert message and "đã đầy" in message and "chưa được lưu" in message
    no_personal_data(message, personal)
    assert event_backups(office.folder) == []  # the backup taken before the failed import is gone again
    event.remove(office.db.engine, "connect", limit)
    office.db.engine.dispose()
    assert office.citizens.count(CitizenFilter()) == 0


def test_backup_when_the_disk_fills(office, monkeypatch, capsys):
    """ENOSPC while the ZIP is written: the clerk's message, no partial file, the register as it was."""
    real = zipfile.ZipFile.write

    def full(self, *a, **k):  # noqa: ANN001, ANN002, ANN003
        real(self, *a, **k)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    with pytest.raises(backups.BackupError) as caught:
        backups.make_backup(office.db, office.folder)
    assert "đã đầy" in str(caught.value) and "No space" not in str(caught.value)
    assert list(backups.backup_folder(office.folder).glob("**/*")) in ([], [backups.backup_folder(office.folder) / backups.EVENTS])
    assert list((office.folder / backups.SCRATCH).iterdir()) == []
