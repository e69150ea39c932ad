"""Backups of the register: a ZIP with a consistent copy of the database (SQLite's online backup API) and
the office's key folder. Made once a day while the program runs, before every migration, import,
receive and restore, and on request to any folder; kept with rotation; restored after a preview."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop import PRODUCER, config
from desktop.db.backup import backup_sqlite, backup_sqlite_file
from desktop.db.engine import Database, is_sqlite
from desktop.db.integrity import file_problem
from desktop.domain.retention import to_keep
from desktop.services.claims import RESTORING, Claim, Held, others
from desktop.services.disk_space import disk_full, is_disk_full

log = logging.getLogger(__name__)

DAILY = "hang-ngay"
EVENTS = "truoc-thay-doi"
KEEP_EVENTS = 30
STAMP = "%Y%m%d-%H%M%S"
DB_MEMBER = config.DB_FILE
SCRATCH = ".tam"  # temporary copies, inside the data folder


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
    path = folder / f"so-cdht-{(now or datetime.now()).strftime(STAMP)}-{reason}.zip"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with scratch(data) as tmp:
            copy = backup_sqlite(db.engine, tmp / DB_MEMBER)
            _zip(copy, data, path)
    except (OSError, sqlite3.Error) as e:  # SQLite's copy into the scratch folder meets a full disk as its own error
        raise BackupError(_cannot_write(e, folder, db.sqlite_file)) from e
    return path


@contextmanager
def backup_beside(db: Database, data: Path, reason: str) -> Iterator[Callable[[], Path]]:
    """A backup taken before a batch, packed while the batch writes: the register is copied now (SQLite's
    backup, its state before the batch), then zipped in a second thread; the caller calls the function
    it is given, which waits for the ZIP, before its batch commits, so that no batch commits without its
    backup. A 100,000-person register's ZIP (2 s) then overlaps the 30,000 inserts of an import instead of
    coming before them. BackupError if the copy or the ZIP cannot be made; the ZIP is removed when the batch
    fails after it."""
    if not is_sqlite(db.engine):
        raise BackupError("Cơ sở dữ liệu dùng chung (máy chủ) được sao lưu bằng công cụ của máy chủ, không ở đây.")
    folder = backup_folder(data) / EVENTS
    path = folder / f"so-cdht-{datetime.now().strftime(STAMP)}-{reason}.zip"
    with scratch(data) as tmp, ThreadPoolExecutor(1, thread_name_prefix="sao-luu") as packer:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            copy = backup_sqlite(db.engine, tmp / DB_MEMBER)
        except (OSError, sqlite3.Error) as e:
            raise BackupError(_cannot_write(e, folder, db.sqlite_file)) from e
        packed = packer.submit(_zip, copy, data, path)

        def finished() -> Path:
            try:
                packed.result()
            except (OSError, sqlite3.Error) as e:
                raise BackupError(_cannot_write(e, folder, db.sqlite_file)) from e
            return path

        try:
            yield finished
        except BaseException:
            with suppress(BaseException):
                packed.result()
            path.unlink(missing_ok=True)
            raise


def _zip(copy: Path, data: Path, path: Path) -> None:
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
        partial.chmod(0o600)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _cannot_write(error: OSError | sqlite3.Error, folder: Path, register_file: Path | None) -> str:
    log.error("Không ghi được bản sao lưu vào %s: %s", folder, error)
    if is_disk_full(error, folder):
        size = register_file.stat().st_size if register_file and register_file.exists() else 0
        return disk_full(folder, 2 * size) + " Chưa có bản sao lưu mới; sổ vẫn nguyên như trước."
    reason = error.strerror if isinstance(error, OSError) and error.strerror else "lỗi ghi tệp (chi tiết trong nhật ký)"
    return f"Không ghi được bản sao lưu vào {folder}: {reason}. Sổ vẫn nguyên như trước."


@contextmanager
def scratch(data: Path) -> Iterator[Path]:
    """A temporary folder inside the data folder (private like the register), never the system's temp
    folder: a copy of the register holds everyone's personal data. What a killed run leaves is removed at
    the next start (`remove_leftovers`)."""
    base = data / SCRATCH
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        yield Path(tmp)


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


def stamp_of(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[len("so-cdht-"):len("so-cdht-") + 15], STAMP)
    except ValueError:
        return None


def rotate(data: Path, now: datetime) -> list[Path]:
    """Daily backups: 14 days, 8 weeks, 12 months; backups before changes: the newest 30. Returns what went."""
    removed = []
    daily = {p: s for p in (backup_folder(data) / DAILY).glob("so-cdht-*.zip") if (s := stamp_of(p))}
    keep = to_keep(daily.values(), now)
    for path, stamp in daily.items():
        if stamp not in keep:
            path.unlink()
            removed.append(path)
    events = sorted((p for p in (backup_folder(data) / EVENTS).glob("so-cdht-*.zip") if stamp_of(p)), key=stamp_of)
    for path in events[:-KEEP_EVENTS]:
        path.unlink()
        removed.append(path)
    return removed


def backups(data: Path) -> list[Path]:
    return sorted(backup_folder(data).glob("*/so-cdht-*.zip"), key=lambda p: stamp_of(p) or datetime.min, reverse=True)


def preview(path: Path, data: Path) -> BackupPreview:
    """What a backup holds, read from a copy that passes SQLite's check: the office, how many people, the
    newest change. BackupError for a foreign, broken or damaged file."""
    with scratch(data) as tmp:
        db_file = _extract_db(path, tmp)
        if problem := file_problem(db_file):
            log.warning("Bản sao lưu %s hỏng: %s", path, problem)
            raise BackupError(f"Bản sao lưu {path.name} bị hỏng (không qua được bước kiểm tra của SQLite).")
        try:
            with closing(sqlite3.connect(db_file)) as c:
                office = c.execute("SELECT association_name FROM office").fetchone()
                citizens = c.execute("SELECT count(*) FROM citizen WHERE deleted_at IS NULL").fetchone()[0]
                enrolments = c.execute("SELECT count(*) FROM enrolment").fetchone()[0] if _has(c, "enrolment") else 0
                last = c.execute("SELECT max(at) FROM audit_entry").fetchone()[0]
        except sqlite3.DatabaseError as e:
            log.warning("Bản sao lưu %s không đọc được: %s", path, e)
            raise BackupError(f"Bản sao lưu {path.name} không phải sổ của chương trình hoặc bị hỏng.") from None
        with zipfile.ZipFile(path) as z:
            has_keys = any(n.startswith("khoa/") for n in z.namelist())
    stamp = stamp_of(path)
    return BackupPreview(path, stamp.strftime("%d/%m/%Y %H:%M") if stamp else "?", office[0] if office else "(chưa thiết lập)",
                         citizens, enrolments, _local_time(last) if last else "", has_keys)


def newest_good(data: Path) -> BackupPreview | None:
    """The newest backup in the backup folder that opens and passes SQLite's check (a damaged register may
    have been copied into the newest ones)."""
    for path in backups(data):
        try:
            return preview(path, data)
        except (BackupError, OSError) as e:
            log.warning("Bỏ qua bản sao lưu %s: %s", path.name, e)
    return None


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


def restore(path: Path, data: Path) -> RestoreResult:
    """Put a backup in place of the register, on the file level (the register is never opened by the
    engine: a damaged one would not open). A sound register is backed up first, so a restore can itself
    be undone; a damaged one is renamed and kept beside, never deleted. Refused while another window or
    command holds the register."""
    preview(path, data)  # refuses a broken, damaged or foreign file before anything is touched
    try:
        claim = Claim(data, RESTORING)
    except Held:
        raise BackupError("Đang có một lần khôi phục khác trên sổ này: chờ xong rồi làm lại.") from None
    try:
        if n := others(data, (claim,)):
            raise BackupError(f"Sổ đang mở ở {n} cửa sổ hoặc lệnh khác trên máy này. Hãy đóng hết rồi khôi phục lại: "
                              "những gì các cửa sổ đó lưu sau khi khôi phục sẽ bị mất. Sổ chưa bị thay đổi.")
        current = data / DB_MEMBER
        safety = kept_aside = None
        try:
            if current.exists() and current.stat().st_size:
                if problem := file_problem(current):
                    log.error("Sổ hỏng (%s): để sang bên rồi khôi phục %s", problem, path)
                    kept_aside = _keep_aside(current)
                else:
                    safety = _safety_copy(current, data)
            with scratch(data) as tmp:
                staged = _extract_db(path, tmp)
                for suffix in ("-wal", "-shm"):
                    (data / (DB_MEMBER + suffix)).unlink(missing_ok=True)
                os.replace(staged, current)  # same file system: the data folder holds the scratch folder
                current.chmod(0o600)
            _restore_keys(path, data)
        except (OSError, sqlite3.Error) as e:
            raise BackupError(_cannot_write(e, data, current)) from e
    finally:
        claim.release()
    log.info("Đã khôi phục %s (bản trước: %s, tệp hỏng để riêng: %s)", path, safety, kept_aside)
    return RestoreResult(path, safety, kept_aside)


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    safety: Path | None       # the register as it was, backed up before (None when it was damaged or absent)
    kept_aside: Path | None   # the damaged register, renamed beside the new one

    def describe(self) -> str:
        if self.kept_aside:
            return f"Tệp sổ bị hỏng được giữ lại (không xoá) ở {self.kept_aside}."
        if self.safety:
            return f"Sổ trước khi khôi phục được giữ ở {self.safety}."
        return ""


def _safety_copy(current: Path, data: Path) -> Path:
    path = backup_folder(data) / EVENTS / f"so-cdht-{datetime.now().strftime(STAMP)}-truoc-khoi-phuc.zip"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with scratch(data) as tmp:
        _zip(backup_sqlite_file(current, tmp / DB_MEMBER), data, path)
    return path


def _keep_aside(current: Path) -> Path:
    aside = current.with_name(f"{current.name}.hong-{datetime.now().strftime(STAMP)}")
    for suffix in ("", "-wal", "-shm"):
        part = current.with_name(current.name + suffix)
        if part.exists():
            part.replace(aside.with_name(aside.name + suffix))
    return aside


def _restore_keys(path: Path, data: Path) -> None:
    with zipfile.ZipFile(path) as z:
        keys = [n for n in z.namelist() if n.startswith("khoa/") and "/" not in n[5:] and ".." not in n]
        if keys:
            (data / "khoa").mkdir(exist_ok=True, mode=0o700)
            for name in keys:
                (data / "khoa" / name[5:]).write_bytes(z.read(name))


def remove_leftovers(data: Path) -> list[Path]:
    """What killed backups and restores left: partial ZIPs, a staged register, temporary copies (these hold
    personal data). Called at start by the only run holding the register."""
    found = [*backup_folder(data).glob("**/*.zip.tmp"), *data.glob(f"{DB_MEMBER}.khoi-phuc")]
    if (data / SCRATCH).is_dir():
        found += list((data / SCRATCH).iterdir())
    for path in found:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        log.warning("Đã xoá tệp tạm do lần chạy trước bỏ dở: %s", path)
    return found
