"""The tenant's scheduled status changes, a page at a time, by ``at`` then id."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, func, or_, select

from db.enums import ScheduledChangeState
from db.models import ScheduledStatusChange
from resolvers.reader import Reader

_changes = ScheduledStatusChange.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ScheduledChangePage:
    rows: list[Row[Any]]
    has_next_page: bool
    total_count: int


async def page_of_scheduled_changes(
    reader: Reader,
    *,
    tenant_id: int,
    state: ScheduledChangeState | None,
    first: int,
    after: tuple[datetime, int] | None,
    with_total: bool = True,
) -> ScheduledChangePage:
    """Changes ordered by ``at`` then id; ``after`` is the last (at, id) seen."""
    conditions = [_changes.c.tenant_id == tenant_id]
    if state is not None:
        conditions.append(_changes.c.state == state.value)
    page_conditions = list(conditions)
    if after is not None:
        # Column by column, not a row value: each bound instant then takes the column's type.
        at, change_id = after
        page_conditions.append(
            or_(_changes.c.at > at, and_(_changes.c.at == at, _changes.c.id > change_id))
        )
    rows = list(
        await reader.rows(
            select(_changes)
            .where(and_(*page_conditions))
            .order_by(_changes.c.at, _changes.c.id)
            .limit(first + 1)
        )
    )
    total = 0
    if with_total:
        total = int(
            await reader.scalar(select(func.count()).select_from(_changes).where(and_(*conditions)))
            or 0
        )
    return ScheduledChangePage(
        rows=rows[:first], has_next_page=len(rows) > first, total_count=total
    )
