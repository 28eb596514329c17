"""Calendar periods in a tenant's time zone, as SQL both backends group by."""

import math
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, DateTime, String, case, func


class Granularity(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"  # ISO weeks: Monday to Sunday
    MONTH = "MONTH"


_UNIT = {Granularity.DAY: "day", Granularity.WEEK: "week", Granularity.MONTH: "month"}
# SQLite date modifiers that take a local wall-clock time to the start of its period;
# a week starts on the Monday on or before the day.
_SQLITE_TRUNCATE = {
    Granularity.DAY: ("start of day",),
    Granularity.WEEK: ("start of day", "-6 days", "weekday 1"),
    Granularity.MONTH: ("start of month",),
}
# No zone changes its offset twice within this step.
_OFFSET_SCAN_STEP = timedelta(hours=6)


def period_start_sql(
    started_at: Any,
    *,
    time_zone: str,
    granularity: Granularity,
    is_sqlite: bool,
    between: tuple[datetime, datetime],
) -> ColumnElement[Any]:
    """The local wall-clock start of the period holding the UTC ``started_at`` column.

    On SQLite, ``between`` (the aware instants the query keeps) lets SQLite's own date
    functions do it, one offset per stretch of the zone's time in that range.
    """
    unit = _UNIT[granularity]
    if is_sqlite:
        return _sqlite_period_start(started_at, time_zone, granularity, between)
    # Columns hold naive UTC: read them as UTC, then as wall-clock time in the zone.
    local = func.timezone(time_zone, func.timezone("UTC", started_at))
    return func.date_trunc(unit, local, type_=DateTime)


def _sqlite_period_start(
    started_at: Any, time_zone: str, granularity: Granularity, between: tuple[datetime, datetime]
) -> ColumnElement[Any]:
    truncate = _SQLITE_TRUNCATE[granularity]

    def local_start(offset_seconds: int) -> ColumnElement[Any]:
        return func.datetime(started_at, f"{offset_seconds:+d} seconds", *truncate, type_=String)

    stretches = utc_offsets(time_zone, *between)
    _, last_offset = stretches[-1]
    if len(stretches) == 1:
        return local_start(last_offset)
    return case(
        *(
            (started_at < until, local_start(offset))
            for (_, offset), (until, _) in pairwise(stretches)
        ),
        else_=local_start(last_offset),
    )


def _offset_at(zone: ZoneInfo, moment: datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


def utc_offsets(time_zone: str, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """``(from, offset in seconds)`` for each stretch of one UTC offset in [start, end)."""
    zone = _zone(time_zone)
    moment = start.astimezone(UTC)
    end = end.astimezone(UTC)
    stretches = [(moment, _offset_at(zone, moment))]
    while moment < end:
        step = min(moment + _OFFSET_SCAN_STEP, end)
        if _offset_at(zone, step) == stretches[-1][1]:
            moment = step
            continue
        # The offset changed in (moment, step]; zones change it on a whole second.
        low, high = math.floor(moment.timestamp()), math.ceil(step.timestamp())
        while high - low > 1:
            middle = (low + high) // 2
            if _offset_at(zone, datetime.fromtimestamp(middle, UTC)) == stretches[-1][1]:
                low = middle
            else:
                high = middle
        moment = datetime.fromtimestamp(high, UTC)
        stretches.append((moment, _offset_at(zone, moment)))
    return stretches


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_period_start(value: datetime | str, time_zone: str) -> datetime:
    """A period start as SQL returned it (naive, local), made aware in ``time_zone``."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=_zone(time_zone))
