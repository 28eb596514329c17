"""webhook_endpoints.previous_secret and previous_secret_expires_at

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 15:30:00

After rotateWebhookSecret, POSTs carry two signatures (space-separated, as Standard
Webhooks allows) for a grace period: the new secret's and the previous one's, so a
receiver still holding the previous secret keeps verifying until it switches.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.add_column(sa.Column("previous_secret", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("previous_secret_expires_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch:
        batch.drop_column("previous_secret_expires_at")
        batch.drop_column("previous_secret")
