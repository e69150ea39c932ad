"""the registers of Programme 387's learning models: households and their members, clans and their
households, organisations, and each person's workplace as a link to an organisation

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 02:30:00
"""

import sqlalchemy as sa
from alembic import op

from desktop.db.base import UTCDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _kept() -> list[sa.Column]:
    return [sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('uuid', sa.String(length=36), nullable=False),
            sa.Column('created_at', UTCDateTime(), nullable=False),
            sa.Column('updated_at', UTCDateTime(), nullable=False),
            sa.Column('version', sa.Integer(), nullable=False),
            sa.Column('name', sa.String(length=200), nullable=False),
            sa.Column('name_key', sa.String(length=200), nullable=False),
            sa.Column('note', sa.Text(), nullable=False),
            sa.Column('deleted_at', UTCDateTime(), nullable=True),
            sa.Column('deleted_reason', sa.String(length=200), nullable=False)]


def upgrade() -> None:
    op.create_table('organisation', *_kept(),
                    sa.Column('kind', sa.String(length=20), nullable=False),
                    sa.Column('headcount', sa.Integer(), nullable=True),
                    sa.Column('village_id', sa.Integer(), nullable=True),
                    sa.ForeignKeyConstraint(['village_id'], ['village.id']),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'))
    op.create_index(op.f('ix_organisation_name_key'), 'organisation', ['name_key'])
    op.create_table('household', *_kept(),
                    sa.Column('village_id', sa.Integer(), nullable=False),
                    sa.Column('head_id', sa.Integer(), nullable=True),
                    sa.Column('address', sa.String(length=200), nullable=False),
                    sa.ForeignKeyConstraint(['village_id'], ['village.id']),
                    sa.ForeignKeyConstraint(['head_id'], ['citizen.id']),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'))
    op.create_index(op.f('ix_household_name_key'), 'household', ['name_key'])
    op.create_index(op.f('ix_household_village_id'), 'household', ['village_id'])
    op.create_table('household_member',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('household_id', sa.Integer(), nullable=False),
                    sa.Column('citizen_id', sa.Integer(), nullable=False),
                    sa.Column('relation', sa.String(length=50), nullable=False),
                    sa.ForeignKeyConstraint(['household_id'], ['household.id']),
                    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id']),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('citizen_id'))
    op.create_index(op.f('ix_household_member_household_id'), 'household_member', ['household_id'])
    op.create_table('clan', *_kept(),
                    sa.Column('contact', sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'))
    op.create_index(op.f('ix_clan_name_key'), 'clan', ['name_key'])
    op.create_table('clan_household',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('clan_id', sa.Integer(), nullable=False),
                    sa.Column('household_id', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['clan_id'], ['clan.id']),
                    sa.ForeignKeyConstraint(['household_id'], ['household.id']),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('household_id'))
    op.create_index(op.f('ix_clan_household_clan_id'), 'clan_household', ['clan_id'])
    # a plain ADD COLUMN (with its reference): SQLite's batch mode would copy the register and drop the
    # search index's triggers on it
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE citizen ADD COLUMN organisation_id INTEGER REFERENCES organisation (id)")
    else:
        op.add_column('citizen', sa.Column('organisation_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_citizen_organisation_id', 'citizen', 'organisation', ['organisation_id'], ['id'])
    op.create_index(op.f('ix_citizen_organisation_id'), 'citizen', ['organisation_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_citizen_organisation_id'), table_name='citizen')
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint('fk_citizen_organisation_id', 'citizen', type_='foreignkey')
    op.drop_column('citizen', 'organisation_id')  # SQLite 3.35+ drops a column with its reference
    for table in ('clan_household', 'clan', 'household_member', 'household', 'organisation'):
        op.drop_table(table)
