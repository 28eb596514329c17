"""administration: audit entries, the scheduled status changes' queue, token lifecycle

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 18:23:21

- audit_entries: one row per administrative change (issue 13's audit log).
- scheduled_status_changes: the scheduler's queue; it lives in the database so that
  nothing scheduled is lost when a process dies.
- api_tokens: a name, when last used, when it expires, when it was revoked.
- users.external_id; an email unique per tenant case-insensitively (its folded form).
- phone_numbers: a number exists once per tenant.

Actions, actor kinds and states are text columns rather than enum types: later issues
add values (SCIM, webhooks) without a type migration on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, referred: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}"
    )


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("at", db.types.UTCDateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_type", sa.String(length=64), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("target_user_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        _fk("audit_entries", "actor_id", "users"),
        _fk("audit_entries", "target_user_id", "users"),
        _fk("audit_entries", "tenant_id", "tenants"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entries"),
    )
    op.create_index("ix_audit_entries_tenant_id_id", "audit_entries", ["tenant_id", "id"])
    op.create_index(
        "ix_audit_entries_tenant_target_user",
        "audit_entries",
        ["tenant_id", "target_user_id", "id"],
    )
    op.create_index(
        "ix_audit_entries_tenant_actor", "audit_entries", ["tenant_id", "actor_id", "id"]
    )

    op.create_table(
        "scheduled_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", db.types.UTCDateTime(), nullable=False),
        sa.Column("reassign_rules_to_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("ran_at", db.types.UTCDateTime(), nullable=True),
        sa.Column("changed", sa.Boolean(), nullable=True),
        sa.Column("status_event_id", sa.Integer(), nullable=True),
        sa.Column("error_code", sa.String(length=32), nullable=True),
        sa.Column("error_message", sa.String(length=500), nullable=True),
        _fk("scheduled_status_changes", "created_by_id", "users"),
        _fk("scheduled_status_changes", "reassign_rules_to_id", "users"),
        _fk("scheduled_status_changes", "status_event_id", "user_status_events"),
        _fk("scheduled_status_changes", "tenant_id", "tenants"),
        _fk("scheduled_status_changes", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_scheduled_status_changes"),
    )
    op.create_index(
        "ix_scheduled_status_changes_state_at", "scheduled_status_changes", ["state", "at"]
    )
    op.create_index(
        "ix_scheduled_status_changes_tenant_id_id",
        "scheduled_status_changes",
        ["tenant_id", "id"],
    )
    op.create_index("ix_scheduled_status_changes_user_id", "scheduled_status_changes", ["user_id"])

    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column("name", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("last_used_at", db.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("expires_at", db.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("revoked_at", db.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("api_tokens") as batch:
        batch.alter_column("name", server_default=None)

    with op.batch_alter_table("phone_numbers") as batch:
        batch.create_unique_constraint("uq_phone_numbers_tenant_number", ["tenant_id", "number"])

    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=200), nullable=True))
        batch.create_unique_constraint(
            "uq_users_tenant_email_folded", ["tenant_id", "email_folded"]
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_tenant_email_folded", type_="unique")
        batch.drop_column("external_id")
    with op.batch_alter_table("phone_numbers") as batch:
        batch.drop_constraint("uq_phone_numbers_tenant_number", type_="unique")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("revoked_at")
        batch.drop_column("expires_at")
        batch.drop_column("last_used_at")
        batch.drop_column("name")
    op.drop_table("scheduled_status_changes")
    op.drop_table("audit_entries")
