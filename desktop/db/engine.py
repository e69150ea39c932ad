"""One place that sets up the engine: foreign keys on, WAL, a private file; one session per unit of work."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.integrity import DamagedDatabase, connection_problem, looks_damaged


class StaleEdit(RuntimeError):
    """A record changed by another save between this one's read and its write: nothing was written."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":  # the driver the program ships (SQLAlchemy would look for psycopg2)
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        from desktop.db.models import on_server

        on_server()
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    if parsed.database and parsed.database != ":memory:":
        _create_private(Path(parsed.database))
    # hide_parameters: an error's text names the SQL but never a row's values (names, CCCD, birth dates),
    # so neither a message nor the log the clerk sends to support carries personal data
    engine = create_engine(url, connect_args={"timeout": 10}, hide_parameters=True)

    @event.listens_for(engine, "handle_error")
    def _damaged(context) -> BaseException | None:  # noqa: ANN001
        """SQLite meeting a damaged page anywhere (a read, a write, the pragmas at connect) raises one error
        the program knows, whatever statement met it."""
        if looks_damaged(context.original_exception):
            return DamagedDatabase(str(context.original_exception))
        return None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as e:  # raised outside any statement of SQLAlchemy's: not seen above
            if looks_damaged(e):
                raise DamagedDatabase(str(e)) from None
            raise
        finally:
            cur.close()

    return engine


def _create_private(path: Path) -> None:
    """The database holds personal data: folder and file readable by the user only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self, stale: Exception | None = None) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back whole on any error. A record another
        save changed between this one's read and its write raises `stale` (the caller's words), or StaleEdit."""
        try:
            with self._sessions.begin() as s:
                yield s
        except StaleDataError as e:
            raise (stale or StaleEdit(str(e))) from None

    @contextmanager
    def batch(self, stale: Exception | None = None, checked: bool = False) -> Iterator[Session]:
        """A transaction that writes many rows: refused (DamagedDatabase) on a file that fails SQLite's quick
        check, so a damaged register is never written into further. checked: the caller's batch of such
        transactions had the check before its first (the check reads the whole file: once a package, a
        province's merge grew with the square of its size)."""
        if not checked:
            self.ensure_sound()
        with self.session(stale) as s:
            yield s

    def ensure_sound(self, full: bool = False) -> None:
        if not is_sqlite(self.engine):
            return
        raw = self.engine.raw_connection()
        try:
            problem = connection_problem(raw.driver_connection, full)
        finally:
            raw.close()
        if problem:
            raise DamagedDatabase(problem)

    def analyze(self, *tables: str) -> None:
        """After a batch on a server: PostgreSQL plans with the statistics it last gathered, and until its
        autovacuum comes round a table just filled reads as empty (the year's figures took 0.2 s on 1,500
        people instead of 8 ms); and an index answers a query alone only over pages its visibility map
        marks (the duplicate CCCDs of a province's 2,400,000 people: 5.9 s before, read off the index
        after). VACUUM goes over the pages added since its last pass. SQLite's plans did not need it."""
        if is_sqlite(self.engine) or not tables:
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(tables))

    @property
    def sqlite_file(self) -> Path | None:
        database = self.engine.url.database
        return Path(database) if is_sqlite(self.engine) and database and database != ":memory:" else None

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    def dispose(self) -> None:
        self.engine.dispose()
