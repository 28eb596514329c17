"""The Analytics dashboard: every figure is one SQL GROUP BY over the calls it counts.

Who counts where comes from the policy table: the conditions may name anyone
(``inDashboardConditions``), Overview and the period table count everyone named
(``inDashboardOverview``, ``inDashboardByPeriod``), the user table lists only those
``inDashboardByUser`` shows.
"""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, or_, select, true

from db.models import Call, GroupMembership, User, UserGroup
from resolvers.periods import Granularity, local_period_start, period_start_sql
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_calls = Call.__table__  # type: ignore[attr-defined]
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


def _calls_in_period(conditions: DashboardConditions) -> ColumnElement[bool]:
    return and_(
        _calls.c.tenant_id == conditions.tenant_id,
        _calls.c.started_at >= conditions.start,
        _calls.c.started_at < conditions.end,
    )


def _counted(conditions: DashboardConditions, field: str) -> list[ColumnElement[bool]]:
    """The calls a figure counts: in the period, by a named user that ``field`` shows."""
    return [_calls_in_period(conditions), _named_users(conditions), listed_users(field)]


def _sums(calls: Any) -> tuple[Any, Any]:
    return (
        func.count(calls.c.id).label("call_count"),
        func.coalesce(func.sum(calls.c.duration_seconds), 0).label("total_duration_seconds"),
    )


async def overview(reader: Reader, conditions: DashboardConditions) -> Totals:
    row = (
        await reader.rows(
            select(*_sums(_calls))
            .select_from(_calls.join(_users, _users.c.id == _calls.c.user_id))
            .where(*_counted(conditions, "inDashboardOverview"))
        )
    )[0]
    return Totals(
        call_count=int(row.call_count), total_duration_seconds=int(row.total_duration_seconds)
    )


async def by_user(reader: Reader, conditions: DashboardConditions) -> list[UserTotals]:
    """One row per listed user, by display name; users without calls get zeros."""
    calls_of_user = and_(_calls.c.user_id == _users.c.id, _calls_in_period(conditions))
    rows = await reader.rows(
        select(_users, *_sums(_calls))
        .select_from(_users.outerjoin(_calls, calls_of_user))
        .where(_named_users(conditions), listed_users("inDashboardByUser"))
        .group_by(_users.c.id)
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
    build = partial(
        period_start_sql,
        _calls.c.started_at,
        time_zone=conditions.time_zone,
        granularity=granularity,
        is_sqlite=reader.database.is_sqlite,
        between=(conditions.start, conditions.end),
    )
    period = await asyncio.to_thread(build) if reader.database.is_sqlite else build()
    # Grouping an outer query by the inner column keeps PostgreSQL from comparing two
    # differently-bound copies of the same expression in SELECT and GROUP BY.
    per_call = (
        select(period.label("period_start"), _calls.c.id, _calls.c.duration_seconds)
        .select_from(_calls.join(_users, _users.c.id == _calls.c.user_id))
        .where(*_counted(conditions, "inDashboardByPeriod"))
        .subquery()
    )
    rows = await reader.rows(
        select(per_call.c.period_start, *_sums(per_call))
        .group_by(per_call.c.period_start)
        .order_by(per_call.c.period_start)
    )
    return [
        PeriodTotals(
            period_start=local_period_start(row.period_start, conditions.time_zone),
            call_count=int(row.call_count),
            total_duration_seconds=int(row.total_duration_seconds),
        )
        for row in rows
    ]
