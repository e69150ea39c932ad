"""Backups of the register: a ZIP with a consistent copy of the database (SQLite's online backup API) and
the office's key folder. Made once a day while the program runs, before every migration, import,
receive and restore, and on request to any folder; kept with rotation; restored after a preview."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop import PRODUCER, config
from desktop.db.backup import backup_sqlite
from desktop.db.engine import Database, is_sqlite
from desktop.domain.retention import to_keep

DAILY = "hang-ngay"
EVENTS = "truoc-thay-doi"
KEEP_EVENTS = 30
STAMP = "%Y%m%d-%H%M%S"
DB_MEMBER = config.DB_FILE


class BackupError(RuntimeError):
    """A backup or restore that could not be done; the message is for the clerk."""


@dataclass(frozen=True)
class BackupPreview:
    path: Path
    made_at: str
    office: str
    citizens: int
    enrolments: int
    last_change: str
    has_keys: bool


def backup_folder(data: Path) -> Path:
    return config.backup_dir(data)


def make_backup(db: Database, data: Path, target: Path | None = None, reason: str = "thu-cong",
                now: datetime | None = None) -> Path:
    """A ZIP of the database and the keys. `target` a folder (a USB stick); default the backup folder."""
    if not is_sqlite(db.engine):
        raise BackupError("Cơ sở dữ liệu dùng chung (máy chủ) được sao lưu bằng công cụ của máy chủ, không ở đây.")
    folder = target or backup_folder(data) / (DAILY if reason == "hang-ngay" else EVENTS)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"so-cdht-{(now or datetime.now()).strftime(STAMP)}-{reason}.zip"
    with tempfile.TemporaryDirectory() as tmp:
        copy = backup_sqlite(db.engine, Path(tmp) / DB_MEMBER)
        partial = path.with_suffix(".zip.tmp")
        try:
            # the fastest deflate: a backup is taken while the clerk waits for an import (2.5 times faster
            # than the default level for a 100,000-person register, a tenth larger)
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
                z.comment = PRODUCER.encode()
                z.write(copy, DB_MEMBER)
                keys = data / "khoa"
                if keys.is_dir():
                    for key in sorted(keys.iterdir()):
                        z.write(key, f"khoa/{key.name}")
            partial.replace(path)
        except OSError as e:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Không ghi được bản sao lưu vào {folder}: {e.strerror or e}") from None
    path.chmod(0o600)
    return path


def daily_backup_if_due(db: Database, data: Path, now: datetime | None = None) -> Path | None:
    """Once a day: a backup if none was made today, then the rotation."""
    now = now or datetime.now()
    daily = backup_folder(data) / DAILY
    today = now.strftime("%Y%m%d")
    if daily.is_dir() and any(p.name.startswith(f"so-cdht-{today}") for p in daily.glob("*.zip")):
        return None
    if not is_sqlite(db.engine):
        return None
    made = make_backup(db, data, reason="hang-ngay", now=now)
    rotate(data, now)
    return made


def _stamp(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[len("so-cdht-"):len("so-cdht-") + 15], STAMP)
    except ValueError:
        return None


def rotate(data: Path, now: datetime) -> list[Path]:
    """Daily backups: 14 days, 8 weeks, 12 months; backups before changes: the newest 30. Returns what went."""
    removed = []
    daily = {p: s for p in (backup_folder(data) / DAILY).glob("so-cdht-*.zip") if (s := _stamp(p))}
    keep = to_keep(daily.values(), now)
    for path, stamp in daily.items():
        if stamp not in keep:
            path.unlink()
            removed.append(path)
    events = sorted((p for p in (backup_folder(data) / EVENTS).glob("so-cdht-*.zip") if _stamp(p)), key=_stamp)
    for path in events[:-KEEP_EVENTS]:
        path.unlink()
        removed.append(path)
    return removed


def backups(data: Path) -> list[Path]:
    return sorted(backup_folder(data).glob("*/so-cdht-*.zip"), key=lambda p: _stamp(p) or datetime.min, reverse=True)


def preview(path: Path) -> BackupPreview:
    """What a backup holds, read from a copy: the office, how many people, the newest change."""
    with tempfile.TemporaryDirectory() as tmp:
        db_file = _extract_db(path, Path(tmp))
        try:
            with closing(sqlite3.connect(db_file)) as c:
                office = c.execute("SELECT association_name FROM office").fetchone()
                citizens = c.execute("SELECT count(*) FROM citizen WHERE deleted_at IS NULL").fetchone()[0]
                enrolments = c.execute("SELECT count(*) FROM enrolment").fetchone()[0] if _has(c, "enrolment") else 0
                last = c.execute("SELECT max(at) FROM audit_entry").fetchone()[0]
        except sqlite3.DatabaseError as e:
            raise BackupError(f"Bản sao lưu {path.name} bị hỏng: {e}") from None
        with zipfile.ZipFile(path) as z:
            has_keys = any(n.startswith("khoa/") for n in z.namelist())
    stamp = _stamp(path)
    return BackupPreview(path, stamp.strftime("%d/%m/%Y %H:%M") if stamp else "?", office[0] if office else "(chưa thiết lập)",
                         citizens, enrolments, _local_time(last) if last else "", has_keys)


def _local_time(stored: object) -> str:
    """An audit time as the database keeps it (UTC, no zone) in the clerk's dd/mm/yyyy hh:mm."""
    try:
        moment = datetime.fromisoformat(str(stored))
    except ValueError:
        return str(stored)[:16]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _has(c: sqlite3.Connection, table: str) -> bool:
    return c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone() is not None


def _extract_db(path: Path, into: Path) -> Path:
    try:
        with zipfile.ZipFile(path) as z:
            if DB_MEMBER not in z.namelist():
                raise BackupError(f"{path.name} không phải bản sao lưu của chương trình.")
            z.extract(DB_MEMBER, into)
    except zipfile.BadZipFile:
        raise BackupError(f"{path.name} không phải bản sao lưu của chương trình (tệp hỏng).") from None
    return into / DB_MEMBER


def restore(path: Path, data: Path) -> Path:
    """Put a backup in place of the current register (closed first by the caller). The current one is
    backed up before, so a restore can itself be undone. Returns that safety copy."""
    preview(path)  # refuses a broken or foreign file before anything is touched
    current = data / DB_MEMBER
    safety = None
    if current.exists():
        db = Database(config.database_url(data))
        try:
            safety = make_backup(db, data, reason="truoc-khoi-phuc")
        finally:
            db.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        db_file = _extract_db(path, Path(tmp))
        staged = data / (DB_MEMBER + ".khoi-phuc")
        staged.write_bytes(db_file.read_bytes())
        for suffix in ("-wal", "-shm"):
            (data / (DB_MEMBER + suffix)).unlink(missing_ok=True)
        staged.replace(current)
        current.chmod(0o600)
        with zipfile.ZipFile(path) as z:
            keys = [n for n in z.namelist() if n.startswith("khoa/") and "/" not in n[5:] and ".." not in n]
            if keys:
                (data / "khoa").mkdir(exist_ok=True, mode=0o700)
                for name in keys:
                    (data / "khoa" / name[5:]).write_bytes(z.read(name))
    return safety or path


def integrity_problem(db: Database) -> str | None:
    """None when the database is sound; else what SQLite found (for the start-up message)."""
    if not is_sqlite(db.engine):
        return None
    try:
        with db.engine.connect() as c:
            result = c.exec_driver_sql("PRAGMA quick_check").scalar()
    except Exception as e:  # noqa: BLE001 - a damaged file fails in many ways
        return str(e)
    return None if result == "ok" else str(result)
