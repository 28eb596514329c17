"""Across real server processes over one database: a change made through one process
reaches the SSE subscription held by another, once, with the data read back there (on
PostgreSQL by LISTEN/NOTIFY, and on SQLite through Redis); and a subgraph process
(callCenter) hears a change made through the admin subgraph's process. Each process is
stopped by its pid (tests/gateway/worker_process.py)."""

import asyncio
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from db.engine import Database
from db.enums import Role
from resolvers.ids import to_global_id
from tests.conftest import empty_database
from tests.events.servers import (
    ACTIVATE,
    DEACTIVATE,
    mutate,
    next_not_about,
    sse,
    toggler,
    until_heard,
)
from tests.factories import make_seat, make_tenant, make_token, make_user
from tests.gateway.worker_process import serving

STATUS = """subscription { userStatusChanged {
  user { id displayName status } event { action actorKind actor { id } } } }"""
MONITOR = """subscription { realtimeMonitorChanged {
  user { id inRealtimeMonitor visibleInSeatMap } inRealtimeMonitor change } }"""


@pytest.fixture
async def postgres(request: pytest.FixtureRequest, tmp_path: Path):
    async with empty_database("postgres", request, tmp_path / "unused.db") as database:
        yield database


@pytest.fixture(
    params=[
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("sqlite+redis"),
    ]
)
async def served_over(request: pytest.FixtureRequest, tmp_path: Path):
    """PostgreSQL (LISTEN/NOTIFY), or SQLite with ROSTER_EVENTS_URL (Redis pub/sub): the
    database and the environment of the server processes."""
    if request.param == "postgres":
        async with empty_database("postgres", request, tmp_path / "unused.db") as database:
            yield database, {}
        return
    redis_url = request.getfixturevalue("redis_url")
    environment = {
        "ROSTER_EVENTS_URL": redis_url,
        "ROSTER_EVENTS_CHANNEL_PREFIX": request.getfixturevalue("channel_prefix"),
    }
    async with empty_database("sqlite", request, tmp_path / "roster.db") as database:
        yield database, environment


async def _people(database: Database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    cai = await make_user(database, acme, "Cai Chen")  # the probe
    dan = await make_user(database, acme, "Dan Dale")
    return acme, ada, ben, cai, dan


async def _two_servers(
    stack: AsyncExitStack,
    database: Database,
    tmp_path: Path,
    first: tuple[str, ...] = (),
    second: tuple[str, ...] = (),
    environment: dict[str, str] | None = None,
):
    """Two `roster serve` processes over ``database``, started at once; their base URLs."""
    return await asyncio.gather(
        *(
            stack.enter_async_context(
                serving(
                    database.url,
                    tmp_path / f"{name}.log",
                    "--no-worker",
                    *arguments,
                    **(environment or {}),
                )
            )
            for name, arguments in (("first", first), ("second", second))
        )
    )


def _status_user(data: Any) -> str:
    return str(data["data"]["userStatusChanged"]["user"]["id"])


def _monitor_user(data: Any) -> str:
    return str(data["data"]["realtimeMonitorChanged"]["user"]["id"])


async def test_a_mutation_through_one_process_reaches_a_subscriber_of_another(
    served_over: tuple[Database, dict[str, str]], tmp_path: Path
):
    database, environment = served_over
    _acme, ada, ben, cai, _dan = await _people(database)
    token = await make_token(database, ada)
    ben_gid, cai_gid = to_global_id("User", ben.id), to_global_id("User", cai.id)
    async with AsyncExitStack() as stack:
        writer, reader = await _two_servers(stack, database, tmp_path, environment=environment)
        stream = await stack.enter_async_context(sse(reader, STATUS, token))
        await until_heard(stream, toggler(writer, token, cai_gid))

        await mutate(writer, token, DEACTIVATE, ben_gid)
        assert await next_not_about(stream, cai_gid, _status_user) == (
            "next",
            {
                "data": {
                    "userStatusChanged": {
                        "user": {"id": ben_gid, "displayName": "Ben Bell", "status": "DEACTIVATED"},
                        "event": {
                            "action": "DEACTIVATED",
                            "actorKind": "USER",
                            "actor": {"id": to_global_id("User", ada.id)},
                        },
                    }
                }
            },
        )
        # Once: the next message about anyone but the probe is the activation.
        await mutate(writer, token, ACTIVATE, ben_gid)
        event, data = await next_not_about(stream, cai_gid, _status_user)
        assert (event, data["data"]["userStatusChanged"]["event"]["action"]) == (
            "next",
            "ACTIVATED",
        )


@pytest.mark.postgres
async def test_the_call_center_subgraph_hears_a_change_made_through_the_admin_subgraph(
    postgres: Database, tmp_path: Path
):
    acme, ada, ben, cai, dan = await _people(postgres)
    await make_seat(postgres, acme, "A-12", user=ben)
    admin_token, member_token = await make_token(postgres, ada), await make_token(postgres, dan)
    ben_gid, cai_gid = to_global_id("User", ben.id), to_global_id("User", cai.id)
    async with AsyncExitStack() as stack:
        admin, call_center = await _two_servers(
            stack, postgres, tmp_path, ("--subgraph", "admin"), ("--subgraph", "callCenter")
        )
        stream = await stack.enter_async_context(sse(call_center, MONITOR, member_token))
        await until_heard(stream, toggler(admin, admin_token, cai_gid))

        await mutate(admin, admin_token, DEACTIVATE, ben_gid)
        assert await next_not_about(stream, cai_gid, _monitor_user) == (
            "next",
            {
                "data": {
                    "realtimeMonitorChanged": {
                        "user": {
                            "id": ben_gid,
                            "inRealtimeMonitor": False,
                            "visibleInSeatMap": False,
                        },
                        "inRealtimeMonitor": False,
                        "change": "LEFT",
                    }
                }
            },
        )
        await mutate(admin, admin_token, ACTIVATE, ben_gid)
        assert await next_not_about(stream, cai_gid, _monitor_user) == (
            "next",
            {
                "data": {
                    "realtimeMonitorChanged": {
                        "user": {
                            "id": ben_gid,
                            "inRealtimeMonitor": True,
                            "visibleInSeatMap": True,
                        },
                        "inRealtimeMonitor": True,
                        "change": "ENTERED",
                    }
                }
            },
        )
