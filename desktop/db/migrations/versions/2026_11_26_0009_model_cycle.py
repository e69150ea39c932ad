"""the learning models' yearly cycle: their criteria sets, enrolments, score sheets and decisions, and the
office's own 2030 target per model

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 03:15:00
"""

import sqlalchemy as sa
from alembic import op

from desktop.db.base import UTCDateTime

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _record() -> list[sa.Column]:
    return [sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('uuid', sa.String(length=36), nullable=False),
            sa.Column('created_at', UTCDateTime(), nullable=False),
            sa.Column('updated_at', UTCDateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table('model_criteria_set', *_record(),
                    sa.Column('code', sa.String(length=100), nullable=False),
                    sa.Column('model', sa.String(length=12), nullable=False),
                    sa.Column('name', sa.String(length=300), nullable=False),
                    sa.Column('year_from', sa.Integer(), nullable=False),
                    sa.Column('year_to', sa.Integer(), nullable=False),
                    sa.Column('content', sa.Text(), nullable=False),
                    sa.Column('source', sa.String(length=300), nullable=False),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'), sa.UniqueConstraint('code'))
    op.create_table('model_decision', *_record(),
                    sa.Column('model', sa.String(length=12), nullable=False),
                    sa.Column('year', sa.Integer(), nullable=False),
                    sa.Column('number', sa.String(length=50), nullable=False),
                    sa.Column('signed_on', sa.Date(), nullable=False),
                    sa.Column('signer_name', sa.String(length=100), nullable=False),
                    sa.Column('signer_title', sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'))
    op.create_index('ix_model_decision_year', 'model_decision', ['model', 'year'])
    op.create_table('model_enrolment', *_record(),
                    sa.Column('version', sa.Integer(), nullable=False),
                    sa.Column('model', sa.String(length=12), nullable=False),
                    sa.Column('subject_id', sa.Integer(), nullable=False),
                    sa.Column('year', sa.Integer(), nullable=False),
                    sa.Column('criteria_set_id', sa.Integer(), nullable=False),
                    sa.Column('status', sa.String(length=20), nullable=False),
                    sa.Column('registered_on', sa.Date(), nullable=False),
                    sa.Column('total', sa.SmallInteger(), nullable=True),
                    sa.Column('passed', sa.Boolean(), nullable=True),
                    sa.Column('verdict', sa.String(length=200), nullable=False),
                    sa.Column('reviewed', sa.Boolean(), nullable=False),
                    sa.Column('withdrawn_from', sa.String(length=20), nullable=True),
                    sa.Column('withdrawn_reason', sa.String(length=200), nullable=False),
                    sa.Column('decision_id', sa.Integer(), nullable=True),
                    sa.ForeignKeyConstraint(['criteria_set_id'], ['model_criteria_set.id']),
                    sa.ForeignKeyConstraint(['decision_id'], ['model_decision.id']),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'))
    op.create_index('ix_model_enrolment_subject', 'model_enrolment', ['model', 'subject_id', 'year'], unique=True)
    op.create_index('ix_model_enrolment_year', 'model_enrolment', ['year', 'model', 'status'])
    op.create_table('model_assessment',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('enrolment_id', sa.Integer(), nullable=False),
                    sa.Column('kind', sa.String(length=20), nullable=False),
                    sa.Column('scores', sa.Text(), nullable=False),
                    sa.Column('total', sa.SmallInteger(), nullable=False),
                    sa.Column('note', sa.Text(), nullable=False),
                    sa.Column('at', UTCDateTime(), nullable=False),
                    sa.Column('actor', sa.String(length=100), nullable=False),
                    sa.ForeignKeyConstraint(['enrolment_id'], ['model_enrolment.id']),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index(op.f('ix_model_assessment_enrolment_id'), 'model_assessment', ['enrolment_id'])
    op.create_table('model_target', *_record(),
                    sa.Column('model', sa.String(length=12), nullable=False),
                    sa.Column('percent_2030', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('uuid'), sa.UniqueConstraint('model'))


def downgrade() -> None:
    for table in ('model_target', 'model_assessment', 'model_enrolment', 'model_decision', 'model_criteria_set'):
        op.drop_table(table)
