"""Calendar days and periods of instants in a time zone, computed in Python.

``local_period_start`` is the reference the SQL bucketing of resolvers/periods.py is
tested against on both databases; ``local_day`` is ``roster_local_day``, the function
SQLite's rollup triggers call (db/rollup_triggers.py; db/engine.py registers it).
"""

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_period_start(started_at: str | None, time_zone: str, granularity: str) -> str | None:
    """The start of the calendar day, ISO week or month holding ``started_at`` in ``time_zone``.

    Returns the local wall-clock start as ``YYYY-MM-DD HH:MM:SS`` (naive, local), the same
    shape PostgreSQL's ``date_trunc(g, ts AT TIME ZONE tz)`` gives.
    """
    if started_at is None:
        return None
    moment = datetime.fromisoformat(started_at).replace(tzinfo=UTC).astimezone(_zone(time_zone))
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    if granularity == "week":
        day -= timedelta(days=day.weekday())
    elif granularity == "month":
        day = day.replace(day=1)
    return day.strftime("%Y-%m-%d %H:%M:%S")


def local_day(started_at: str | None, time_zone: str | None) -> str | None:
    """The calendar day (``YYYY-MM-DD``) in ``time_zone`` of the naive-UTC ``started_at``."""
    if started_at is None or time_zone is None:
        return None
    moment = datetime.fromisoformat(started_at).replace(tzinfo=UTC).astimezone(_zone(time_zone))
    return moment.date().isoformat()


def register(dbapi_connection: Any) -> None:
    """Make roster's functions callable from SQL on a SQLite connection."""
    dbapi_connection.create_function("roster_local_day", 2, local_day, deterministic=True)
