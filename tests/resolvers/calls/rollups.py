"""call_rollups as rows, and what they must hold, worked out in Python from the calls."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.engine import Database
from db.models import CallRollup
from resolvers.calls.records import CallRecord

Rollup = tuple[int, date, int, int, int, int, int]


async def rollup_rows(database: Database) -> list[Rollup]:
    table = CallRollup.__table__  # type: ignore[attr-defined]
    async with database.session() as session:
        rows = await session.execute(
            select(
                table.c.tenant_id,
                table.c.local_day,
                table.c.user_id,
                table.c.inbound_count,
                table.c.inbound_seconds,
                table.c.outbound_count,
                table.c.outbound_seconds,
            ).order_by(table.c.tenant_id, table.c.local_day, table.c.user_id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def expected_rollups(tenant_id: int, time_zone: str, calls: Iterable[CallRecord]) -> list[Rollup]:
    """Per local day of ``time_zone`` and user: inbound and outbound counts and seconds."""
    zone = ZoneInfo(time_zone)
    sums: dict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for call in calls:
        assert call.user_id is not None
        row = sums[(call.started_at.astimezone(zone).date(), call.user_id)]
        offset = 0 if call.direction == "INBOUND" else 2
        row[offset] += 1
        row[offset + 1] += call.duration_seconds
    return [(tenant_id, day, user, *values) for (day, user), values in sorted(sums.items())]  # type: ignore[misc]
