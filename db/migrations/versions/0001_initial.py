"""initial: every table of roster, with named constraints and an index per lookup key

Revision ID: 0001
Revises: nothing, the first revision
Create Date: 2026-11-28 22:00:22.684413
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL keeps these as types of their own, which dropping the tables leaves behind.
ENUM_TYPE_NAMES = (
    "calldirection",
    "incomingcallaction",
    "role",
    "userstatus",
    "userstatusaction",
    "videoprovider",
)


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
        sa.UniqueConstraint("slug", name="uq_tenants_slug"),
    )
    op.create_table(
        "user_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_user_groups_tenant_id_tenants"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_user_groups"),
    )
    op.create_index("ix_user_groups_tenant_id", "user_groups", ["tenant_id"])

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.Enum("ADMIN", "MEMBER", name="role"), nullable=False),
        sa.Column("status", sa.Enum("ACTIVE", "DEACTIVATED", name="userstatus"), nullable=False),
        sa.Column("deactivated_at", db.types.UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_users_tenant_id_tenants"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("tenant_id", "email", name="uq_users_tenant_email"),
    )
    op.create_index("ix_users_tenant_display_name", "users", ["tenant_id", "display_name"])
    op.create_index("ix_users_tenant_status", "users", ["tenant_id", "status"])

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_api_tokens_tenant_id_tenants"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_tokens_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_tenant_id", "api_tokens", ["tenant_id"])
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])

    op.create_table(
        "calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "direction", sa.Enum("INBOUND", "OUTBOUND", name="calldirection"), nullable=False
        ),
        sa.Column("started_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("counterpart_number", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_calls_tenant_id_tenants"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_calls_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_calls"),
    )
    op.create_index("ix_calls_tenant_started", "calls", ["tenant_id", "started_at"])
    op.create_index("ix_calls_tenant_user_started", "calls", ["tenant_id", "user_id", "started_at"])

    op.create_table(
        "group_memberships",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["user_groups.id"], name="fk_group_memberships_group_id_user_groups"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_group_memberships_user_id_users"
        ),
        sa.PrimaryKeyConstraint("group_id", "user_id", name="pk_group_memberships"),
    )
    op.create_index("ix_group_memberships_user_id", "group_memberships", ["user_id"])

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "provider",
            sa.Enum("ZOOM", "MICROSOFT_TEAMS", "GOOGLE_MEET", name="videoprovider"),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("started_at", db.types.UTCDateTime(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_meetings_tenant_id_tenants"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_meetings_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
    )
    op.create_index(
        "ix_meetings_tenant_user_started", "meetings", ["tenant_id", "user_id", "started_at"]
    )

    op.create_table(
        "phone_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_phone_numbers_tenant_id_tenants"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_phone_numbers_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_phone_numbers"),
    )
    op.create_index("ix_phone_numbers_tenant_id", "phone_numbers", ["tenant_id"])
    op.create_index("ix_phone_numbers_user_id", "phone_numbers", ["user_id"])

    op.create_table(
        "seats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("x", sa.Integer(), nullable=False),
        sa.Column("y", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name="fk_seats_tenant_id_tenants"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_seats_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_seats"),
        sa.UniqueConstraint("user_id", name="uq_seats_user_id"),
    )
    op.create_index("ix_seats_tenant_id", "seats", ["tenant_id"])

    op.create_table(
        "user_status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column(
            "action", sa.Enum("ACTIVATED", "DEACTIVATED", name="userstatusaction"), nullable=False
        ),
        sa.Column("at", db.types.UTCDateTime(), nullable=False),
        sa.Column("removed_video_integrations", sa.JSON(), nullable=False),
        sa.Column("affected_incoming_call_rule_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name="fk_user_status_events_actor_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_user_status_events_tenant_id_tenants"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_user_status_events_user_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_user_status_events"),
    )
    op.create_index("ix_user_status_events_tenant_id", "user_status_events", ["tenant_id"])
    op.create_index("ix_user_status_events_user_id", "user_status_events", ["user_id"])

    op.create_table(
        "video_integrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "provider",
            sa.Enum("ZOOM", "MICROSOFT_TEAMS", "GOOGLE_MEET", name="videoprovider"),
            nullable=False,
        ),
        sa.Column("account_email", sa.String(length=320), nullable=False),
        sa.Column("connected_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_video_integrations_tenant_id_tenants"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_video_integrations_user_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_video_integrations"),
    )
    op.create_index("ix_video_integrations_tenant_id", "video_integrations", ["tenant_id"])
    op.create_index("ix_video_integrations_user_id", "video_integrations", ["user_id"])

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(length=10000), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_comments_author_id_users"),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name="fk_comments_call_id_calls"),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_comments_tenant_id_tenants"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
    )
    op.create_index("ix_comments_author_id", "comments", ["author_id"])
    op.create_index("ix_comments_call_id", "comments", ["call_id"])
    op.create_index("ix_comments_tenant_id", "comments", ["tenant_id"])

    op.create_table(
        "incoming_call_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone_number_id", sa.Integer(), nullable=False),
        sa.Column(
            "action",
            sa.Enum("CALL_SPECIFIC_USER", "CALL_GROUP", "VOICEMAIL", name="incomingcallaction"),
            nullable=False,
        ),
        sa.Column("target_user_id", sa.Integer(), nullable=True),
        sa.Column("target_group_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["phone_number_id"],
            ["phone_numbers.id"],
            name="fk_incoming_call_rules_phone_number_id_phone_numbers",
        ),
        sa.ForeignKeyConstraint(
            ["target_group_id"],
            ["user_groups.id"],
            name="fk_incoming_call_rules_target_group_id_user_groups",
        ),
        sa.ForeignKeyConstraint(
            ["target_user_id"],
            ["users.id"],
            name="fk_incoming_call_rules_target_user_id_users",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_incoming_call_rules_tenant_id_tenants"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incoming_call_rules"),
    )
    op.create_index(
        "ix_incoming_call_rules_phone_number_id", "incoming_call_rules", ["phone_number_id"]
    )
    op.create_index(
        "ix_incoming_call_rules_target_group_id", "incoming_call_rules", ["target_group_id"]
    )
    op.create_index(
        "ix_incoming_call_rules_target_user_id", "incoming_call_rules", ["target_user_id"]
    )
    op.create_index("ix_incoming_call_rules_tenant_id", "incoming_call_rules", ["tenant_id"])

    op.create_table(
        "comment_mentions",
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name="fk_comment_mentions_comment_id_comments"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_comment_mentions_user_id_users"
        ),
        sa.PrimaryKeyConstraint("comment_id", "user_id", name="pk_comment_mentions"),
    )
    op.create_index("ix_comment_mentions_user_id", "comment_mentions", ["user_id"])


def downgrade() -> None:
    op.drop_table("comment_mentions")
    op.drop_table("incoming_call_rules")
    op.drop_table("comments")
    op.drop_table("video_integrations")
    op.drop_table("user_status_events")
    op.drop_table("seats")
    op.drop_table("phone_numbers")
    op.drop_table("meetings")
    op.drop_table("group_memberships")
    op.drop_table("calls")
    op.drop_table("api_tokens")
    op.drop_table("users")
    op.drop_table("user_groups")
    op.drop_table("tenants")
    for name in ENUM_TYPE_NAMES:
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=True)
