"""calls: external_id; call_rollups, kept by triggers on calls and tenants.time_zone

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 11:30:00

recordCalls is idempotent by the product's own call id, unique per tenant (seeded and
earlier calls have none). call_rollups sums calls per tenant, local calendar day and
user; the triggers of db/rollup_triggers.py keep it, and this migration fills it from
the calls already there.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db import rollup_triggers

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=200), nullable=True))
        batch.create_index("uq_calls_tenant_external_id", ["tenant_id", "external_id"], unique=True)
    op.create_table(
        "call_rollups",
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenants.id"), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("inbound_count", sa.Integer(), nullable=False),
        sa.Column("inbound_seconds", sa.Integer(), nullable=False),
        sa.Column("outbound_count", sa.Integer(), nullable=False),
        sa.Column("outbound_seconds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "local_day", "user_id"),
    )
    op.create_index(
        "ix_call_rollups_tenant_user_day", "call_rollups", ["tenant_id", "user_id", "local_day"]
    )
    connection = op.get_bind()
    rollup_triggers.install(connection)
    rollup_triggers.rebuild(connection)


def downgrade() -> None:
    rollup_triggers.uninstall(op.get_bind())
    op.drop_index("ix_call_rollups_tenant_user_day", table_name="call_rollups")
    op.drop_table("call_rollups")
    with op.batch_alter_table("calls") as batch:
        batch.drop_index("uq_calls_tenant_external_id")
        batch.drop_column("external_id")
