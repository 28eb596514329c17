"""What an attempt ends as, written in one short transaction after the POST: the
attempt's row, the delivery's new state, and the endpoint's failing period.

2xx: DELIVERED, and the endpoint is failing no more. Anything else (another status, a
redirect, a timeout, a refused address): tried again on the retry schedule, then
FAILED. An endpoint that answers 410 Gone, or has failed every attempt for longer than
``disable_after``, is disabled: its deliveries stay PENDING until an admin enables it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from resolvers.transactions import system_transaction
from resolvers.webhooks.claim import PENDING, ClaimedDelivery
from resolvers.webhooks.schedule import retry_delay

MAX_ERROR = 500
GONE = 410

_deliveries = WebhookDelivery.__table__  # type: ignore[attr-defined]
_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]
_attempts = WebhookAttempt.__table__  # type: ignore[attr-defined]


class DeliveryState(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """One POST: when it started, the status code (None: no answer), why it failed."""

    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    schedule: tuple[float, ...]
    disable_after: timedelta


async def record_attempt(
    database: Database,
    *,
    claimed: ClaimedDelivery,
    result: AttemptResult,
    now: datetime,
    policy: RetryPolicy,
) -> DeliveryState | None:
    """Write ``result`` and what follows from it; answers the delivery's new state, or
    None when the delivery is gone (its endpoint deleted meanwhile) or was already
    settled by another dispatcher whose lease followed an expired one of ours."""

    async def transaction(session: AsyncSession) -> DeliveryState | None:
        statement = select(_deliveries.c.state, _deliveries.c.attempt_count).where(
            _deliveries.c.id == claimed.delivery_id
        )
        if not database.is_sqlite:
            statement = statement.with_for_update()
        delivery = (await session.execute(statement)).first()
        if delivery is None:
            return None
        await session.execute(
            insert(_attempts).values(
                delivery_id=claimed.delivery_id,
                attempted_at=result.attempted_at,
                status_code=result.status_code,
                error=(result.error or "")[:MAX_ERROR] or None,
                duration_ms=result.duration_ms,
            )
        )
        if delivery.state != PENDING:
            return None
        attempts_made = delivery.attempt_count + 1
        if result.succeeded:
            state = DeliveryState.DELIVERED
            values: dict[str, object] = {"state": state.value, "delivered_at": now}
        else:
            delay = retry_delay(policy.schedule, attempts_made)
            state = DeliveryState.FAILED if delay is None else DeliveryState.PENDING
            values = {"state": state.value}
            if delay is not None:
                values["next_attempt_at"] = now + delay
        await session.execute(
            update(_deliveries)
            .where(_deliveries.c.id == claimed.delivery_id)
            .values(**values, attempt_count=attempts_made, leased_until=None)
        )
        await _note_endpoint(session, database, claimed.endpoint_id, result, now, policy)
        return state

    return await system_transaction(database, transaction)


async def _note_endpoint(
    session: AsyncSession,
    database: Database,
    endpoint_id: int,
    result: AttemptResult,
    now: datetime,
    policy: RetryPolicy,
) -> None:
    if result.succeeded:
        await session.execute(
            update(_endpoints)
            .where(_endpoints.c.id == endpoint_id, _endpoints.c.failing_since.is_not(None))
            .values(failing_since=None)
        )
        return
    statement = select(_endpoints.c.failing_since, _endpoints.c.enabled).where(
        _endpoints.c.id == endpoint_id
    )
    if not database.is_sqlite:
        statement = statement.with_for_update()
    endpoint = (await session.execute(statement)).first()
    if endpoint is None:
        return
    failing_since = endpoint.failing_since or now
    values: dict[str, object] = {"failing_since": failing_since}
    reason = None
    if result.status_code == GONE:
        reason = "The endpoint answered 410 Gone."
    elif now - failing_since >= policy.disable_after:
        reason = f"Every attempt failed since {failing_since.isoformat()}."
    if reason is not None and endpoint.enabled:
        values |= {"enabled": False, "disabled_reason": reason, "disabled_at": now}
    await session.execute(update(_endpoints).where(_endpoints.c.id == endpoint_id).values(**values))
