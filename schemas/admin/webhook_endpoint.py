"""``WebhookEndpoint``: a product service's URL that receives the tenant's events,
signed per Standard Webhooks. Admins only; its secret is never readable."""

from datetime import datetime
from typing import Any, Self

import strawberry

from resolvers.events.types import EventType
from resolvers.ids import to_global_id
from resolvers.loaders.admin import WebhookEndpointByIdLoader
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.subgraph import owned_by


@node_entity(WebhookEndpointByIdLoader, admin_only=True)
@owned_by("admin")
@strawberry.federation.type(
    keys=["id"],
    description="A URL of a product service that receives your tenant's events as signed "
    "POSTs (Standard Webhooks). Admins only. Its signing secret is shown once, by "
    "createWebhookEndpoint and rotateWebhookSecret, and never again.",
)
class WebhookEndpoint(Node):
    url: str = strawberry.field(description="Where the events are POSTed.")
    description: str = strawberry.field(description="What the endpoint is for; may be empty.")
    events: list[EventType] = strawberry.field(description="The event types it receives.")
    enabled: bool = strawberry.field(
        description="False while it receives nothing: disabled by an admin, or by roster "
        "when it failed for too long (`disabledReason`). Deliveries queued before wait, "
        "PENDING; events meanwhile are not queued for it."
    )
    disabled_reason: str | None = strawberry.field(
        description="Why it is disabled; null while enabled."
    )
    disabled_at: datetime | None = strawberry.field(
        description="When it was disabled; null while enabled."
    )
    failing_since: datetime | None = strawberry.field(
        description="Since when every attempt has failed; null once one succeeds."
    )
    created_at: datetime = strawberry.field(description="When it was registered.")
    updated_at: datetime = strawberry.field(description="When an admin last changed it.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("WebhookEndpoint", row.id)),
            url=row.url,
            description=row.description,
            events=[EventType(name) for name in row.event_types],
            enabled=row.enabled,
            disabled_reason=row.disabled_reason,
            disabled_at=row.disabled_at,
            failing_since=row.failing_since,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
