"""Reading the audit log: the tenant's entries, newest first, narrowed by a filter."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, func, select

from db.models import AuditEntry
from resolvers.reader import Reader

_entries = AuditEntry.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """What the log is narrowed to; None: not narrowed. An id that names nothing of the
    tenant (-1 for one that did not decode) simply matches no entry."""

    target_user_id: int | None = None
    actor_id: int | None = None
    # Any of these action names; an empty tuple matches nothing.
    actions: tuple[str, ...] | None = None
    start: datetime | None = None  # included
    end: datetime | None = None  # excluded


@dataclass(frozen=True, slots=True)
class AuditPage:
    rows: Sequence[Row[Any]]
    has_next_page: bool
    total_count: int


def _conditions(tenant_id: int, query: AuditQuery) -> list[Any]:
    conditions: list[Any] = [_entries.c.tenant_id == tenant_id]
    if query.target_user_id is not None:
        conditions.append(_entries.c.target_user_id == query.target_user_id)
    if query.actor_id is not None:
        conditions.append(_entries.c.actor_id == query.actor_id)
    if query.actions is not None:
        conditions.append(_entries.c.action.in_(query.actions))
    if query.start is not None:
        conditions.append(_entries.c.at >= query.start)
    if query.end is not None:
        conditions.append(_entries.c.at < query.end)
    return conditions


async def page_of_audit_entries(
    reader: Reader,
    *,
    tenant_id: int,
    query: AuditQuery,
    first: int,
    after: int | None,
    with_total: bool = True,
) -> AuditPage:
    """Entries newest first (by id, the order they were written in); ``after`` is the
    id of the last entry seen."""
    conditions = _conditions(tenant_id, query)
    page_conditions = [*conditions, _entries.c.id < after] if after is not None else conditions
    rows = list(
        await reader.rows(
            select(_entries)
            .where(and_(*page_conditions))
            .order_by(_entries.c.id.desc())
            .limit(first + 1)
        )
    )
    total = 0
    if with_total:
        total = int(
            await reader.scalar(select(func.count()).select_from(_entries).where(and_(*conditions)))
            or 0
        )
    return AuditPage(rows=rows[:first], has_next_page=len(rows) > first, total_count=total)
