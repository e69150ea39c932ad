"""Failures a clerk can act on, told in Vietnamese: the register damaged, the disk full, the server out of
reach, the register busy. Each says what happened, whether anything was saved, and what to do; none
repeats the error's own text, which can carry SQL and a row's personal data (that goes to the log)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from desktop import config
from desktop.db.integrity import DamagedDatabase, looks_damaged
from desktop.services.backups import newest_good
from desktop.services.disk_space import MB, disk_full, is_disk_full

NOTHING_SAVED = "Việc vừa làm chưa được lưu (không có gì lưu dở dang); mọi thứ đã lưu trước đó vẫn còn nguyên."


def damaged(data: Path) -> str:
    return damaged_text(data, newest_good(data))


def damaged_text(data: Path, good) -> str:  # noqa: ANN001 - a backups.BackupPreview or None
    text = ("Sổ bị hỏng: tệp cơ sở dữ liệu không còn nguyên vẹn (ổ đĩa lỗi, mất điện khi đang ghi, hoặc tệp bị "
            "sửa bên ngoài chương trình). Chương trình không ghi thêm gì vào sổ này.")
    if good is None:
        return text + (" Chưa có bản sao lưu nào dùng được: đừng ghi thêm; hãy sao chép cả thư mục dữ liệu "
                       f"({data}) ra USB và nhờ người hỗ trợ.")
    return text + (f" Có thể hỏng từ sau bản sao lưu tốt gần nhất, lúc {good.made_at} ({good.citizens} người trong "
                   f"sổ). Cách làm: đóng rồi mở lại chương trình và chọn khôi phục bản đó, hoặc gõ lệnh\n"
                   f"python -m desktop restore \"{good.path}\" --yes\n"
                   "Tệp hỏng được giữ lại bên cạnh, không bị xoá.")


def unreachable(url: str) -> str:
    u = make_url(url)
    where = f"{u.host or 'localhost'}:{u.port or 5432}" + (f", cơ sở dữ liệu {u.database}" if u.database else "")
    return (f"Không kết nối được máy chủ cơ sở dữ liệu ở {where}: máy chủ đã dừng, mạng bị ngắt hoặc địa chỉ sai. "
            f"{NOTHING_SAVED} Kiểm tra máy chủ và mạng rồi làm lại.")


def explain(error: BaseException, data: Path, url: str | None = None) -> str | None:
    """The clerk's message for a failure of the register, the disk or the server; None for the unforeseen."""
    orig = getattr(error, "orig", None) or error
    text = str(orig).lower()
    if isinstance(error, DamagedDatabase) or (isinstance(error, DBAPIError) and looks_damaged(error)):
        return damaged(data)
    if is_disk_full(error, data):
        register = data / config.DB_FILE
        # room for the backup taken before a batch (a copy and its ZIP) and for the batch's own log
        needed = 2 * register.stat().st_size + 16 * MB if register.exists() else 16 * MB
        return f"{disk_full(data, needed)} {NOTHING_SAVED}"
    if isinstance(error, OperationalError | sqlite3.OperationalError) and "locked" in text:
        return "Sổ đang bận (một cửa sổ khác đang ghi). Chờ vài giây rồi làm lại; dữ liệu đã lưu vẫn còn nguyên."
    if url and not url.startswith("sqlite") and isinstance(error, DBAPIError) and _connection_lost(error, text):
        return unreachable(url)
    return None


def _connection_lost(error: DBAPIError, text: str) -> bool:
    return error.connection_invalidated or any(s in text for s in (
        "connection refused", "could not connect", "server closed the connection", "terminating connection",
        "connection is closed", "connection timed out", "no route to host", "name or service not known",
        "the connection is lost", "consuming input failed", "connection failed"))
