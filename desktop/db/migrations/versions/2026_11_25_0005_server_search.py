"""search on a server: name order index walkable to the last column; trigram index on PostgreSQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 13:55:00

SQLite searches through its FTS5 table (0001). PostgreSQL matches the folded name with LIKE; pg_trgm
lets those LIKEs use an index. The extension is part of PostgreSQL's contrib and "trusted" (a database
owner may create it); where it cannot be created the search still works, only slower, and the log says so.
The name-order index gains the id, the list's last sort column, so that PostgreSQL can walk it too.
"""

import logging

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# made by hand, not in the models (autogenerate leaves names with this prefix alone: env.py)
TRIGRAM = "ix_search_name_trgm"
CCCD_PREFIX = "ix_search_cccd_prefix"


def upgrade() -> None:
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_sort')
        batch_op.create_index('ix_citizen_sort', ['deleted_at', 'sort_key', 'id'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # the spaced key is the expression citizen_queries matches: ' ' || name_key || ' ' LIKE '% word%'
    op.execute(f"CREATE INDEX {CCCD_PREFIX} ON citizen (cccd text_pattern_ops)")
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as e:  # noqa: BLE001 - no right to create it: search works without the index
        savepoint.rollback()
        logging.getLogger(__name__).warning("pg_trgm không tạo được (%s): tìm kiếm chậm hơn trên máy chủ này", e)
        return
    savepoint.commit()
    op.execute(f"CREATE INDEX {TRIGRAM} ON citizen USING gin ((' ' || name_key || ' ') gin_trgm_ops) "
               "WHERE deleted_at IS NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM}")
        op.execute(f"DROP INDEX IF EXISTS {CCCD_PREFIX}")
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_sort')
        batch_op.create_index('ix_citizen_sort', ['deleted_at', 'sort_key'], unique=False)
