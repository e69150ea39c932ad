"""Registers to write on without changing the benchmark's commune, and the raw SQLite connection that
measures the bare library's floor."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from desktop import config
from desktop.db.backup import backup_sqlite
from desktop.db.engine import is_sqlite
from desktop.db.server import create_database, drop_database
from desktop.services.desk import Desk, open_register

T = TypeVar("T")


def raw(register: Desk) -> sqlite3.Connection:
    database = register.db.engine.url.database
    assert database, "the bare-library floors are measured on SQLite"
    return sqlite3.connect(database)


def sqlite_floor(register: Desk, measure: Callable[[], T]) -> T | None:
    """The bare-library floors are raw sqlite3 work; on a server there is no such floor to show."""
    return measure() if is_sqlite(register.db.engine) else None


@contextmanager
def scratch_register(register: Desk, folder: Path, copy: bool = False) -> Iterator[Desk]:
    """A register in `folder` beside `register`: an SQLite file there, or a new database on the same server.
    copy: it starts as a copy of `register`."""
    url = None
    if is_sqlite(register.db.engine):
        if copy:
            backup_sqlite(register.db.engine, folder / config.DB_FILE)
    else:
        register.db.engine.dispose()  # a template database must have nobody connected
        url = create_database(register.db.engine.url, template=register.db.engine.url.database if copy else None)
    scratch = open_register(folder, url)
    try:
        yield scratch
    finally:
        scratch.close()
        if url:
            drop_database(url)


@contextmanager
def scratch_copy(register: Desk) -> Iterator[Desk]:
    """Writes are measured on a copy, so that the benchmark's commune keeps its size."""
    with tempfile.TemporaryDirectory() as tmp, scratch_register(register, Path(tmp), copy=True) as copy:
        yield copy
