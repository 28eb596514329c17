"""Call and meeting history: keyset pages of many users' activity, one statement per batch."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    FromClause,
    Integer,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
)

from db.models import User
from resolvers.parameters import KEYS, TENANT_ID

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


_START: BindParameter[datetime] = bindparam("start")
_END: BindParameter[datetime] = bindparam("end")


def _in_range(table: FromClause, has_start: bool, has_end: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if has_start:
        conditions.append(table.c.started_at >= _START)
    if has_end:
        conditions.append(table.c.started_at < _END)
    return conditions


def _range_parameters(start: datetime | None, end: datetime | None) -> dict[str, Any]:
    parameters: dict[str, Any] = {}
    if start is not None:
        parameters["start"] = start
    if end is not None:
        parameters["end"] = end
    return parameters


# A statement per shape (which bounds a window has), built once: building one with its
# keys and bounds inlined, and its cache key, cost more than running it for a page of 10.
@cache
def _pages_statement(table: Table, has_start: bool, has_end: bool, has_after: bool) -> Select[Any]:
    newest = table.alias("newest")
    conditions = [
        newest.c.tenant_id == TENANT_ID,
        newest.c.user_id == _users.c.id,
        *_in_range(newest, has_start, has_end),
    ]
    if has_after:
        at: BindParameter[datetime] = bindparam("after_at")
        pk: BindParameter[int] = bindparam("after_id")
        conditions.append(
            or_(newest.c.started_at < at, and_(newest.c.started_at == at, newest.c.id < pk))
        )
    page = (
        select(newest.c.id)
        .where(*conditions)
        .order_by(newest.c.started_at.desc(), newest.c.id.desc())
        .limit(bindparam("page_rows", type_=Integer))
        .correlate(_users)
    )
    return (
        select(table)
        .select_from(_users.join(table, table.c.id.in_(page)))
        .where(_users.c.id.in_(KEYS), _users.c.tenant_id == TENANT_ID)
        .order_by(table.c.user_id, table.c.started_at.desc(), table.c.id.desc())
    )


def pages_statement(
    table: Table, *, tenant_id: int, user_ids: list[int], window: HistoryWindow
) -> tuple[Select[Any], dict[str, Any]]:
    """Up to ``first + 1`` rows per user; the extra row only says a next page exists.

    Driven by the users: for each, the newest rows come off the (tenant, user,
    started_at) index and the scan stops at ``first + 1``, however long the history.
    """
    parameters = {
        "keys": user_ids,
        "tenant_id": tenant_id,
        "page_rows": window.first + 1,
        **_range_parameters(window.start, window.end),
    }
    if window.after is not None:
        parameters["after_at"], parameters["after_id"] = window.after
    statement = _pages_statement(
        table, window.start is not None, window.end is not None, window.after is not None
    )
    return statement, parameters


@cache
def _counts_statement(table: Table, has_start: bool, has_end: bool) -> Select[Any]:
    return (
        select(table.c.user_id, func.count().label("total"))
        .where(
            table.c.tenant_id == TENANT_ID,
            table.c.user_id.in_(KEYS),
            *_in_range(table, has_start, has_end),
        )
        .group_by(table.c.user_id)
    )


def counts_statement(
    table: Table,
    *,
    tenant_id: int,
    user_ids: list[int],
    start: datetime | None,
    end: datetime | None,
) -> tuple[Select[Any], dict[str, Any]]:
    """How many rows each user has in [start, end), as (user_id, total) rows."""
    parameters = {"keys": user_ids, "tenant_id": tenant_id, **_range_parameters(start, end)}
    return _counts_statement(table, start is not None, end is not None), parameters
