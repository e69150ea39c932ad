"""yearly cycle

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 05:07:08.792849
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('criteria_set',
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('year_from', sa.Integer(), nullable=False),
    sa.Column('year_to', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('decision',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=50), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('signer_name', sa.String(length=100), nullable=False),
    sa.Column('signer_title', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_year'), ['year'], unique=False)

    op.create_table('population',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('citizen_group', sa.SmallInteger(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('adults', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('population', schema=None) as batch_op:
        batch_op.create_index('ix_population_year', ['year', 'citizen_group', 'village_id'], unique=True)

    op.create_table('year_plan',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('criteria_set_id', sa.Integer(), nullable=False),
    sa.Column('review_required', sa.Boolean(), nullable=False),
    sa.Column('own_target_percent', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['criteria_set_id'], ['criteria_set.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid'),
    sa.UniqueConstraint('year')
    )
    op.create_table('enrolment',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('citizen_group', sa.SmallInteger(), nullable=False),
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
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], ),
    sa.ForeignKeyConstraint(['criteria_set_id'], ['criteria_set.id'], ),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.create_index('ix_enrolment_person_year', ['citizen_id', 'year'], unique=True)
        batch_op.create_index('ix_enrolment_stats', ['year', 'citizen_id', 'citizen_group', 'status', 'passed'], unique=False)

    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('scores', sa.Text(), nullable=False),
    sa.Column('total', sa.SmallInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_enrolment_id'), ['enrolment_id'], unique=False)

    op.create_index('ix_citizen_counts', 'citizen', ['deleted_at', 'village_id', 'citizen_group'])
    op.create_index('ix_citizen_staff', 'citizen', ['citizen_group', 'deleted_at', 'occupation'])
    # plain ADD COLUMN (no table copy); the defaults fill the office row of an existing file
    op.add_column('office', sa.Column('signer_title', sa.String(length=200), nullable=False,
                                      server_default='Chủ tịch Hội Khuyến học'))
    op.add_column('office', sa.Column('signer_name', sa.String(length=100), nullable=False, server_default=''))
    op.add_column('office', sa.Column('decision_symbol', sa.String(length=50), nullable=False,
                                      server_default='QĐ-HKH'))


def downgrade() -> None:
    op.drop_index('ix_citizen_staff', 'citizen')
    op.drop_index('ix_citizen_counts', 'citizen')
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.drop_column('decision_symbol')
        batch_op.drop_column('signer_name')
        batch_op.drop_column('signer_title')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_enrolment_id'))

    op.drop_table('assessment')
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrolment_stats')
        batch_op.drop_index('ix_enrolment_person_year')

    op.drop_table('enrolment')
    op.drop_table('year_plan')
    with op.batch_alter_table('population', schema=None) as batch_op:
        batch_op.drop_index('ix_population_year')

    op.drop_table('population')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_year'))

    op.drop_table('decision')
    op.drop_table('criteria_set')
