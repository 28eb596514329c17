"""The Call Center report: one GROUP BY."""

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bench.raw.auth import RawCaller
from bench.raw.values import bound, global_id

_REPORT = text(
    "SELECT users.id, users.display_name, users.status, "
    "coalesce(sum(CASE WHEN calls.direction = 'INBOUND' THEN 1 ELSE 0 END), 0) AS inbound, "
    "coalesce(sum(CASE WHEN calls.direction = 'OUTBOUND' THEN 1 ELSE 0 END), 0) AS outbound, "
    "coalesce(sum(calls.duration_seconds), 0) AS talk FROM users "
    "LEFT JOIN calls ON calls.user_id = users.id AND calls.tenant_id = :tenant "
    "AND calls.started_at >= :start AND calls.started_at < :end "
    "WHERE users.tenant_id = :tenant GROUP BY users.id "
    "HAVING users.status = 'ACTIVE' OR count(calls.id) > 0 "
    "ORDER BY users.display_name, users.id"
)


async def call_center_report(
    connection: AsyncConnection, caller: RawCaller, *, start: datetime, end: datetime
) -> dict[str, Any]:
    window = {
        "tenant": caller.tenant_id,
        "start": bound(connection, start),
        "end": bound(connection, end),
    }
    return {
        "callCenterReport": [
            {
                "user": {
                    "id": global_id("User", row.id),
                    "displayName": row.display_name,
                    "active": row.status == "ACTIVE",
                },
                "inboundCount": row.inbound,
                "outboundCount": row.outbound,
                "totalTalkSeconds": row.talk,
            }
            for row in await connection.execute(_REPORT, window)
        ]
    }
