"""model_certificate: the learning models' certificates, numbered per model and year

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 04:00:00
"""

import sqlalchemy as sa
from alembic import op

from desktop.db.base import UTCDateTime

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('model_certificate',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('uuid', sa.String(length=36), nullable=False),
                    sa.Column('created_at', UTCDateTime(), nullable=False),
                    sa.Column('updated_at', UTCDateTime(), nullable=False),
                    sa.Column('enrolment_id', sa.Integer(), nullable=False),
                    sa.Column('year', sa.Integer(), nullable=False),
                    sa.Column('number', sa.Integer(), nullable=False),
                    sa.Column('serial', sa.String(length=50), nullable=False),
                    sa.Column('printed_at', UTCDateTime(), nullable=False),
                    sa.Column('reprints', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['enrolment_id'], ['model_enrolment.id']),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'), sa.UniqueConstraint('enrolment_id'),
                    sa.UniqueConstraint('serial'))


def downgrade() -> None:
    op.drop_table('model_certificate')
