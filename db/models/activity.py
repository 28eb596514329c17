"""What users did: calls, meetings and the comments on calls."""

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from db.enums import CallDirection, VideoProvider
from db.types import UTCDateTime, utcnow


class Call(SQLModel, table=True):
    __tablename__ = "calls"
    __table_args__ = (
        Index("ix_calls_tenant_user_started", "tenant_id", "user_id", "started_at"),
        Index("ix_calls_tenant_started", "tenant_id", "started_at"),
        # recordCalls is idempotent by the product's own id, per tenant; seeded calls have none.
        Index("uq_calls_tenant_external_id", "tenant_id", "external_id", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    user_id: int = Field(foreign_key="users.id")
    direction: CallDirection = Field(max_length=16)
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    duration_seconds: int = Field(default=0)
    counterpart_number: str = Field(max_length=32)
    external_id: str | None = Field(default=None, max_length=200)


class Meeting(SQLModel, table=True):
    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_tenant_user_started", "tenant_id", "user_id", "started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    user_id: int = Field(foreign_key="users.id")
    provider: VideoProvider = Field(max_length=32)
    title: str = Field(max_length=300)
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    duration_seconds: int = Field(default=0)


class Comment(SQLModel, table=True):
    __tablename__ = "comments"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    call_id: int = Field(foreign_key="calls.id", index=True)
    author_id: int = Field(foreign_key="users.id", index=True)
    body: str = Field(max_length=10_000)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class CommentMention(SQLModel, table=True):
    __tablename__ = "comment_mentions"

    comment_id: int = Field(foreign_key="comments.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
