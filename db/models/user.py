from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

import db.folding  # noqa: F401  (keeps the folded columns right on every write)
from db.enums import Role, UserStatus
from db.types import UTCDateTime, utcnow


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("tenant_id", "email", name="uq_users_tenant_email"),
        Index("ix_users_tenant_status", "tenant_id", "status"),
        Index("ix_users_tenant_display_name", "tenant_id", "display_name"),
        # An email is unique per tenant case-insensitively: compared in its folded form.
        UniqueConstraint("tenant_id", "email_folded", name="uq_users_tenant_email_folded"),
        # A SCIM userName is unique per tenant case-insensitively, like an email; users
        # no identity provider named have none (NULLs never collide).
        UniqueConstraint("tenant_id", "user_name_folded", name="uq_users_tenant_user_name_folded"),
        Index("ix_users_tenant_external_id", "tenant_id", "external_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    email: str = Field(max_length=320)
    display_name: str = Field(max_length=200)
    role: Role = Field(default=Role.MEMBER, max_length=16)
    status: UserStatus = Field(default=UserStatus.ACTIVE, max_length=16)
    deactivated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Bumped on every status change: concurrent writers detect a lost race with it.
    version: int = Field(default=1)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
    # fold(email) and fold(display_name), what searches compare (see db/folding.py);
    # written by db.folding's listener, never by hand. Folding can lengthen a text.
    email_folded: str = Field(default="", sa_column=Column(Text(), nullable=False))
    display_name_folded: str = Field(default="", sa_column=Column(Text(), nullable=False))
    # The identity provider's id for this person (SCIM externalId), when one is known.
    external_id: str | None = Field(default=None, max_length=200)
    # SCIM's userName as the identity provider sent it (Okta: an email, Entra: a UPN),
    # and its folded form, written by db.folding like the others.
    user_name: str | None = Field(default=None, max_length=320)
    user_name_folded: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    given_name: str | None = Field(default=None, max_length=200)
    family_name: str | None = Field(default=None, max_length=200)
    # When the row last changed (SCIM's meta.lastModified); None: not since it was made.
    updated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Set by a SCIM DELETE: the user stays in roster, deactivated, and leaves SCIM's view.
    scim_detached_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # SCIM's enterprise extension as the identity provider sent it (employeeNumber,
    # department, managerId...: resolvers/people/enterprise.py); None: nothing sent.
    scim_enterprise: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True)
    )
