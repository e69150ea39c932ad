"""trusted_key.kind: a registered key is a commune's or an upper level's, and a package must say the same

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 00:30:00

Keys registered before this are communes' (the only kind the window registered).
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('trusted_key', sa.Column('kind', sa.String(length=10), nullable=False, server_default='commune'))


def downgrade() -> None:
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.drop_column('kind')
