"""A full disk: recognising it in an error, and telling the clerk how much room to make."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

MB = 1024 * 1024


def disk_full(folder: Path, needed: int = 0) -> str:
    free = _free(folder)
    text = f"Ổ đĩa chứa thư mục {folder} đã đầy" + (f" (còn trống {_mb(free)})" if free is not None else "") + "."
    if needed > (free or 0):
        text += f" Cần trống thêm ít nhất {_mb(needed - (free or 0))}:"
    else:
        text += " Cần giải phóng chỗ trống:"
    return text + " xoá bớt tệp không cần (hoặc chuyển sang ổ khác) rồi làm lại."


def is_disk_full(error: BaseException, data: Path) -> bool:
    text = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if not isinstance(error, DBAPIError | sqlite3.Error):
        return False
    if "database or disk is full" in text or "no space left" in text:
        return True
    # SQLite reports a write into the log that found no room as an I/O error
    return "disk i/o error" in text and (_free(data) or 0) < 64 * MB


def _free(folder: Path) -> int | None:
    for place in (folder, *folder.parents):
        try:
            return shutil.disk_usage(place).free
        except OSError:
            continue
    return None


def _mb(n: int) -> str:
    mb = max(n, 0) / MB
    return (f"{mb:.1f} MB".replace(".", ",") if mb < 10 else f"{mb:,.0f} MB".replace(",", "."))
