from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    """One administrative change: who, when, what, to which object, and each field's
    before and after (secrets never). Written in the change's own transaction."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_tenant_id_id", "tenant_id", "id"),
        Index("ix_audit_entries_tenant_target_user", "tenant_id", "target_user_id", "id"),
        Index("ix_audit_entries_tenant_actor", "tenant_id", "actor_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # db.enums.ActorKind and AuditAction, kept as text: new values need no type migration.
    actor_kind: str = Field(sa_column=Column(String(16), nullable=False))
    # The user who acted (for SCHEDULE: who scheduled it); null for the system alone.
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    action: str = Field(sa_column=Column(String(64), nullable=False))
    # The object changed: its GraphQL type name and primary key (it may since be deleted).
    target_type: str = Field(sa_column=Column(String(64), nullable=False))
    target_id: int
    # The user the change is about, when there is one (the target, a number's holder...).
    target_user_id: int | None = Field(default=None, foreign_key="users.id")
    # [{"field": ..., "before": ..., "after": ...}], values as JSON scalars or lists.
    changes: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
