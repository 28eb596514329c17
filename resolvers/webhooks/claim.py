"""The dispatcher's claim: which due deliveries it sends now, leased to it.

One claim is one write transaction. On PostgreSQL the due rows are selected ``FOR
UPDATE SKIP LOCKED``: a second dispatcher skips the rows the first is claiming, and once
the first commits their ``leased_until`` keeps them out of every claim until the lease
ends (PostgreSQL re-checks the condition on a row's newest version when it locks it).
On SQLite a write transaction begins IMMEDIATE: claims take turns. The POST happens
after the claim's commit, outside any transaction; a dispatcher that dies mid-POST
leaves the lease to run out, and the delivery is claimed again (at least once).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.engine import Database
from db.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from resolvers.transactions import system_transaction

PENDING = "PENDING"

_deliveries = WebhookDelivery.__table__  # type: ignore[attr-defined]
_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]
_events = OutboxEvent.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """A delivery leased to this dispatcher, with what its POST needs."""

    delivery_id: int
    endpoint_id: int
    event_id: int
    attempt_count: int
    url: str
    secret: str
    type: str
    occurred_at: datetime
    data: dict[str, Any]
    # The previous secret, while it still signs after a rotation (else None).
    previous_secret: str | None = None


def message_id(event_id: int) -> str:
    """The ``webhook-id`` of outbox event ``event_id``: the same on every retry, so a
    receiver that has seen it once can drop the repeat."""
    return f"evt_{event_id}"


def _due_conditions(now: datetime) -> list[Any]:
    """Due, not leased, its endpoint enabled, and no earlier delivery of the same
    endpoint and user still PENDING (in order per user: a later event waits, even when
    the earlier one waits for a retry)."""
    earlier = aliased(_deliveries)
    return [
        _deliveries.c.state == PENDING,
        _deliveries.c.next_attempt_at <= now,
        (_deliveries.c.leased_until.is_(None)) | (_deliveries.c.leased_until <= now),
        _endpoints.c.enabled.is_(True),
        ~exists().where(
            earlier.c.endpoint_id == _deliveries.c.endpoint_id,
            earlier.c.user_id == _deliveries.c.user_id,
            earlier.c.state == PENDING,
            earlier.c.event_id < _deliveries.c.event_id,
        ),
    ]


async def anything_due(database: Database, *, now: datetime) -> bool:
    """Whether some delivery is due (asked on a read connection: an idle dispatcher
    never takes SQLite's write lock)."""
    statement = (
        select(_deliveries.c.id)
        .join(_endpoints, _endpoints.c.id == _deliveries.c.endpoint_id)
        .where(*_due_conditions(now))
        .limit(1)
    )
    async with database.session() as session:
        return (await session.scalar(statement)) is not None


async def claim_due(
    database: Database, *, now: datetime, limit: int, lease: timedelta
) -> list[ClaimedDelivery]:
    """Lease up to ``limit`` due deliveries until ``now + lease``, oldest event first; at
    most one per endpoint and user, so those sent side by side are of different users."""
    if not await anything_due(database, now=now):
        return []

    async def transaction(session: AsyncSession) -> list[ClaimedDelivery]:
        statement = (
            select(
                _deliveries.c.id,
                _deliveries.c.endpoint_id,
                _deliveries.c.event_id,
                _deliveries.c.attempt_count,
                _endpoints.c.url,
                _endpoints.c.secret,
                _events.c.type,
                _events.c.occurred_at,
                _events.c.data,
                _endpoints.c.previous_secret,
                _endpoints.c.previous_secret_expires_at,
            )
            .join(_endpoints, _endpoints.c.id == _deliveries.c.endpoint_id)
            .join(_events, _events.c.id == _deliveries.c.event_id)
            .where(*_due_conditions(now))
            .order_by(_deliveries.c.event_id, _deliveries.c.id)
            .limit(limit)
        )
        if not database.is_sqlite:
            statement = statement.with_for_update(skip_locked=True, of=_deliveries)
        rows = (await session.execute(statement)).all()
        if not rows:
            return []
        await session.execute(
            update(_deliveries)
            .where(_deliveries.c.id.in_([row.id for row in rows]))
            .values(leased_until=now + lease)
        )
        return [
            ClaimedDelivery(
                delivery_id=row.id,
                endpoint_id=row.endpoint_id,
                event_id=row.event_id,
                attempt_count=row.attempt_count,
                url=row.url,
                secret=row.secret,
                type=row.type,
                occurred_at=row.occurred_at,
                data=dict(row.data),
                previous_secret=(
                    row.previous_secret
                    if row.previous_secret_expires_at is not None
                    and row.previous_secret_expires_at > now
                    else None
                ),
            )
            for row in rows
        ]

    return await system_transaction(database, transaction)
