"""Copies of the SQLite file made with SQLite's online backup API (consistent while in use)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        _copy(source, dest)
    finally:
        raw.close()
    return dest


def backup_sqlite_file(source: Path, dest: Path) -> Path:
    """The same from a file no engine has open (a register about to be replaced by a restore)."""
    with closing(sqlite3.connect(source, timeout=10)) as c:
        _copy(c, dest)
    return dest


def _copy(source: sqlite3.Connection, dest: Path) -> None:
    with closing(sqlite3.connect(dest)) as target:
        source.backup(target)
    dest.chmod(0o600)
