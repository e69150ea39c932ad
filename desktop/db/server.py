"""Databases on a PostgreSQL server made and dropped by the program itself: the benchmark's scratch copies
and upper level, the tests' database per data folder. A clerk's own database is made by the server's
administrator; the program only upgrades it."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url


def _server(url: str | URL):  # noqa: ANN202
    """A connection to the server's maintenance database: CREATE/DROP DATABASE cannot run in a transaction."""
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def create_database(url: str | URL, name: str | None = None, template: str | None = None,
                    exist_ok: bool = False) -> str:
    """A new database beside the one `url` names (a copy of `template` if given); returns its URL."""
    name = name or f"so_cdht_{uuid.uuid4().hex[:12]}"
    engine = _server(url)
    try:
        with engine.connect() as c:
            exists = c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if not (exist_ok and exists):
                c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    finally:
        engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str | URL) -> None:
    name = make_url(url).database
    engine = _server(url)
    try:
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
