from datetime import datetime

from sqlalchemy import Column, Index, String
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class ScheduledStatusChange(SQLModel, table=True):
    """A status change due at ``at``: the queue the scheduler works from. A row is claimed
    and run in one transaction, so a process dying mid-way leaves it PENDING, not lost."""

    __tablename__ = "scheduled_status_changes"
    __table_args__ = (
        # The scheduler's one question: what is pending and due.
        Index("ix_scheduled_status_changes_state_at", "state", "at"),
        Index("ix_scheduled_status_changes_tenant_id_id", "tenant_id", "id"),
        Index("ix_scheduled_status_changes_user_id", "user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    user_id: int = Field(foreign_key="users.id")
    # db.enums.UserStatusAction and ScheduledChangeState, as text.
    action: str = Field(sa_column=Column(String(16), nullable=False))
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    reassign_rules_to_id: int | None = Field(default=None, foreign_key="users.id")
    created_by_id: int = Field(foreign_key="users.id")
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
    state: str = Field(default="PENDING", sa_column=Column(String(16), nullable=False))
    ran_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Once run: whether the status changed, the event it wrote, or the refusal it met.
    changed: bool | None = Field(default=None)
    status_event_id: int | None = Field(default=None, foreign_key="user_status_events.id")
    error_code: str | None = Field(default=None, sa_column=Column(String(32)))
    error_message: str | None = Field(default=None, sa_column=Column(String(500)))
