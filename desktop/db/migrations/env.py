"""Alembic environment: run against the connection the program hands in (or a URL for the alembic CLI)."""

from alembic import context
from sqlalchemy import create_engine

from desktop.db.models import Base, is_search_index

config = context.config
target_metadata = Base.metadata


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        _migrate(conn)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as c:
        _migrate(c)


def _not_search_index(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    """The search indexes are made by hand in the migrations (FTS5 tables on SQLite, trigram indexes on
    PostgreSQL); autogenerate must leave them alone."""
    return not is_search_index(name, type_)


def _migrate(conn) -> None:  # noqa: ANN001
    context.configure(connection=conn, target_metadata=target_metadata,
                      render_as_batch=conn.dialect.name == "sqlite", include_object=_not_search_index)
    with context.begin_transaction():
        context.run_migrations()


run()
