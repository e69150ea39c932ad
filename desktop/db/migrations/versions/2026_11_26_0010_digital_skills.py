"""enrolment.digital_skill: a title holder's digital skills (677), proposed from the digital indicator's score
and confirmed by the clerk

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 03:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('enrolment', sa.Column('digital_skill', sa.String(length=12), nullable=False, server_default=''))
    op.add_column('enrolment', sa.Column('digital_confirmed', sa.Boolean(), nullable=False,
                                         server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('enrolment', 'digital_confirmed')
    op.drop_column('enrolment', 'digital_skill')
