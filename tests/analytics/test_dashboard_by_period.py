"""Table (By day, By week, By month): calendar buckets in the tenant's time zone."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, UserStatus
from tests.factories import caller_of, make_call, make_tenant, make_user
from tests.graphql import data_of

QUERY = """query ($from: DateTime!, $to: DateTime!) {
  dashboard(from: $from, to: $to) {
    day: byPeriod(granularity: DAY) { periodStart callCount totalDurationSeconds }
    week: byPeriod(granularity: WEEK) { periodStart callCount totalDurationSeconds }
    month: byPeriod(granularity: MONTH) { periodStart callCount totalDurationSeconds }
  }
}"""
NOVEMBER_TO_YEAR_END = {"from": "2026-11-01T00:00:00+09:00", "to": "2027-01-01T00:00:00+09:00"}


def row(period_start: str, call_count: int, seconds: int) -> dict[str, object]:
    return {"periodStart": period_start, "callCount": call_count, "totalDurationSeconds": seconds}


async def test_sunday_2330_utc_is_monday_in_tokyo_and_deactivated_calls_count(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    # Sunday 2026-11-22 23:30 UTC is Monday 2026-11-23 08:30 in Tokyo.
    await make_call(
        database,
        ann,
        CallDirection.OUTBOUND,
        datetime(2026, 11, 22, 23, 30, tzinfo=UTC),
        duration_seconds=60,
    )
    # Sunday 23:00 in Tokyo: stays in the week that began on Monday 2026-11-16.
    await make_call(
        database,
        bob,
        CallDirection.INBOUND,
        datetime(2026, 11, 22, 14, 0, tzinfo=UTC),
        duration_seconds=120,
    )
    # Monday 2026-11-30 15:30 UTC is Tuesday 2026-12-01 00:30 in Tokyo: December there.
    await make_call(
        database,
        ann,
        CallDirection.INBOUND,
        datetime(2026, 11, 30, 15, 30, tzinfo=UTC),
        duration_seconds=30,
    )

    data = await data_of(database, caller_of(admin, acme), QUERY, NOVEMBER_TO_YEAR_END)

    assert data == {
        "dashboard": {
            "day": [
                row("2026-11-22T00:00:00+09:00", 1, 120),
                row("2026-11-23T00:00:00+09:00", 1, 60),
                row("2026-12-01T00:00:00+09:00", 1, 30),
            ],
            "week": [
                row("2026-11-16T00:00:00+09:00", 1, 120),
                row("2026-11-23T00:00:00+09:00", 1, 60),
                row("2026-11-30T00:00:00+09:00", 1, 30),
            ],
            "month": [
                row("2026-11-01T00:00:00+09:00", 2, 180),
                row("2026-12-01T00:00:00+09:00", 1, 30),
            ],
        }
    }


async def test_buckets_follow_the_tenants_own_time_zone(database):
    nyc = await make_tenant(database, "nyc", time_zone="America/New_York")
    admin = await make_user(database, nyc, "Ada Admin", role=Role.ADMIN)
    # The same instant is still Sunday evening in New York (UTC-5 in November).
    await make_call(
        database,
        admin,
        CallDirection.OUTBOUND,
        datetime(2026, 11, 22, 23, 30, tzinfo=UTC),
        duration_seconds=45,
    )
    # And 2026-11-01 03:30 UTC is 2026-10-31 23:30 (UTC-4, before DST ended): October there.
    await make_call(
        database,
        admin,
        CallDirection.OUTBOUND,
        datetime(2026, 11, 1, 3, 30, tzinfo=UTC),
        duration_seconds=15,
    )

    data = await data_of(
        database,
        caller_of(admin, nyc),
        QUERY,
        {"from": "2026-10-01T00:00:00-04:00", "to": "2026-12-01T00:00:00-05:00"},
    )

    assert data == {
        "dashboard": {
            "day": [
                row("2026-10-31T00:00:00-04:00", 1, 15),
                row("2026-11-22T00:00:00-05:00", 1, 45),
            ],
            "week": [
                row("2026-10-26T00:00:00-04:00", 1, 15),
                row("2026-11-16T00:00:00-05:00", 1, 45),
            ],
            "month": [
                row("2026-10-01T00:00:00-04:00", 1, 15),
                row("2026-11-01T00:00:00-04:00", 1, 45),
            ],
        }
    }
