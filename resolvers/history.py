"""Call and meeting history: keyset pages of many users' activity, one statement per batch."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Row, Select, Table, and_, func, or_, select

from db.models import User

_users = User.__table__  # type: ignore[attr-defined]


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
    table: FromClause, start: datetime | None, end: datetime | None
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
    """Up to ``first + 1`` rows per user; the extra row only says a next page exists.

    Driven by the users: for each, the newest rows come off the (tenant, user,
    started_at) index and the scan stops at ``first + 1``, however long the history.
    """
    newest = table.alias("newest")
    conditions = [
        newest.c.tenant_id == tenant_id,
        newest.c.user_id == _users.c.id,
        *in_range(newest, window.start, window.end),
    ]
    if window.after is not None:
        at, pk = window.after
        conditions.append(
            or_(newest.c.started_at < at, and_(newest.c.started_at == at, newest.c.id < pk))
        )
    page = (
        select(newest.c.id)
        .where(*conditions)
        .order_by(newest.c.started_at.desc(), newest.c.id.desc())
        .limit(window.first + 1)
        .correlate(_users)
    )
    return (
        select(table)
        .select_from(_users.join(table, table.c.id.in_(page)))
        .where(_users.c.id.in_(user_ids), _users.c.tenant_id == tenant_id)
        .order_by(table.c.user_id, table.c.started_at.desc(), table.c.id.desc())
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
