"""office: who issues the documents (the association or the People's Committee), the signer's authority
(TM., KT., Q.) and whom it names, and the office's own legal bases for the decision

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 00:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('office', sa.Column('issuing_body', sa.String(length=10), nullable=False, server_default='hkh'))
    op.add_column('office', sa.Column('signer_authority', sa.String(length=10), nullable=False, server_default=''))
    op.add_column('office', sa.Column('signer_principal', sa.String(length=200), nullable=False, server_default=''))
    op.add_column('office', sa.Column('legal_bases', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('office', schema=None) as batch_op:
        for column in ('legal_bases', 'signer_principal', 'signer_authority', 'issuing_body'):
            batch_op.drop_column(column)
