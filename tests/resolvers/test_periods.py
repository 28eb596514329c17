"""SQLite's built-in date functions bucket calls exactly as the Python reference does."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from db.sqlite_functions import local_period_start
from db.types import UTCDateTime
from resolvers.periods import Granularity, period_start_sql, utc_offsets

START = datetime(2025, 1, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)
UNITS = {Granularity.DAY: "day", Granularity.WEEK: "week", Granularity.MONTH: "month"}


def _instants(time_zone: str) -> list[datetime]:
    """Every 7 h 13 min 17.25 s over two years, and a second around each offset change."""
    moments = []
    moment = START
    while moment < END:
        moments.append(moment)
        moment += timedelta(hours=7, minutes=13, seconds=17.25)
    for change, _ in utc_offsets(time_zone, START, END)[1:]:
        moments += [change - timedelta(seconds=1), change - timedelta(microseconds=1), change]
        moments += [change + timedelta(microseconds=500_000)]
    return moments


@pytest.mark.parametrize(
    "time_zone",
    ["Asia/Tokyo", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"],
)
@pytest.mark.parametrize("granularity", list(Granularity))
def test_builtin_periods_equal_the_python_reference(tmp_path, time_zone, granularity):
    engine = create_engine(f"sqlite:///{tmp_path / 'periods.db'}")
    table = Table(
        "calls",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("started_at", UTCDateTime()),
    )
    table.metadata.create_all(engine)
    moments = _instants(time_zone)
    period = period_start_sql(
        table.c.started_at,
        time_zone=time_zone,
        granularity=granularity,
        is_sqlite=True,
        between=(START, END),
    )
    with engine.begin() as connection:
        connection.execute(insert(table), [{"started_at": moment} for moment in moments])
        rows = connection.execute(
            select(table.c.id, period.label("period_start")).order_by(table.c.id)
        ).all()
        stored = connection.exec_driver_sql("SELECT started_at FROM calls ORDER BY id").all()
    engine.dispose()

    expected = [local_period_start(text, time_zone, UNITS[granularity]) for (text,) in stored]
    assert [row.period_start for row in rows] == expected
    assert len(set(expected)) > 1


def test_offsets_change_where_the_zone_does():
    assert utc_offsets("America/New_York", START, datetime(2025, 12, 1, tzinfo=UTC)) == [
        (START, -5 * 3600),
        (datetime(2025, 3, 9, 7, 0, tzinfo=UTC), -4 * 3600),
        (datetime(2025, 11, 2, 6, 0, tzinfo=UTC), -5 * 3600),
    ]
    assert utc_offsets("Asia/Tokyo", START, END) == [(START, 9 * 3600)]
