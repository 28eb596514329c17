"""Events and their delivery: the outbox each change writes in its own transaction, the
webhook endpoints admins register, and the queue of deliveries the dispatcher works from."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.types import UTCDateTime, utcnow


class OutboxEvent(SQLModel, table=True):
    """One event, written in the transaction of the change it reports: it exists exactly
    when the change committed. Its id is the event's id everywhere (``webhook-id``)."""

    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_tenant_id_id", "tenant_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    # resolvers.events.types.EventType, as text ("user.deactivated").
    type: str = Field(sa_column=Column(String(64), nullable=False))
    # The user the event is about: deliveries keep each user's events in order.
    user_id: int | None = Field(default=None, foreign_key="users.id")
    # The event's `data` as webhooks send it (global ids, enum names, ISO 8601 instants).
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    occurred_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class WebhookEndpoint(SQLModel, table=True):
    """A product service's URL that receives the tenant's events of ``event_types``."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (Index("ix_webhook_endpoints_tenant_id_id", "tenant_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    url: str = Field(sa_column=Column(String(2048), nullable=False))
    description: str = Field(default="", sa_column=Column(String(500), nullable=False))
    event_types: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The Standard Webhooks signing secret (whsec_...): kept to sign, shown only when made.
    secret: str = Field(sa_column=Column(String(100), nullable=False))
    # After a rotation, the secret before it, which also signs until it expires.
    previous_secret: str | None = Field(default=None, sa_column=Column(String(100)))
    previous_secret_expires_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime())
    )
    enabled: bool = Field(default=True)
    # Why the endpoint stopped receiving events, when it did (failing for days).
    disabled_reason: str | None = Field(default=None, sa_column=Column(String(500)))
    disabled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    # Since when every attempt failed; None once one succeeds.
    failing_since: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class WebhookDelivery(SQLModel, table=True):
    """One event owed to one endpoint: the dispatcher's queue. A claimed delivery is leased
    (``leased_until``), so a dispatcher that dies leaves it to be claimed again."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id", name="uq_webhook_deliveries_endpoint_event"),
        # The dispatcher's question: what is pending and due.
        Index("ix_webhook_deliveries_state_next", "state", "next_attempt_at"),
        # In order per user: an endpoint's earlier pending delivery for the same user.
        Index("ix_webhook_deliveries_endpoint_user", "endpoint_id", "user_id", "event_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: int = Field(foreign_key="tenants.id")
    endpoint_id: int = Field(foreign_key="webhook_endpoints.id")
    event_id: int = Field(foreign_key="outbox_events.id")
    user_id: int | None = Field(default=None)
    # PENDING, DELIVERED or FAILED (gave up after the last retry), as text.
    state: str = Field(default="PENDING", sa_column=Column(String(16), nullable=False))
    attempt_count: int = Field(default=0)
    next_attempt_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
    leased_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class WebhookAttempt(SQLModel, table=True):
    """One POST of a delivery: when, the status code the endpoint answered (None when it
    never answered), and the error."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery_id_id", "delivery_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(foreign_key="webhook_deliveries.id")
    attempted_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status_code: int | None = Field(default=None)
    error: str | None = Field(default=None, sa_column=Column(String(500)))
    duration_ms: int = Field(default=0)
