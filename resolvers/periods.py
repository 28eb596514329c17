"""Calendar periods in a tenant's time zone, as SQL both backends group by."""

from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, DateTime, String, func


class Granularity(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"  # ISO weeks: Monday to Sunday
    MONTH = "MONTH"


_UNIT = {Granularity.DAY: "day", Granularity.WEEK: "week", Granularity.MONTH: "month"}


def period_start_sql(
    started_at: Any, *, time_zone: str, granularity: Granularity, is_sqlite: bool
) -> ColumnElement[Any]:
    """The local wall-clock start of the period holding the UTC ``started_at`` column."""
    unit = _UNIT[granularity]
    if is_sqlite:
        # db/sqlite_functions.py registers it on every connection.
        return func.roster_period_start(started_at, time_zone, unit, type_=String)
    # Columns hold naive UTC: read them as UTC, then as wall-clock time in the zone.
    local = func.timezone(time_zone, func.timezone("UTC", started_at))
    return func.date_trunc(unit, local, type_=DateTime)


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_period_start(value: datetime | str, time_zone: str) -> datetime:
    """A period start as SQL returned it (naive, local), made aware in ``time_zone``."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=_zone(time_zone))
