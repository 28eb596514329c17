"""webhookEndpoints and webhookDeliveries: newest first, a page at a time, a fixed
number of statements whatever the page size (admins only; the schema checks)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, bindparam, func, select

from db.models import OutboxEvent, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from resolvers.reader import Reader

_endpoints = WebhookEndpoint.__table__  # type: ignore[attr-defined]
_deliveries = WebhookDelivery.__table__  # type: ignore[attr-defined]
_attempts = WebhookAttempt.__table__  # type: ignore[attr-defined]
_events = OutboxEvent.__table__  # type: ignore[attr-defined]
_ENDPOINT_COLUMNS = [
    column for column in _endpoints.c if column.name not in ("secret", "previous_secret")
]


@dataclass(frozen=True, slots=True)
class Page:
    rows: Sequence[Any]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class DeliveryView:
    """A delivery, its event and its attempts (oldest first)."""

    row: Any
    attempts: list[Any] = field(default_factory=list)


async def page_of_endpoints(
    reader: Reader, *, tenant_id: int, first: int, after_id: int | None
) -> Page:
    conditions = [_endpoints.c.tenant_id == tenant_id]
    if after_id is not None:
        conditions.append(_endpoints.c.id < after_id)
    rows = await reader.rows(
        select(*_ENDPOINT_COLUMNS)
        .where(*conditions)
        .order_by(_endpoints.c.id.desc())
        .limit(bindparam("page_rows", type_=Integer)),
        {"page_rows": first + 1},
    )
    total = await reader.scalar(
        select(func.count()).select_from(_endpoints).where(_endpoints.c.tenant_id == tenant_id)
    )
    return Page(rows[:first], len(rows) > first, int(total or 0))


async def endpoint_exists(reader: Reader, *, tenant_id: int, endpoint_id: int) -> bool:
    found = await reader.scalar(
        select(_endpoints.c.id).where(
            _endpoints.c.id == endpoint_id, _endpoints.c.tenant_id == tenant_id
        )
    )
    return found is not None


async def page_of_deliveries(
    reader: Reader, *, tenant_id: int, endpoint_id: int, first: int, after_id: int | None
) -> Page:
    """The endpoint's deliveries, newest first, each with its event and its attempts:
    three statements (the page, its attempts, the count)."""
    conditions = [_deliveries.c.endpoint_id == endpoint_id, _deliveries.c.tenant_id == tenant_id]
    if after_id is not None:
        conditions.append(_deliveries.c.id < after_id)
    rows = await reader.rows(
        select(
            *_deliveries.c,
            _events.c.type.label("event_type"),
            _events.c.occurred_at.label("event_occurred_at"),
        )
        .join(_events, _events.c.id == _deliveries.c.event_id)
        .where(*conditions)
        .order_by(_deliveries.c.id.desc())
        .limit(bindparam("page_rows", type_=Integer)),
        {"page_rows": first + 1},
    )
    shown = rows[:first]
    attempts: dict[int, list[Any]] = defaultdict(list)
    if shown:
        for attempt in await reader.rows(
            select(_attempts)
            .where(_attempts.c.delivery_id.in_([row.id for row in shown]))
            .order_by(_attempts.c.delivery_id, _attempts.c.id)
        ):
            attempts[attempt.delivery_id].append(attempt)
    total = await reader.scalar(
        select(func.count())
        .select_from(_deliveries)
        .where(_deliveries.c.endpoint_id == endpoint_id, _deliveries.c.tenant_id == tenant_id)
    )
    views = [DeliveryView(row, attempts.get(row.id, [])) for row in shown]
    return Page(views, len(rows) > first, int(total or 0))
