"""The Call Center report: calls per user in a period, aggregated by the database."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, case, func, select

from db.enums import CallDirection
from db.models import Call, User
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]
_calls = Call.__table__  # type: ignore[attr-defined]


def _count_of(direction: CallDirection) -> Any:
    return func.coalesce(func.sum(case((_calls.c.direction == direction, 1), else_=0)), 0)


async def call_center_report(
    reader: Reader, *, tenant_id: int, start: datetime, end: datetime
) -> Sequence[Row[Any]]:
    """One row per user the report shows for [start, end), by display name then id.

    Each row has the user's columns plus ``inbound_count``, ``outbound_count`` and
    ``total_talk_seconds``; users without calls in the period count zero.
    """
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
