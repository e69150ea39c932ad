"""the area's duplicate CCCDs from one index: (cccd, office_code) of the living people who have one

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26 06:00:00

A province after July 2025 holds 2,400,000 people: the list of CCCDs on two offices' registers grouped
every row of the area, each read from the table (8.9 s on PostgreSQL). The offices holding each CCCD now
come from this index alone, in CCCD order. It replaces the index of the CCCD alone, which nothing else
read: one random index fewer for a province's 2,400,000 inserts.
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_area_person_cccd', 'area_person')
    # each as the database writes the query's own terms, so that its planner sees the index answers them
    op.create_index('ix_area_person_cccd_office', 'area_person', ['cccd', 'office_code'], unique=False,
                    sqlite_where=sa.text("cccd IS NOT NULL AND deleted = 0"),
                    postgresql_where=sa.text("cccd IS NOT NULL AND deleted = false"))


def downgrade() -> None:
    op.drop_index('ix_area_person_cccd_office', 'area_person')
    op.create_index('ix_area_person_cccd', 'area_person', ['cccd'], unique=False)
