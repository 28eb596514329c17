"""The raw-scan computations the rollup reads must equal: every call of the window scanned.

These are the dashboard, Call Center report and had-calls reads as they were before they
read rollups (one GROUP BY over ``calls`` each); the equivalence tests hold the product's
answers to them.
"""

import asyncio
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, func, or_, select, true

from db.enums import CallDirection
from db.models import Call, GroupMembership, User, UserGroup
from resolvers.dashboard import DashboardConditions, PeriodTotals, Totals, UserTotals
from resolvers.periods import Granularity, local_period_start, period_start_sql
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_calls = Call.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]
_groups = UserGroup.__table__  # type: ignore[attr-defined]
_memberships = GroupMembership.__table__  # type: ignore[attr-defined]


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


def _count_of(direction: CallDirection) -> Any:
    return func.coalesce(func.sum(case((_calls.c.direction == direction, 1), else_=0)), 0)


async def call_center_report(
    reader: Reader, *, tenant_id: int, start: datetime, end: datetime
) -> Sequence[Row[Any]]:
    calls_in_period = and_(
        _calls.c.user_id == _users.c.id,
        _calls.c.tenant_id == tenant_id,
        _calls.c.started_at >= start,
        _calls.c.started_at < end,
    )
    return await reader.rows(
        select(
            _users,
            _count_of(CallDirection.INBOUND).label("inbound_count"),
            _count_of(CallDirection.OUTBOUND).label("outbound_count"),
            func.coalesce(func.sum(_calls.c.duration_seconds), 0).label("total_talk_seconds"),
        )
        .select_from(_users.outerjoin(_calls, calls_in_period))
        .where(_users.c.tenant_id == tenant_id)
        .group_by(_users.c.id)
        .having(listed_users("inCallCenterReport", had_calls_in_period=func.count(_calls.c.id) > 0))
        .order_by(_users.c.display_name, _users.c.id)
    )


async def users_with_calls(
    reader: Reader, *, tenant_id: int, start: datetime, end: datetime
) -> set[int]:
    """The users of the tenant who made or answered a call in [start, end)."""
    rows = await reader.rows(
        select(_calls.c.user_id)
        .where(
            _calls.c.tenant_id == tenant_id,
            _calls.c.started_at >= start,
            _calls.c.started_at < end,
        )
        .distinct()
    )
    return {row.user_id for row in rows}
