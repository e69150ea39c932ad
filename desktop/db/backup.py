"""Copies of the SQLite file made with SQLite's online backup API (consistent while in use)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(dest) as target:
            source.backup(target)
        target.close()
    finally:
        raw.close()
    dest.chmod(0o600)
    return dest
