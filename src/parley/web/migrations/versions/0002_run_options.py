"""Analysis runs: the engines' request options (negotiation and tournament settings).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable ``options`` column (older runs have none)."""
    op.add_column("analysis_runs", sa.Column("options", sa.JSON, nullable=True))


def downgrade() -> None:
    """Drop the ``options`` column."""
    with op.batch_alter_table("analysis_runs") as batch:
        batch.drop_column("options")
