"""Calendar periods in a tenant's time zone, as SQL both backends group by."""

import math
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, DateTime, String, case, cast, func, literal_column


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
# The longest [from, to) a table by period may span: its SQL holds one branch per offset
# change in the window, and finding those changes costs time in Python (on SQLite).
MAX_PERIOD_WINDOW = timedelta(days=3660)


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


def day_period_start_sql(
    local_day: Any, *, granularity: Granularity, is_sqlite: bool
) -> ColumnElement[Any]:
    """The local wall-clock start of the period holding the DATE ``local_day`` column: the
    same value ``period_start_sql`` gives any instant of that day."""
    if is_sqlite:
        return func.datetime(local_day, *_SQLITE_TRUNCATE[granularity], type_=String)
    # The unit as SQL text, not a parameter: the outer query groups by this column.
    unit: ColumnElement[str] = literal_column(f"'{_UNIT[granularity]}'")
    return func.date_trunc(unit, cast(local_day, DateTime), type_=DateTime)


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


# Instants whose local time is representable in every zone (offsets stay within a day).
_SCAN_FROM = datetime.min.replace(tzinfo=UTC) + timedelta(days=2)
_SCAN_TO = datetime.max.replace(tzinfo=UTC) - timedelta(days=2)


def _clamped(moment: datetime) -> datetime:
    return min(max(moment.astimezone(UTC), _SCAN_FROM), _SCAN_TO)


@lru_cache(maxsize=16_384)
def _changes_in_year(time_zone: str, year: int) -> tuple[tuple[datetime, int], ...]:
    """``(instant, new offset)`` of each change of the zone's UTC offset in a UTC year.

    Scanning a year costs about 1,500 conversions; cached, a window pays it once per
    zone and year, however many requests ask.
    """
    zone = _zone(time_zone)
    moment = _clamped(datetime(year, 1, 1, tzinfo=UTC))
    end = _SCAN_TO if year == datetime.max.year else _clamped(datetime(year + 1, 1, 1, tzinfo=UTC))
    offset = _offset_at(zone, moment)
    changes: list[tuple[datetime, int]] = []
    while moment < end:
        step = moment + _OFFSET_SCAN_STEP if end - moment > _OFFSET_SCAN_STEP else end
        if _offset_at(zone, step) == offset:
            moment = step
            continue
        # The offset changed in (moment, step]; zones change it on a whole second.
        low, high = math.floor(moment.timestamp()), math.ceil(step.timestamp())
        while high - low > 1:
            middle = (low + high) // 2
            if _offset_at(zone, datetime.fromtimestamp(middle, UTC)) == offset:
                low = middle
            else:
                high = middle
        moment = datetime.fromtimestamp(high, UTC)
        offset = _offset_at(zone, moment)
        changes.append((moment, offset))
    return tuple(changes)


def utc_offsets(time_zone: str, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """``(from, offset in seconds)`` for each stretch of one UTC offset in [start, end).

    The work grows with the years the window spans: callers bound the window
    (``MAX_PERIOD_WINDOW``).
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    stretches = [(start, _offset_at(_zone(time_zone), _clamped(start)))]
    for year in range(start.year, end.year + 1):
        for moment, offset in _changes_in_year(time_zone, year):
            if start < moment < end:
                stretches.append((moment, offset))
    return stretches


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_period_start(value: datetime | str, time_zone: str) -> datetime:
    """A period start as SQL returned it (naive, local), made aware in ``time_zone``."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=_zone(time_zone))
