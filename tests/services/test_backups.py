import zipfile
from datetime import datetime, timedelta

import pytest

from desktop import PRODUCER
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.integrity import file_problem
from desktop.domain.retention import to_keep
from desktop.services import backups
from desktop.services.desk import open_register
from tests.conftest import add

pytestmark = pytest.mark.sqlite_only  # backups of the SQLite file; a server has its own tools


def test_retention_keeps_days_weeks_months():
    now = datetime(2026, 11, 25, 12)
    stamps = [now - timedelta(days=d, hours=h) for d in range(400) for h in (1, 5)]
    kept = to_keep(stamps, now)
    days = {s.date() for s in kept}
    assert all((now - timedelta(days=d)).date() in days for d in range(14))
    assert len(kept) <= 14 + 8 + 12
    assert min(kept) < now - timedelta(days=300)  # a monthly one from the better part of a year ago
    assert max(kept) == now - timedelta(hours=1)  # the newest of each period


def test_a_clock_set_back_never_deletes_a_backup(office):
    """27 daily backups, then the PC's clock falls back to 2020 (a dead BIOS battery): 1 of 27 was kept."""
    from desktop.services.backups import DAILY, backup_folder

    folder = backup_folder(office.folder) / DAILY
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 10, 1, 9)
    for d in range(27):
        stamp = start + timedelta(days=d)
        (folder / f"so-cdht-{stamp.strftime(backups.STAMP)}-hang-ngay.zip").write_bytes(b"x")
    assert backups.rotate(office.folder, datetime(2020, 1, 1, 8)) == []  # all "in the future": all kept
    assert len(list(folder.glob("*.zip"))) == 27
    removed = backups.rotate(office.folder, datetime(2026, 10, 28, 9))  # the clock right again: by order
    assert len(removed) == 27 - len(to_keep([start + timedelta(days=d) for d in range(27)], datetime(2026, 10, 28, 9)))
    assert len(list(folder.glob("*.zip"))) >= 14


def test_backup_preview_restore_round_trip(office, tmp_path):
    add(office, "Nguyễn Văn An", birth="1980")
    office.keys.create("mat-khau-dai-du")
    path = backups.make_backup(office.db, office.folder)
    with zipfile.ZipFile(path) as z:
        assert {"so-cong-dan-hoc-tap.sqlite", "khoa/ky-so.key", "khoa/giai-ma.khoa"} <= set(z.namelist())
        assert z.comment.decode() == PRODUCER
    p = backups.preview(path, office.folder)
    assert (p.office, p.citizens, p.has_keys) == ("Hội Khuyến học xã Hàm Thuận", 1, True)
    import re

    for shown in (p.made_at, p.last_change):  # both as the clerk writes dates, never 2026-11-25
        assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", shown), shown
    add(office, "Trần Thị Bình", birth="1981")  # a change made after the backup
    office.close()
    done = backups.restore(path, office.folder)
    assert done.safety.exists() and backups.preview(done.safety, office.folder).citizens == 2  # the restore itself can be undone
    again = open_register(office.folder)
    try:
        assert again.citizens.count(CitizenFilter()) == 1
        assert file_problem(again.db.sqlite_file, full=True) is None
    finally:
        again.close()


def test_a_usb_stick_and_a_broken_file(office, tmp_path):
    path = backups.make_backup(office.db, office.folder, tmp_path / "usb")
    assert path.parent == tmp_path / "usb"
    bad = tmp_path / "khong-phai.zip"
    bad.write_bytes(b"PK\x03\x04 nonsense")
    with pytest.raises(backups.BackupError, match="không phải bản sao lưu"):
        backups.restore(bad, office.folder)
    with zipfile.ZipFile(tmp_path / "la.zip", "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(backups.BackupError, match="không phải bản sao lưu"):
        backups.preview(tmp_path / "la.zip", office.folder)


def test_once_a_day_then_rotation(office):
    now = datetime(2026, 11, 25, 9)
    assert backups.daily_backup_if_due(office.db, office.folder, now) is not None
    assert backups.daily_backup_if_due(office.db, office.folder, now) is None
    folder = backups.backup_folder(office.folder) / backups.DAILY
    for d in range(1, 60):  # two months of older daily backups
        old = folder / f"so-cdht-{(now - timedelta(days=d)).strftime(backups.STAMP)}-hang-ngay.zip"
        old.write_bytes(b"x")
    backups.rotate(office.folder, now)
    assert 14 <= len(list(folder.glob("*.zip"))) <= 14 + 8 + 12


def test_a_damaged_database_is_noticed(tmp_path):
    register = open_register(tmp_path / "d")
    register.close()
    db_file = tmp_path / "d" / "so-cong-dan-hoc-tap.sqlite"
    data = bytearray(db_file.read_bytes())
    for i in range(4096, len(data), 997):  # scribble over the pages after the header
        data[i] ^= 0xFF
    db_file.write_bytes(bytes(data))
    assert file_problem(db_file) is not None


def test_an_import_takes_a_backup_first(office, tmp_path):
    from openpyxl import Workbook

    from desktop.services.roster import RosterService

    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Nhóm"])
    book.active.append(["Lê Văn Mới", 1980, "Nam", "Thôn Đông", 1])
    book.save(tmp_path / "r.xlsx")
    service = RosterService(office)
    service.import_rows(service.dry_run(tmp_path / "r.xlsx"))
    events = list((backups.backup_folder(office.folder) / backups.EVENTS).glob("*truoc-nhap-excel.zip"))
    assert len(events) == 1 and backups.preview(events[0], office.folder).citizens == 0
