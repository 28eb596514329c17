from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class UserGroup(SQLModel, table=True):
    __tablename__ = "user_groups"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    name: str = Field(max_length=200)
    # fold(name), what SCIM's displayName filter compares; written by db.folding's
    # listener, never by hand.
    name_folded: str = Field(default="", sa_column=Column(Text(), nullable=False))
    # The identity provider's id for the group (SCIM externalId), when one is known.
    external_id: str | None = Field(default=None, max_length=200)
    # Bumped on every change of the name or the members: SCIM's ETag.
    version: int = Field(default=1)
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))
    updated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class GroupMembership(SQLModel, table=True):
    __tablename__ = "group_memberships"

    group_id: int = Field(foreign_key="user_groups.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
