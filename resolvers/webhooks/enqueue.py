"""Queueing an event's deliveries, in the transaction that writes the event."""

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import WebhookDelivery, WebhookEndpoint
from resolvers.events.types import EventType

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]
_deliveries = WebhookDelivery.__table__  # type: ignore[attr-defined]


async def enqueue_deliveries(
    session: AsyncSession,
    *,
    tenant_id: int,
    event_id: int,
    type: EventType,
    user_id: int | None,
    at: datetime,
) -> int:
    """One PENDING delivery of event ``event_id`` per enabled endpoint of the tenant that
    takes ``type``, due at once; answers how many."""
    endpoints = await session.execute(
        select(_endpoints.c.id, _endpoints.c.event_types).where(
            _endpoints.c.tenant_id == tenant_id, _endpoints.c.enabled.is_(True)
        )
    )
    rows = [
        {
            "tenant_id": tenant_id,
            "endpoint_id": endpoint.id,
            "event_id": event_id,
            "user_id": user_id,
            "state": "PENDING",
            "attempt_count": 0,
            "next_attempt_at": at,
            "created_at": at,
        }
        for endpoint in endpoints
        if type.value in endpoint.event_types
    ]
    if rows:
        await session.execute(insert(_deliveries), rows)
    return len(rows)
