"""Mention suggestions and the dashboard, with the statements roster's resolvers run."""

from datetime import datetime
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bench.raw.auth import RawCaller
from bench.raw.values import bound, global_id, stored
from db.folding import fold
from resolvers.periods import utc_offsets

MENTION_LIMIT = 10

_SUGGESTIONS = text(
    "SELECT id, display_name, email FROM users "
    "WHERE tenant_id = :tenant AND status = 'ACTIVE' "
    "AND (display_name_folded LIKE '%' || :fragment || '%' ESCAPE '/' "
    "OR email_folded LIKE '%' || :fragment || '%' ESCAPE '/') "
    "ORDER BY display_name, id LIMIT :limit"
)
_OVERVIEW = text(
    "SELECT count(calls.id), coalesce(sum(calls.duration_seconds), 0) FROM calls "
    "JOIN users ON users.id = calls.user_id "
    "WHERE calls.tenant_id = :tenant AND calls.started_at >= :start AND calls.started_at < :end "
    "AND users.tenant_id = :tenant"
)
_BY_USER = text(
    "SELECT users.id, users.display_name, count(calls.id) AS call_count, "
    "coalesce(sum(calls.duration_seconds), 0) AS total FROM users "
    "LEFT JOIN calls ON calls.user_id = users.id AND calls.tenant_id = :tenant "
    "AND calls.started_at >= :start AND calls.started_at < :end "
    "WHERE users.tenant_id = :tenant AND users.status = 'ACTIVE' "
    "GROUP BY users.id ORDER BY users.display_name, users.id"
)
_BY_DAY = (
    "SELECT {day} AS day, count(calls.id), coalesce(sum(calls.duration_seconds), 0) "
    "FROM calls JOIN users ON users.id = calls.user_id "
    "WHERE calls.tenant_id = :tenant AND calls.started_at >= :start AND calls.started_at < :end "
    "AND users.tenant_id = :tenant GROUP BY day ORDER BY day"
)


def _local_day(dialect: str, time_zone: str, start: datetime, end: datetime) -> str:
    """SQL for the local midnight starting each call's day: one UTC offset per stretch."""

    def day(offset: int) -> str:
        if dialect == "sqlite":
            return f"datetime(calls.started_at, '{offset:+d} seconds', 'start of day')"
        return f"date_trunc('day', calls.started_at + interval '{offset:d} seconds')"

    stretches = utc_offsets(time_zone, start, end)
    if len(stretches) == 1:
        return day(stretches[0][1])
    whens = " ".join(
        f"WHEN calls.started_at < '{stored(until)}' THEN {day(offset)}"
        for (_, offset), (until, _) in pairwise(stretches)
    )
    return f"CASE {whens} ELSE {day(stretches[-1][1])} END"


def _naive(day: str | datetime) -> datetime:
    """SQLite answers the local midnight as text, PostgreSQL as a timestamp."""
    return day if isinstance(day, datetime) else datetime.fromisoformat(day)


def _escaped(fragment: str) -> str:
    return fragment.replace("/", "//").replace("%", "/%").replace("_", "/_")


async def mention_suggestions(
    connection: AsyncConnection, caller: RawCaller, *, query: str
) -> dict[str, Any]:
    rows = await connection.execute(
        _SUGGESTIONS,
        {
            "tenant": caller.tenant_id,
            "fragment": _escaped(fold(query.strip())),
            "limit": MENTION_LIMIT,
        },
    )
    return {
        "mentionSuggestions": [
            {
                "id": global_id("User", row.id),
                "displayName": row.display_name,
                "email": row.email,
                "mentionable": True,
            }
            for row in rows
        ]
    }


async def dashboard(
    connection: AsyncConnection, caller: RawCaller, *, start: datetime, end: datetime
) -> dict[str, Any]:
    window = {
        "tenant": caller.tenant_id,
        "start": bound(connection, start),
        "end": bound(connection, end),
    }
    count, duration = (await connection.execute(_OVERVIEW, window)).one()
    by_user = [
        {
            "user": {"id": global_id("User", row.id), "displayName": row.display_name},
            "callCount": row.call_count,
            "totalDurationSeconds": row.total,
        }
        for row in await connection.execute(_BY_USER, window)
    ]
    zone = ZoneInfo(caller.time_zone)
    by_day = [
        {
            "periodStart": _naive(day).replace(tzinfo=zone),
            "callCount": calls,
            "totalDurationSeconds": seconds,
        }
        for day, calls, seconds in await connection.execute(
            text(
                _BY_DAY.format(
                    day=_local_day(connection.dialect.name, caller.time_zone, start, end)
                )
            ),
            window,
        )
    ]
    return {
        "dashboard": {
            "overview": {"callCount": count, "totalDurationSeconds": duration},
            "byUser": by_user,
            "byPeriod": by_day,
        }
    }
