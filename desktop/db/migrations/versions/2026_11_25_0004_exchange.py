"""exchange

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 06:03:01.207115
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('received_package',
    sa.Column('office_code', sa.Integer(), nullable=False),
    sa.Column('office_name', sa.String(length=200), nullable=False),
    sa.Column('office_kind', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('received_package', schema=None) as batch_op:
        batch_op.create_index('ix_received_office_year_seq', ['office_code', 'year', 'sequence'], unique=True)

    op.create_table('sent_package',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('receipt_at', sa.DateTime(), nullable=True),
    sa.Column('receipt_note', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('sent_package', schema=None) as batch_op:
        batch_op.create_index('ix_sent_year_seq', ['year', 'sequence'], unique=True)

    op.create_table('trusted_key',
    sa.Column('office_code', sa.Integer(), nullable=False),
    sa.Column('office_name', sa.String(length=200), nullable=False),
    sa.Column('signing_key', sa.String(length=100), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trusted_key_office_code'), ['office_code'], unique=False)

    op.create_table('area_enrolment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('office_code', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('person_uuid', sa.String(length=36), nullable=False),
    sa.Column('citizen_group', sa.SmallInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('total', sa.SmallInteger(), nullable=True),
    sa.ForeignKeyConstraint(['package_id'], ['received_package.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('area_enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_enrolment_package_id'), ['package_id'], unique=False)

    op.create_table('area_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('office_code', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('birth', sa.String(length=10), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('cccd', sa.String(length=12), nullable=True),
    sa.Column('village', sa.String(length=100), nullable=False),
    sa.Column('citizen_group', sa.SmallInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['received_package.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('area_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_area_person_cccd'), ['cccd'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_person_package_id'), ['package_id'], unique=False)

    op.add_column('office', sa.Column('kind', sa.String(length=10), nullable=False, server_default='commune'))
    op.add_column('office', sa.Column('upper_recipient', sa.String(length=100), nullable=False, server_default=''))
    op.add_column('office', sa.Column('upper_signing_key', sa.String(length=100), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.drop_column('upper_signing_key')
        batch_op.drop_column('upper_recipient')
        batch_op.drop_column('kind')

    with op.batch_alter_table('area_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_person_package_id'))
        batch_op.drop_index(batch_op.f('ix_area_person_cccd'))

    op.drop_table('area_person')
    with op.batch_alter_table('area_enrolment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_area_enrolment_package_id'))

    op.drop_table('area_enrolment')
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trusted_key_office_code'))

    op.drop_table('trusted_key')
    with op.batch_alter_table('sent_package', schema=None) as batch_op:
        batch_op.drop_index('ix_sent_year_seq')

    op.drop_table('sent_package')
    with op.batch_alter_table('received_package', schema=None) as batch_op:
        batch_op.drop_index('ix_received_office_year_seq')

    op.drop_table('received_package')
