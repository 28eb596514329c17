"""A webhook delivery as webhookDeliveries shows it: the event, where it stands, and
every attempt."""

from datetime import datetime
from typing import Any, Self

import strawberry

from resolvers.events.types import EventType
from resolvers.webhooks.claim import message_id
from resolvers.webhooks.listing import DeliveryView
from resolvers.webhooks.outcome import DeliveryState
from schemas.subgraph import owned_by


@owned_by("admin")
@strawberry.type(description="An event as webhooks send it.")
class WebhookEvent:
    id: str = strawberry.field(
        description="The event's id: the `webhook-id` header of every POST of it, retries "
        "included (receivers drop an id they have seen)."
    )
    type: EventType = strawberry.field(description="What happened.")
    occurred_at: datetime = strawberry.field(description="When the change committed.")


@owned_by("admin")
@strawberry.type(description="One POST of a delivery.")
class WebhookAttempt:
    attempted_at: datetime = strawberry.field(description="When the POST started.")
    status_code: int | None = strawberry.field(
        description="The HTTP status the endpoint answered; null when it never answered."
    )
    error: str | None = strawberry.field(
        description="Why it failed (a status other than 2xx, a redirect, a timeout, a "
        "refused address); null when it succeeded."
    )
    duration_ms: int = strawberry.field(description="How long it took, in milliseconds.")


@owned_by("admin")
@strawberry.type(description="One event owed to one endpoint.")
class WebhookDelivery:
    event: WebhookEvent = strawberry.field(description="The event delivered.")
    state: DeliveryState = strawberry.field(
        description="PENDING (not yet delivered: due at `nextAttemptAt`), DELIVERED (an "
        "attempt answered 2xx), or FAILED (every attempt of the retry schedule failed)."
    )
    attempt_count: int = strawberry.field(description="How many POSTs were made.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When it is tried next; null once DELIVERED or FAILED."
    )
    delivered_at: datetime | None = strawberry.field(
        description="When an attempt succeeded; null until then."
    )
    attempts: list[WebhookAttempt] = strawberry.field(description="Every POST, oldest first.")

    @classmethod
    def from_view(cls, view: DeliveryView) -> Self:
        row: Any = view.row
        return cls(
            event=WebhookEvent(
                id=message_id(row.event_id),
                type=EventType(row.event_type),
                occurred_at=row.event_occurred_at,
            ),
            state=DeliveryState(row.state),
            attempt_count=row.attempt_count,
            next_attempt_at=row.next_attempt_at if row.state == "PENDING" else None,
            delivered_at=row.delivered_at,
            attempts=[
                WebhookAttempt(
                    attempted_at=attempt.attempted_at,
                    status_code=attempt.status_code,
                    error=attempt.error,
                    duration_ms=attempt.duration_ms,
                )
                for attempt in view.attempts
            ],
        )
