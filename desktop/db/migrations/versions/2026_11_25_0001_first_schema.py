"""first schema: office, villages, citizens, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-25 04:47:30.879220
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# SQLite's full-text index over the folded name and the CCCD of the people on the register (the
# deleted are left out, so that a count of matches needs nothing but the index), kept in step by
# triggers. Names are folded by the program (FTS5's remove_diacritics leaves đ alone); prefixes of
# 1-3 characters are indexed so that a word being typed matches at once.
_ADD = """INSERT INTO citizen_fts(rowid, name_key, cccd)
          SELECT new.id, new.name_key, new.cccd WHERE new.deleted_at IS NULL;"""
_REMOVE = """INSERT INTO citizen_fts(citizen_fts, rowid, name_key, cccd)
             SELECT 'delete', old.id, old.name_key, old.cccd WHERE old.deleted_at IS NULL;"""
SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE citizen_fts USING fts5(
        name_key, cccd, content='citizen', content_rowid='id', detail='none', prefix='1 2 3')""",
    f"CREATE TRIGGER citizen_ai AFTER INSERT ON citizen BEGIN {_ADD} END",
    f"CREATE TRIGGER citizen_ad AFTER DELETE ON citizen BEGIN {_REMOVE} END",
    f"CREATE TRIGGER citizen_au AFTER UPDATE OF name_key, cccd, deleted_at ON citizen BEGIN {_REMOVE} {_ADD} END",
]


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('entity_uuid', sa.String(length=36), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entity', ['entity', 'entity_id', 'at'], unique=False)

    op.create_table('office',
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('province_name', sa.String(length=100), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('commune_name', sa.String(length=100), nullable=False),
    sa.Column('association_name', sa.String(length=200), nullable=False),
    sa.Column('clerk_name', sa.String(length=100), nullable=False),
    sa.Column('upper_level_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('village',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_village_name_key'), ['name_key'], unique=False)

    op.create_table('citizen',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('sort_key', sa.String(length=400), nullable=False),
    sa.Column('birth_year', sa.SmallInteger(), nullable=False),
    sa.Column('birth_month', sa.SmallInteger(), nullable=True),
    sa.Column('birth_day', sa.SmallInteger(), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('cccd', sa.String(length=12), nullable=True),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('citizen_group', sa.SmallInteger(), nullable=False),
    sa.Column('occupation', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_reason', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cccd'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.create_index('ix_citizen_dup', ['name_key', 'birth_year'], unique=False)
        batch_op.create_index('ix_citizen_sort', ['deleted_at', 'sort_key'], unique=False)
        batch_op.create_index('ix_citizen_village_sort', ['village_id', 'sort_key'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("citizen_ai", "citizen_ad", "citizen_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS citizen_fts")
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_village_sort')
        batch_op.drop_index('ix_citizen_sort')
        batch_op.drop_index('ix_citizen_dup')

    op.drop_table('citizen')
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_village_name_key'))

    op.drop_table('village')
    op.drop_table('office')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entity')

    op.drop_table('audit_entry')
