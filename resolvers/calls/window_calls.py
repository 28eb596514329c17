"""The calls of a window as rows the reads GROUP BY: rollup days plus raw edge calls.

Each row is one user's calls of one rollup day, or one raw call of a partial day at the
window's edges (resolvers/calls/window.py cuts the window); both carry the same columns,
so a figure sums them without knowing which is which:

- ``user_id``; ``period_start`` when bucketed (a rollup row's is the period of its local
  day, a raw call's the period of its instant, both as resolvers/periods.py gives them);
- ``inbound_count``, ``outbound_count``, ``talk_seconds``.

``per_user`` sums them first, one row per user: joining the users to 5,000 sums instead
of 130,000 day rows made the dashboard's user table 2.8x faster on PostgreSQL (the
planner does not aggregate below a join by itself).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, case, func, or_, select, union_all

from db.enums import CallDirection
from db.models import Call, CallRollup
from resolvers.calls.window import WindowSplit
from resolvers.periods import Granularity, day_period_start_sql, period_start_sql

_calls = Call.__table__  # type: ignore[attr-defined]
_rollups = CallRollup.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Bucketing:
    """Rows carry the local calendar period (of the tenant's zone) they fall in."""

    granularity: Granularity
    time_zone: str
    is_sqlite: bool


def _count_of(direction: CallDirection) -> ColumnElement[int]:
    return case((_calls.c.direction == direction, 1), else_=0)


def raw_calls(
    tenant_id: Any,
    ranges: Sequence[tuple[Any, Any]],
    *,
    user_ids: Any = None,
    period: ColumnElement[Any] | None = None,
    extra: Sequence[ColumnElement[Any]] = (),
) -> Select[Any]:
    """One row per call of the tenant started in any of the [from, to) ``ranges``."""
    columns: list[ColumnElement[Any]] = [_calls.c.user_id, *extra]
    if period is not None:
        columns.append(period.label("period_start"))
    started = [
        (_calls.c.started_at >= since) & (_calls.c.started_at < until) for since, until in ranges
    ]
    statement = select(
        *columns,
        _count_of(CallDirection.INBOUND).label("inbound_count"),
        _count_of(CallDirection.OUTBOUND).label("outbound_count"),
        _calls.c.duration_seconds.label("talk_seconds"),
    ).where(_calls.c.tenant_id == tenant_id, or_(*started))
    if user_ids is not None:
        statement = statement.where(_calls.c.user_id.in_(user_ids))
    return statement


def rollup_days(
    tenant_id: Any,
    first_day: date | Any,
    end_day: date | Any,
    *,
    user_ids: Any = None,
    period: ColumnElement[Any] | None = None,
    extra: Sequence[ColumnElement[Any]] = (),
) -> Select[Any]:
    """One row per user and local day of the tenant in [first_day, end_day) with calls."""
    columns: list[ColumnElement[Any]] = [_rollups.c.user_id, *extra]
    if period is not None:
        columns.append(period.label("period_start"))
    statement = select(
        *columns,
        _rollups.c.inbound_count,
        _rollups.c.outbound_count,
        (_rollups.c.inbound_seconds + _rollups.c.outbound_seconds).label("talk_seconds"),
    ).where(
        _rollups.c.tenant_id == tenant_id,
        _rollups.c.local_day >= first_day,
        _rollups.c.local_day < end_day,
    )
    if user_ids is not None:
        statement = statement.where(_rollups.c.user_id.in_(user_ids))
    return statement


def calls_in_window(
    split: WindowSplit,
    *,
    tenant_id: int,
    user_ids: Sequence[int] | None = None,
    bucketing: Bucketing | None = None,
) -> Subquery:
    """The window's calls of the tenant (of ``user_ids`` only, when given) as rows."""
    raw_period = day_period = None
    if bucketing is not None:
        raw_period = period_start_sql(
            _calls.c.started_at,
            time_zone=bucketing.time_zone,
            granularity=bucketing.granularity,
            is_sqlite=bucketing.is_sqlite,
            between=(split.start, split.end),
        )
        day_period = day_period_start_sql(
            _rollups.c.local_day, granularity=bucketing.granularity, is_sqlite=bucketing.is_sqlite
        )
    if not split.has_days:
        return raw_calls(
            tenant_id, [(split.start, split.end)], user_ids=user_ids, period=raw_period
        ).subquery("window_calls")
    edges = [
        (since, until)
        for since, until in ((split.start, split.days_start), (split.days_end, split.end))
        if since < until  # type: ignore[operator]
    ]
    days = rollup_days(
        tenant_id, split.first_day, split.end_day, user_ids=user_ids, period=day_period
    )
    if not edges:
        return days.subquery("window_calls")
    edge_calls = raw_calls(tenant_id, edges, user_ids=user_ids, period=raw_period)
    return union_all(days, edge_calls).subquery("window_calls")


def per_user(calls: Subquery) -> Subquery:
    """One row per user with calls in the window: ``user_id``, ``inbound_count``,
    ``outbound_count``, ``call_count`` and ``talk_seconds``, summed."""
    inbound = func.sum(calls.c.inbound_count)
    outbound = func.sum(calls.c.outbound_count)
    return (
        select(
            calls.c.user_id,
            inbound.label("inbound_count"),
            outbound.label("outbound_count"),
            (inbound + outbound).label("call_count"),
            func.sum(calls.c.talk_seconds).label("talk_seconds"),
        )
        .group_by(calls.c.user_id)
        .subquery("calls_per_user")
    )
