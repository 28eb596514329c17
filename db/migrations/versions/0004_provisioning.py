"""provisioning: what SCIM keeps of a user and a group, tokens that are no person's

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 07:45:00

- users: the identity provider's login name (userName, unique per tenant in its folded
  form), given and family names, when the row last changed, and when SCIM detached the
  user (a SCIM DELETE: the user stays, deactivated, with their history).
- user_groups: externalId, a version for ETags, when created and last changed.
- api_tokens: a kind (USER: a person's GraphQL token; SCIM: a tenant's provisioning
  token, no person's), so user_id may be empty for the kinds that are no person's.
- user_status_events: the actor's kind, so statusHistory tells provisioning from the CLI;
  earlier events take it from their audit entry, else from whether a user acted.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("user_name", sa.String(length=320), nullable=True))
        batch.add_column(sa.Column("user_name_folded", sa.Text(), nullable=True))
        batch.add_column(sa.Column("given_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("family_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("updated_at", db.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("scim_detached_at", db.types.UTCDateTime(), nullable=True))
        batch.create_unique_constraint(
            "uq_users_tenant_user_name_folded", ["tenant_id", "user_name_folded"]
        )
    op.execute("UPDATE users SET updated_at = created_at")
    op.create_index("ix_users_tenant_external_id", "users", ["tenant_id", "external_id"])

    with op.batch_alter_table("user_groups") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=200), nullable=True))
        batch.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch.add_column(sa.Column("created_at", db.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("updated_at", db.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("user_groups") as batch:
        batch.alter_column("version", server_default=None)

    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="USER")
        )
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
        batch.create_check_constraint(
            "ck_api_tokens_person_kind", "(kind = 'USER') = (user_id IS NOT NULL)"
        )
    with op.batch_alter_table("api_tokens") as batch:
        batch.alter_column("kind", server_default=None)

    with op.batch_alter_table("user_status_events") as batch:
        batch.add_column(sa.Column("actor_kind", sa.String(length=16), nullable=True))
    op.execute(
        """
        UPDATE user_status_events SET actor_kind = COALESCE(
            (SELECT a.actor_kind FROM audit_entries a
              WHERE a.tenant_id = user_status_events.tenant_id
                AND a.target_user_id = user_status_events.user_id
                AND a.at = user_status_events.at
                AND a.action IN ('USER_ACTIVATED', 'USER_DEACTIVATED')
              ORDER BY a.id LIMIT 1),
            CASE WHEN actor_id IS NULL THEN 'CLI' ELSE 'USER' END)
        """
    )
    with op.batch_alter_table("user_status_events") as batch:
        batch.alter_column("actor_kind", existing_type=sa.String(length=16), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("user_status_events") as batch:
        batch.drop_column("actor_kind")
    op.execute("DELETE FROM api_tokens WHERE kind <> 'USER'")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_constraint("ck_api_tokens_person_kind", type_="check")
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("kind")
    with op.batch_alter_table("user_groups") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("created_at")
        batch.drop_column("version")
        batch.drop_column("external_id")
    op.drop_index("ix_users_tenant_external_id", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_tenant_user_name_folded", type_="unique")
        batch.drop_column("scim_detached_at")
        batch.drop_column("updated_at")
        batch.drop_column("family_name")
        batch.drop_column("given_name")
        batch.drop_column("user_name_folded")
        batch.drop_column("user_name")
