"""Writing an event inside the transaction of the change it reports, and announcing it."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import after_commit
from db.models import OutboxEvent
from resolvers.events.types import EventNotice, EventType, channel_for
from resolvers.webhooks.enqueue import enqueue_deliveries

_events = OutboxEvent.__table__  # type: ignore[attr-defined]


async def announce(session: AsyncSession, notice: EventNotice) -> None:
    """Announce ``notice`` to subscribers once ``session``'s transaction commits, never if
    it rolls back: on PostgreSQL by NOTIFY (which PostgreSQL sends at COMMIT, to every
    process), and through the commit hand-over to this process' bus."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            select(func.pg_notify(channel_for(notice.tenant_id), notice.to_json().decode()))
        )
    after_commit(session, notice)


async def record_event(
    session: AsyncSession,
    *,
    tenant_id: int,
    type: EventType,
    user_id: int | None,
    data: dict[str, Any],
    occurred_at: datetime,
    status_event_id: int | None = None,
) -> int:
    """Write the event to the outbox in ``session``'s open transaction, queue its webhook
    deliveries, and announce it; answers the event's id. It commits, or rolls back, with
    the change it reports."""
    event_id = int(
        await session.scalar(
            insert(_events)
            .values(
                tenant_id=tenant_id,
                type=type.value,
                user_id=user_id,
                data=data,
                occurred_at=occurred_at,
            )
            .returning(_events.c.id)
        )
    )
    await enqueue_deliveries(
        session, tenant_id=tenant_id, event_id=event_id, type=type, user_id=user_id, at=occurred_at
    )
    await announce(
        session,
        EventNotice(
            tenant_id=tenant_id,
            type=type.value,
            user_id=user_id,
            event_id=event_id,
            status_event_id=status_event_id,
        ),
    )
    return event_id
