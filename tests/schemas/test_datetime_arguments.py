"""Every DateTime argument of the composed schema, fed boundary values over HTTP.

Each must be answered, or refused with INVALID_INPUT, never an internal error, within
the request time limit and without holding the event loop (which every tenant shares).
The arguments are found by walking the schema, so a new one is covered automatically.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import pytest

from db.engine import Database
from db.enums import CallDirection, Role, VideoProvider
from tests.factories import make_call, make_meeting, make_tenant, make_token, make_user
from tests.http import bearer, graphql_body, http_client
from tests.schemas.schema_walk import SCHEMA, ArgumentSite, argument_sites, operation_for

TIME_LIMIT_SECONDS = 5.0
# The longest the event loop may go without running another task during one request.
MAX_LOOP_STALL_SECONDS = 0.5

SITES = argument_sites(SCHEMA, lambda _field, argument, _name: "DateTime" in str(argument.type))
EARLY, LATE = "2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00"
BOUNDARIES = [
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+14:00",  # still year 0 in UTC
    "0001-01-01T00:00:00-12:00",
    "0001-01-02T00:00:00+14:00",
    "9999-12-31T23:59:59.999999+00:00",
    "9999-12-31T23:59:59.999999-12:00",  # already year 10000 in UTC
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T00:00:00-12:00",
    "2026-11-24T09:30:00.123456+09:00",
    "2026-11-24T09:30:00+23:59",
    "2026-11-24T09:30:00",  # naive
    "2026-11-24",  # a date: naive midnight
]
YEAR_1, YEAR_9999 = "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59.999999+00:00"


def _cases(site: ArgumentSite) -> Iterator[dict[str, str]]:
    """Each argument at each boundary (the others at a plain value), then whole windows."""
    plain = {name: (LATE if name == "to" else EARLY) for name in site.arguments}
    for name in site.arguments:
        for value in BOUNDARIES:
            yield {**plain, name: value}
    if len(site.arguments) == 2:
        first, second = site.arguments
        for start, end in [
            (EARLY, EARLY),  # from == to
            (LATE, EARLY),  # reversed
            (YEAR_1, YEAR_9999),  # everything
            (YEAR_1, "0001-02-01T00:00:00+00:00"),
            ("9999-12-01T00:00:00+00:00", YEAR_9999),
            ("1000-01-01T00:00:00+00:00", "3000-01-01T00:00:00+00:00"),
            ("2016-01-01T00:00:00+00:00", "2026-01-08T00:00:00+00:00"),  # just past the cap
            ("2016-01-15T00:00:00+09:00", "2026-01-01T00:00:00+09:00"),  # just under it
        ]:
            yield {first: start, second: end}


@asynccontextmanager
async def _loop_watch() -> AsyncIterator[list[float]]:
    """The longest gaps between ticks of a task that wants to run every 10 ms."""
    gaps: list[float] = [0.0]

    async def tick() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps[0] = max(gaps[0], now - last)
            last = now

    ticker = asyncio.create_task(tick())
    try:
        yield gaps
    finally:
        ticker.cancel()


def test_the_walk_finds_every_datetime_argument_of_the_contract():
    # The fuzz below covers whatever the walk finds; this only shows the walk sees.
    assert [str(site) for site in SITES] == [
        "Query.callCenterReport(from, to)",
        "Query.dashboard(from, to)",
        "User.callHistory(from, to)",
        "User.inCallCenterReport(from, to)",
        "User.meetingHistory(from, to)",
    ]


async def test_every_datetime_argument_answers_or_refuses_boundary_values(database: Database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    for day in (1, 15):
        moment = datetime(2026, 1, day, 9, 0, tzinfo=UTC)
        await make_call(database, admin, CallDirection.INBOUND, moment)
        await make_meeting(database, admin, VideoProvider.ZOOM, moment)
    headers = bearer(await make_token(database, admin))

    refused: list[str] = []
    async with http_client(database, request_timeout_seconds=TIME_LIMIT_SECONDS) as client:
        for site in SITES:
            query, variables = operation_for(SCHEMA, site)
            for values in _cases(site):
                sent = {variable: values[name] for variable, name in variables.items()}
                async with _loop_watch() as stall:
                    started = time.perf_counter()
                    response = await client.post(
                        "/graphql", json={"query": query, "variables": sent}, headers=headers
                    )
                    elapsed = time.perf_counter() - started
                case = f"{site} with {values}"
                body: dict[str, Any] = response.json()
                assert elapsed < TIME_LIMIT_SECONDS, case
                assert stall[0] < MAX_LOOP_STALL_SECONDS, (case, stall[0])
                errors = body.get("errors", [])
                codes = [error.get("extensions", {}).get("code") for error in errors]
                assert all(code == "INVALID_INPUT" for code in codes), (case, errors)
                if errors:
                    refused.append(case)
                else:
                    assert body["data"] is not None, case

    # The refusals are the values no field can answer, nothing more.
    assert any("+14:00'}" in case or "+14:00'," in case for case in refused)
    assert not any("'2016-01-15T00:00:00+09:00'" in case for case in refused), refused


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "0001-01-01T00:00:00+14:00",
            "A DateTime must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z.",
        ),
        ("2026-11-24T09:30:00", "A DateTime needs a UTC offset, e.g. 2026-11-24T09:30:00+09:00."),
    ],
)
async def test_a_refused_literal_names_its_place(database: Database, value: str, message: str):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    headers = bearer(await make_token(database, admin))
    query = f'{{ callCenterReport(from: "{value}", to: "{LATE}") {{ inboundCount }} }}'

    async with http_client(database) as client:
        response = await client.post("/graphql", json={"query": query}, headers=headers)

    assert graphql_body(response) == {
        "errors": [
            {
                "message": message,
                "locations": [{"line": 1, "column": 26}],  # the literal itself
                "extensions": {"code": "INVALID_INPUT"},
            }
        ]
    }
