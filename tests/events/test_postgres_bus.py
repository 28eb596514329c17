"""The PostgreSQL bus: a change committed by another process reaches a subscription of
this one once, by NOTIFY; a rolled-back one never; and after the listener's connection
is killed, the bus reconnects, LISTENs again, and the next change arrives."""

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import Database
from gateway.events.not_started import BusNotStarted
from gateway.events.postgres import PostgresBus
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
from tests.graphql import data_of

pytestmark = pytest.mark.postgres


@pytest.fixture
async def postgres(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    async with empty_database("postgres", request, tmp_path / "unused.db") as database:
        yield database


@pytest.fixture
async def bus(postgres: Database) -> AsyncIterator[PostgresBus]:
    bus = PostgresBus(postgres.url, health_check_seconds=0.5, health_check_timeout=2.0)
    await bus.start()
    try:
        yield bus
    finally:
        await bus.stop()


async def _deactivate(database: Database, world: World) -> None:
    data = await data_of(
        database, world.admin, DEACTIVATE, {"input": {"userId": world.gid(world.ben)}}
    )
    assert data["deactivateUser"] == {"changed": True, "userErrors": []}


async def test_a_change_committed_by_a_cli_process_arrives_once(
    postgres: Database, bus: PostgresBus, tmp_path: Path
):
    world = await build_world(postgres)
    token_id = await new_token_id(postgres, world.cai)
    async with bus.subscribe(world.acme.id) as subscription:
        assert bus.listening == {world.acme.id}
        await revoke_in_a_cli_process(postgres.url, token_id, tmp_path / "revoke.log")
        assert await next_notice(subscription) == EventNotice(
            tenant_id=world.acme.id,
            type=NoticeType.TOKEN_REVOKED,
            user_id=world.cai.id,
            token_id=token_id,
        )
        # Once: the next notice is the next change's, not the revocation again.
        await _deactivate(postgres, world)
        following = await next_notice(subscription)
        assert (following.type, following.user_id) == ("user.deactivated", world.ben.id)
    assert bus.listening == frozenset()


async def test_a_rolled_back_change_never_arrives(postgres: Database, bus: PostgresBus):
    world = await build_world(postgres)
    async with bus.subscribe(world.acme.id) as subscription:
        async with postgres.write_sessions() as session, session.begin():
            await announce(session, EventNotice(tenant_id=world.acme.id, type="user.activated"))
            await session.rollback()
        await _deactivate(postgres, world)
        first = await next_notice(subscription)
        assert (first.type, first.user_id) == ("user.deactivated", world.ben.id)


async def test_another_tenants_change_is_not_heard(postgres: Database, bus: PostgresBus):
    world = await build_world(postgres)
    assert world.acme.id is not None
    async with bus.subscribe(world.acme.id + 1000) as other, bus.subscribe(world.acme.id) as own:
        await _deactivate(postgres, world)
        assert (await next_notice(own)).user_id == world.ben.id
        assert other._queue.empty()


async def test_the_listener_reconnects_and_listens_again(
    postgres: Database, bus: PostgresBus, caplog: pytest.LogCaptureFixture
):
    world = await build_world(postgres)
    caplog.set_level(logging.INFO, logger="gateway.events.postgres")
    async with bus.subscribe(world.acme.id) as subscription:
        killed = bus.backend_pid
        assert killed is not None
        async with postgres.engine.connect() as connection:
            assert (
                await connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
            ) is True
        await until(
            lambda: bus.connections_made == 2 and bus.listening == {world.acme.id},
            "the bus reconnected and LISTENs again",
        )
        assert bus.backend_pid != killed
        async with postgres.engine.connect() as connection:
            listeners = await connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = :pid "
                    "AND application_name = 'roster-events'"
                ),
                {"pid": bus.backend_pid},
            )
        assert listeners == 1
        await _deactivate(postgres, world)
        arrived = await next_notice(subscription)
        assert (arrived.type, arrived.user_id) == ("user.deactivated", world.ben.id)
    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("events: lost the PostgreSQL listener") for message in messages)
    assert "events: PostgreSQL listener connected again; LISTENing for 1 tenant(s)" in messages


async def test_garbage_on_the_channel_is_ignored(postgres: Database, bus: PostgresBus, caplog):
    world = await build_world(postgres)
    async with bus.subscribe(world.acme.id) as subscription:
        async with postgres.engine.begin() as connection:
            await connection.execute(
                text("SELECT pg_notify(:channel, 'not a notice')"),
                {"channel": f"roster_events_{world.acme.id}"},
            )
        await _deactivate(postgres, world)
        assert (await next_notice(subscription)).user_id == world.ben.id
    assert any("that is no notice" in record.getMessage() for record in caplog.records)


async def test_a_subscription_on_a_bus_never_started_fails_at_once(postgres: Database):
    bus = PostgresBus(postgres.url)
    with pytest.raises(BusNotStarted, match="the app's lifespan starts it"):
        async with bus.subscribe(1):
            pass
    assert bus.open_count == 0
