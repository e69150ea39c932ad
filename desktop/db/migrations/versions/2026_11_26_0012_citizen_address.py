"""citizen.address: the address within the village (house number, hamlet, group), from which the people at
one address are gathered into a household

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 04:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: the search index's triggers on the citizen table stay
    op.add_column('citizen', sa.Column('address', sa.String(length=200), nullable=False, server_default=''))


def downgrade() -> None:
    op.drop_column('citizen', 'address')
