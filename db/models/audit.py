from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel

from db.enums import ActorKind, UserStatusAction
from db.types import UTCDateTime, utcnow


class UserStatusEvent(SQLModel, table=True):
    """One real status transition, with who made it and a snapshot of what it removed."""

    __tablename__ = "user_status_events"

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id", index=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    # Who acted: a user, or the system (CLI, schedule, provisioning).
    actor_kind: str = Field(
        default=ActorKind.USER,
        sa_column=Column(String(16), nullable=False, default=ActorKind.USER.value),
    )
    action: UserStatusAction = Field(max_length=16)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    removed_video_integrations: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    affected_incoming_call_rule_ids: list[int] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
