"""The Analytics dashboard: every figure is one SQL GROUP BY over the calls it counts.

The calls of [from, to) are read as rollup rows for the whole local days of the window and
raw calls for the partial days at its edges (resolvers/calls/window_calls.py); each figure
sums those rows, so it equals a scan of every call of the window.

Who counts where comes from the policy table: the conditions may name anyone
(``inDashboardConditions``), Overview and the period table count everyone named
(``inDashboardOverview``, ``inDashboardByPeriod``), the user table lists only those
``inDashboardByUser`` shows. Where the chart counts every user and no one is named,
a figure reads the calls alone, without the users.
"""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Subquery, and_, func, or_, select, true

from db.models import GroupMembership, User, UserGroup
from resolvers.calls.window import split_window
from resolvers.calls.window_calls import Bucketing, calls_in_window, per_user
from resolvers.periods import Granularity, local_period_start
from resolvers.reader import Reader
from resolvers.visibility import listed_users, lists_everyone

_users = User.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DashboardConditions:
    """The dashboard's filter. ``None`` leaves a dimension open; both open means everyone.

    Named users are the union of ``user_ids`` and the members of ``group_ids``.
    """

    tenant_id: int
    time_zone: str
    start: datetime  # inclusive
    end: datetime  # exclusive
    user_ids: tuple[int, ...] | None = None
    group_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Totals:
    call_count: int
    total_duration_seconds: int


@dataclass(frozen=True, slots=True)
class UserTotals:
    user: Row[Any]
    call_count: int
    total_duration_seconds: int


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    period_start: datetime
    call_count: int
    total_duration_seconds: int


def _named_users(conditions: DashboardConditions) -> ColumnElement[bool]:
    named: list[ColumnElement[bool]] = []
    if conditions.user_ids is not None:
        named.append(_users.c.id.in_(conditions.user_ids))
    if conditions.group_ids is not None:
        members = (
            select(_memberships.c.user_id)
            .join(_groups, _groups.c.id == _memberships.c.group_id)
            .where(
                _groups.c.tenant_id == conditions.tenant_id, _groups.c.id.in_(conditions.group_ids)
            )
        )
        named.append(_users.c.id.in_(members))
    return and_(
        _users.c.tenant_id == conditions.tenant_id,
        or_(*named) if named else true(),
        listed_users("inDashboardConditions"),
    )


def _window_calls(conditions: DashboardConditions, bucketing: Bucketing | None = None) -> Subquery:
    split = split_window(conditions.time_zone, conditions.start, conditions.end)
    return calls_in_window(split, tenant_id=conditions.tenant_id, bucketing=bucketing)


def _sums(calls: Subquery) -> tuple[Any, Any]:
    return (
        func.coalesce(func.sum(calls.c.inbound_count + calls.c.outbound_count), 0).label(
            "call_count"
        ),
        func.coalesce(func.sum(calls.c.talk_seconds), 0).label("total_duration_seconds"),
    )


def _counts_everyone(conditions: DashboardConditions, field: str) -> bool:
    """No user or group named, and the chart counts every user in the conditions and in
    ``field``: the window's calls of the tenant are the figure, with no users to join."""
    return (
        conditions.user_ids is None
        and conditions.group_ids is None
        and lists_everyone("inDashboardConditions")
        and lists_everyone(field)
    )


def _of_counted_users(
    statement: Select[Any], calls: Subquery, conditions: DashboardConditions, field: str
) -> Select[Any]:
    """``statement`` over ``calls`` kept to the calls of the users ``field`` counts."""
    if _counts_everyone(conditions, field):
        return statement.select_from(calls)
    return statement.select_from(calls.join(_users, _users.c.id == calls.c.user_id)).where(
        _named_users(conditions), listed_users(field)
    )


async def overview(reader: Reader, conditions: DashboardConditions) -> Totals:
    field = "inDashboardOverview"
    calls = _window_calls(conditions)
    # Summed per user first only where the users are joined (see _of_counted_users).
    sums = calls if _counts_everyone(conditions, field) else per_user(calls)
    totals = select(*_sums(sums))
    row = (await reader.rows(_of_counted_users(totals, sums, conditions, field)))[0]
    return Totals(
        call_count=int(row.call_count), total_duration_seconds=int(row.total_duration_seconds)
    )


async def by_user(reader: Reader, conditions: DashboardConditions) -> list[UserTotals]:
    """One row per listed user, by display name; users without calls get zeros."""
    sums = per_user(_window_calls(conditions))
    rows = await reader.rows(
        select(
            _users,
            func.coalesce(sums.c.call_count, 0).label("call_count"),
            func.coalesce(sums.c.talk_seconds, 0).label("total_duration_seconds"),
        )
        .select_from(_users.outerjoin(sums, sums.c.user_id == _users.c.id))
        .where(_named_users(conditions), listed_users("inDashboardByUser"))
        .order_by(_users.c.display_name, _users.c.id)
    )
    return [
        UserTotals(
            user=row,
            call_count=int(row.call_count),
            total_duration_seconds=int(row.total_duration_seconds),
        )
        for row in rows
    ]


async def by_period(
    reader: Reader, conditions: DashboardConditions, granularity: Granularity
) -> list[PeriodTotals]:
    """One row per calendar period that has calls, oldest first, in the tenant's time zone.

    The caller bounds the window (``MAX_PERIOD_WINDOW``); on SQLite, finding the zone's
    offset changes in it runs in a worker thread, never on the event loop.
    """
    bucketing = Bucketing(granularity, conditions.time_zone, reader.database.is_sqlite)
    if reader.database.is_sqlite:
        calls = await asyncio.to_thread(_window_calls, conditions, bucketing)
    else:
        calls = _window_calls(conditions, bucketing)
    # Grouping by the subquery's column keeps PostgreSQL from comparing two
    # differently-bound copies of the same expression in SELECT and GROUP BY.
    per_period = select(calls.c.period_start, *_sums(calls))
    rows = await reader.rows(
        _of_counted_users(per_period, calls, conditions, "inDashboardByPeriod")
        .group_by(calls.c.period_start)
        .order_by(calls.c.period_start)
    )
    return [
        PeriodTotals(
            period_start=local_period_start(row.period_start, conditions.time_zone),
            call_count=int(row.call_count),
            total_duration_seconds=int(row.total_duration_seconds),
        )
        for row in rows
    ]
