"""Call and meeting history: keyset pages of many users' activity, one statement per batch."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, and_, func, or_, select


@dataclass(frozen=True, slots=True)
class HistoryWindow:
    """What one page asks for: newest first, ``after`` the last (started_at, id) seen."""

    first: int
    after: tuple[datetime, int] | None = None
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class HistoryPage:
    rows: list[Row[Any]]
    has_next_page: bool


def in_range(
    table: Table, start: datetime | None, end: datetime | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if start is not None:
        conditions.append(table.c.started_at >= start)
    if end is not None:
        conditions.append(table.c.started_at < end)
    return conditions


def pages_statement(
    table: Table, *, tenant_id: int, user_ids: list[int], window: HistoryWindow
) -> Select[Any]:
    """Up to ``first + 1`` rows per user; the extra row only says a next page exists."""
    conditions = [
        table.c.tenant_id == tenant_id,
        table.c.user_id.in_(user_ids),
        *in_range(table, window.start, window.end),
    ]
    if window.after is not None:
        at, pk = window.after
        conditions.append(
            or_(table.c.started_at < at, and_(table.c.started_at == at, table.c.id < pk))
        )
    position = (
        func.row_number()
        .over(partition_by=table.c.user_id, order_by=(table.c.started_at.desc(), table.c.id.desc()))
        .label("position")
    )
    ranked = select(table, position).where(*conditions).subquery()
    return (
        select(ranked)
        .where(ranked.c.position <= window.first + 1)
        .order_by(ranked.c.user_id, ranked.c.position)
    )


def counts_statement(
    table: Table,
    *,
    tenant_id: int,
    user_ids: list[int],
    start: datetime | None,
    end: datetime | None,
) -> Select[Any]:
    return (
        select(table.c.user_id, func.count().label("total"))
        .where(
            table.c.tenant_id == tenant_id,
            table.c.user_id.in_(user_ids),
            *in_range(table, start, end),
        )
        .group_by(table.c.user_id)
    )
