"""The Redis bus (ROSTER_EVENTS_URL): what a CLI process or `roster worker` commits reaches
a subscription of this process once; this process' own commits come back once; a
rolled-back change never arrives; after its connection is killed (CLIENT KILL) the bus
reconnects, SUBSCRIBEs again, and the next change arrives. On SQLite: Redis is what lets
the embedded database's processes hear each other."""

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from db.engine import Database
from db.types import utcnow
from gateway.events.redis_bus import RedisBus
from resolvers.events.record import announce
from resolvers.events.types import EventNotice, NoticeType
from tests.admin.world import World, build_world
from tests.conftest import empty_database
from tests.events.helpers import (
    DEACTIVATE,
    new_token_id,
    next_notice,
    revoke_in_a_cli_process,
    until,
)
from tests.events.redis_server import kill_client
from tests.gateway.worker_process import working
from tests.graphql import data_of
from tests.schedule.helpers import queue_row


@pytest.fixture
async def sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    async with empty_database("sqlite", request, tmp_path / "roster.db") as database:
        yield database


@pytest.fixture
async def bus(sqlite: Database, redis_url: str, channel_prefix: str) -> AsyncIterator[RedisBus]:
    bus = RedisBus(
        redis_url, channel_prefix=channel_prefix, health_check_seconds=0.5, health_check_timeout=2
    )
    bus.attach(sqlite)
    await bus.start()
    try:
        yield bus
    finally:
        await bus.stop()


def _environment(redis_url: str, channel_prefix: str) -> dict[str, str]:
    return {"ROSTER_EVENTS_URL": redis_url, "ROSTER_EVENTS_CHANNEL_PREFIX": channel_prefix}


async def _deactivate(database: Database, world: World) -> None:
    data = await data_of(
        database, world.admin, DEACTIVATE, {"input": {"userId": world.gid(world.ben)}}
    )
    assert data["deactivateUser"] == {"changed": True, "userErrors": []}


async def test_a_revocation_by_a_cli_process_arrives_once(
    sqlite: Database, bus: RedisBus, redis_url: str, channel_prefix: str, tmp_path: Path
):
    world = await build_world(sqlite)
    token_id = await new_token_id(sqlite, world.cai)
    async with bus.subscribe(world.acme.id) as subscription:
        assert bus.subscribed == {world.acme.id}
        await revoke_in_a_cli_process(
            sqlite.url, token_id, tmp_path / "revoke.log", **_environment(redis_url, channel_prefix)
        )
        assert await next_notice(subscription) == EventNotice(
            tenant_id=world.acme.id,
            type=NoticeType.TOKEN_REVOKED,
            user_id=world.cai.id,
            token_id=token_id,
        )
        # Once, and this process' own change comes back through Redis once too.
        await _deactivate(sqlite, world)
        following = await next_notice(subscription)
        assert (following.type, following.user_id) == ("user.deactivated", world.ben.id)
        repeat = await data_of(
            sqlite, world.admin, DEACTIVATE, {"input": {"userId": world.gid(world.ben)}}
        )
        assert repeat["deactivateUser"]["changed"] is False  # no transition: nothing queued
        assert (bus.publisher.published, bus.publisher.pending) == (1, 0)
    assert bus.subscribed == frozenset()


async def test_roster_worker_publishes_the_changes_it_runs(
    sqlite: Database, bus: RedisBus, redis_url: str, channel_prefix: str, tmp_path: Path
):
    world = await build_world(sqlite)
    await queue_row(sqlite, world.admin, world.ben, at=utcnow() - timedelta(minutes=1))
    async with (
        bus.subscribe(world.acme.id) as subscription,
        working(sqlite.url, tmp_path / "worker.log", **_environment(redis_url, channel_prefix)),
    ):
        arrived = await next_notice(subscription)
    assert (arrived.tenant_id, arrived.type, arrived.user_id) == (
        world.acme.id,
        "user.deactivated",
        world.ben.id,
    )
    assert arrived.event_id is not None and arrived.status_event_id is not None


async def test_a_rolled_back_change_never_arrives(sqlite: Database, bus: RedisBus):
    world = await build_world(sqlite)
    async with bus.subscribe(world.acme.id) as subscription:
        async with sqlite.write_sessions() as session, session.begin():
            await announce(session, EventNotice(tenant_id=world.acme.id, type="user.activated"))
            await session.rollback()
        await _deactivate(sqlite, world)
        first = await next_notice(subscription)
        assert (first.type, first.user_id) == ("user.deactivated", world.ben.id)


async def test_the_subscriber_reconnects_and_subscribes_again(
    sqlite: Database, bus: RedisBus, redis_url: str, caplog: pytest.LogCaptureFixture
):
    world = await build_world(sqlite)
    caplog.set_level(logging.INFO, logger="gateway.events.redis_bus")
    async with bus.subscribe(world.acme.id) as subscription:
        assert await kill_client(redis_url, bus.client_name) == 1
        await until(
            lambda: bus.connections_made == 2 and bus.subscribed == {world.acme.id},
            "the bus reconnected and SUBSCRIBEs again",
        )
        await _deactivate(sqlite, world)
        arrived = await next_notice(subscription)
        assert (arrived.type, arrived.user_id) == ("user.deactivated", world.ben.id)
    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("events: lost the Redis subscriber") for message in messages)
    assert "events: Redis subscriber connected again; SUBSCRIBEd for 1 tenant(s)" in messages
