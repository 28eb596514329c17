"""Reads from rollups plus raw edges equal the raw scan of every call, for any window.

One tenant per zone holds a few hundred calls over ~400 days (local midnights, clock
changes and the seconds beside them included); hypothesis draws windows on and off local
midnight, one second long, inside a day, across clock changes, over months. Every figure
of the dashboard, the Call Center report and the had-calls facts must equal the raw scan
(tests/analytics/raw_scan_oracle.py) exactly, on SQLite and PostgreSQL.

Hypothesis drives a synchronous test, so the checks run in a thread with an event loop
and an engine of their own over the test's database.
"""

import asyncio
import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.engine import Database
from db.enums import CallDirection, Role, UserStatus
from db.models import Call, Tenant, User
from resolvers import dashboard
from resolvers.call_center_report import call_center_report
from resolvers.loaders.call_center import HadCallsByUserPeriodLoader, user_period
from resolvers.periods import Granularity, utc_offsets
from resolvers.reader import Reader
from tests.analytics import raw_scan_oracle as oracle
from tests.factories import add

ZONES = [
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Asia/Tokyo",
    "UTC",
]
SPAN_START = datetime(2025, 9, 1, tzinfo=UTC)
SPAN_DAYS = 400
SPAN_END = SPAN_START + timedelta(days=SPAN_DAYS)


def _interesting_instants(zone_name: str) -> list[datetime]:
    """Local midnights of every day of the span, the zone's clock changes, and the
    seconds either side of each."""
    zone = ZoneInfo(zone_name)
    first = SPAN_START.astimezone(zone).date()
    midnights = [
        datetime.combine(first + timedelta(days=day), time(), tzinfo=zone).astimezone(UTC)
        for day in range(SPAN_DAYS)
    ]
    changes = [moment for moment, _ in utc_offsets(zone_name, SPAN_START, SPAN_END)[1:]]
    second = timedelta(seconds=1)
    return sorted({m + d for m in midnights + changes for d in (-second, timedelta(), second)})


async def _world(database: Database, zone_name: str) -> tuple[int, list[int], list[datetime]]:
    """The tenant of ``zone_name`` with ten users (two deactivated, one admin) and their
    calls, beside another tenant whose calls must never count; (tenant id, user ids,
    interesting instants)."""
    rng = random.Random(f"rollups-{zone_name}")
    tenant, other = await add(
        database,
        Tenant(slug="acme", name="Acme", time_zone=zone_name),
        Tenant(slug="globex", name="Globex", time_zone="Asia/Tokyo"),
    )
    users = await add(
        database,
        *(
            User(
                tenant_id=tenant.id,
                email=f"user{index}@acme.example",
                display_name=f"User {index % 7}",  # shared names: ties broken by id
                role=Role.ADMIN if index == 0 else Role.MEMBER,
                status=UserStatus.DEACTIVATED if index >= 8 else UserStatus.ACTIVE,
                deactivated_at=SPAN_START if index >= 8 else None,
            )
            for index in range(10)
        ),
        User(tenant_id=other.id, email="x@globex.example", display_name="X"),
    )
    *ours, stranger = users
    instants = _interesting_instants(zone_name)
    span_seconds = SPAN_DAYS * 86_400
    moments = [rng.choice(instants) for _ in range(300)] + [
        SPAN_START + timedelta(seconds=rng.randrange(span_seconds)) for _ in range(300)
    ]
    calls = [
        Call(
            tenant_id=tenant.id,
            user_id=rng.choice(ours).id,
            direction=rng.choice(list(CallDirection)),
            started_at=moment,
            duration_seconds=rng.choice([0, 1, rng.randrange(3_600)]),
            counterpart_number="+81300000000",
        )
        for moment in moments
    ] + [
        Call(
            tenant_id=other.id,
            user_id=stranger.id,
            direction=CallDirection.INBOUND,
            started_at=moment,
            duration_seconds=7,
            counterpart_number="+81300000001",
        )
        for moment in moments[::5]
    ]
    await add(database, *calls)
    return tenant.id, [user.id for user in ours], instants


def _windows(instants: list[datetime]) -> st.SearchStrategy[tuple[datetime, datetime]]:
    span = SPAN_DAYS * 86_400
    anchor = st.one_of(
        st.sampled_from(instants),
        st.integers(-86_400, span + 86_400).map(lambda s: SPAN_START + timedelta(seconds=s)),
    )
    length = st.one_of(
        st.just(timedelta(seconds=1)),
        st.integers(1, 86_399).map(lambda s: timedelta(seconds=s)),
        st.integers(1, 3).map(lambda d: timedelta(days=d)),
        st.integers(86_401, 120 * 86_400).map(lambda s: timedelta(seconds=s)),
    )
    by_length = st.tuples(anchor, length).map(lambda pair: (pair[0], pair[0] + pair[1]))
    between = st.tuples(st.sampled_from(instants), st.sampled_from(instants)).map(sorted)
    return st.one_of(by_length, between.map(tuple))  # type: ignore[arg-type]


async def _assert_equal(
    database: Database,
    conditions: dashboard.DashboardConditions,
    user_ids: list[int],
    other_window: tuple[datetime, datetime],
) -> None:
    reader = Reader(database)
    try:
        assert await dashboard.overview(reader, conditions) == await oracle.overview(
            reader, conditions
        )
        assert await dashboard.by_user(reader, conditions) == await oracle.by_user(
            reader, conditions
        )
        for granularity in Granularity:
            assert await dashboard.by_period(
                reader, conditions, granularity
            ) == await oracle.by_period(reader, conditions, granularity)
        period = {"tenant_id": conditions.tenant_id, "start": conditions.start}
        found = await call_center_report(
            reader, **period, time_zone=conditions.time_zone, end=conditions.end
        )
        expected = await oracle.call_center_report(reader, **period, end=conditions.end)
        assert [tuple(row) for row in found] == [tuple(row) for row in expected]
        # Two periods in one batch: one statement answers both.
        loader = HadCallsByUserPeriodLoader(reader, conditions.tenant_id)
        windows = [(conditions.start, conditions.end), other_window]
        keys = [
            user_period(user, start, end, conditions.time_zone)
            for start, end in windows
            for user in user_ids
        ]
        before = reader.statement_count
        answers = await loader.load_many(keys)
        assert reader.statement_count == before + 1
        expected_users = [
            await oracle.users_with_calls(
                reader, tenant_id=conditions.tenant_id, start=start, end=end
            )
            for start, end in windows
        ]
        assert answers == [user in users for users in expected_users for user in user_ids]
    finally:
        await reader.finish()


def _check_windows(url: str, zone_name: str, tenant_id: int, user_ids: list[int], instants):
    loop = asyncio.new_event_loop()
    database = Database(url)

    @settings(
        max_examples=16,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        window=_windows(instants),
        other_window=_windows(instants),
        named=st.none() | st.lists(st.sampled_from(user_ids), min_size=1, max_size=4),
    )
    def check(window, other_window, named) -> None:
        conditions = dashboard.DashboardConditions(
            tenant_id=tenant_id,
            time_zone=zone_name,
            start=window[0],
            end=window[1],
            user_ids=tuple(named) if named is not None else None,
        )
        loop.run_until_complete(_assert_equal(database, conditions, user_ids, other_window))

    try:
        check()
    finally:
        loop.run_until_complete(database.dispose())
        loop.close()


@pytest.mark.parametrize("zone_name", ZONES)
async def test_rollup_reads_equal_the_raw_scan(database, zone_name):
    tenant_id, user_ids, instants = await _world(database, zone_name)
    await asyncio.to_thread(_check_windows, database.url, zone_name, tenant_id, user_ids, instants)
