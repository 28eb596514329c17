"""The Call Center report: calls per user in a period, aggregated by the database.

The period's calls are rollup rows for its whole local days plus raw calls of the partial
days at its edges (resolvers/calls/window_calls.py), summed per user before the users
are joined.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select

from db.models import User
from resolvers.calls.window import split_window
from resolvers.calls.window_calls import calls_in_window, per_user
from resolvers.reader import Reader
from resolvers.visibility import listed_users

_users = User.__table__  # type: ignore[attr-defined]


async def call_center_report(
    reader: Reader, *, tenant_id: int, time_zone: str, start: datetime, end: datetime
) -> Sequence[Row[Any]]:
    """One row per user the report shows for [start, end), by display name then id.

    Each row has the user's columns plus ``inbound_count``, ``outbound_count`` and
    ``total_talk_seconds``; users without calls in the period count zero. ``time_zone`` is
    the tenant's: its local days are what the rollups hold.
    """
    sums = per_user(calls_in_window(split_window(time_zone, start, end), tenant_id=tenant_id))
    had_calls = func.coalesce(sums.c.call_count, 0) > 0
    return await reader.rows(
        select(
            _users,
            func.coalesce(sums.c.inbound_count, 0).label("inbound_count"),
            func.coalesce(sums.c.outbound_count, 0).label("outbound_count"),
            func.coalesce(sums.c.talk_seconds, 0).label("total_talk_seconds"),
        )
        .select_from(_users.outerjoin(sums, sums.c.user_id == _users.c.id))
        .where(
            _users.c.tenant_id == tenant_id,
            listed_users("inCallCenterReport", had_calls_in_period=had_calls),
        )
        .order_by(_users.c.display_name, _users.c.id)
    )
