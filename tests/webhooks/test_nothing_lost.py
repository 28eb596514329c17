"""Nothing lost, nothing sent twice at once: a dispatcher killed in the middle of a POST
and started again delivers every event (the same webhook-id again: receivers dedupe);
several dispatchers on PostgreSQL never send one event concurrently (SKIP LOCKED)."""

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import WebhookDelivery
from db.types import utcnow
from resolvers.events.record import record_event
from resolvers.events.types import EventType
from resolvers.transactions import system_transaction
from tests.admin.world import build_world
from tests.factories import make_user
from tests.webhooks.processes import worker
from tests.webhooks.receiver import Received, Receiver, eventually
from tests.webhooks.world import (
    ACTIVATE,
    DEACTIVATE,
    admin_token,
    create_endpoint,
    dispatcher,
    graphql,
)

ON_POSTGRES = pytest.mark.parametrize(
    "database", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
BOTH = ("USER_DEACTIVATED", "USER_ACTIVATED")


async def _states(database: Database) -> list[str]:
    async with database.session() as session:
        rows = await session.execute(select(WebhookDelivery.state).order_by(WebhookDelivery.id))
        return [state for (state,) in rows]


@ON_POSTGRES
async def test_a_dispatcher_killed_mid_post_and_restarted_delivers_every_event(
    database, receiver: Receiver, tmp_path: Path
):
    world = await build_world(database)
    token = await admin_token(database, world)
    _, receiver.secret = await create_endpoint(database, token, receiver.url, BOTH)
    held = asyncio.get_running_loop().create_future()
    answered: list[str] = []

    async def hold_the_first(received: Received) -> int:
        if len(receiver.received) == 1:
            await held  # until the dispatcher that sent it is dead
            return 204  # the answer goes nowhere: its connection died with it
        answered.append(received.webhook_id)
        return 204

    receiver.answer = hold_the_first
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.ben)})
    await graphql(database, token, ACTIVATE, {"id": world.gid(world.ben)})
    await graphql(database, token, DEACTIVATE, {"id": world.gid(world.cai)})

    log = tmp_path / "worker.log"
    async with worker(database.url, log) as first:
        await eventually(lambda: _async(receiver.in_flight == 1 and len(receiver.received) >= 1))
        held_id = receiver.received[0].webhook_id
        first.kill()  # SIGKILL: no clean-up of any kind
        await first.wait()
    held.set_result(None)
    assert await _states(database) != ["DELIVERED"] * 3

    async with worker(database.url, log):
        await eventually(lambda: _async(len(set(answered)) == 3), seconds=40)
        await eventually(_all_delivered(database))
    ids = [post.webhook_id for post in receiver.received]
    # At least once: the held event came again with the same webhook-id, after its lease.
    assert Counter(ids)[held_id] == 2
    assert sorted(set(answered)) == sorted(set(ids))
    assert all(post.verified for post in receiver.received)
    # In order per user, across the kill: Ben's activation after his deactivation's last POST.
    ben = world.gid(world.ben)
    bens = [post.json["type"] for post in receiver.received if post.json["data"]["userId"] == ben]
    assert bens[-1] == "user.activated" and bens.count("user.activated") == 1


async def _async(value: bool) -> bool:
    return value


def _all_delivered(database: Database):
    async def check() -> bool:
        return await _states(database) == ["DELIVERED"] * 3

    return check


@ON_POSTGRES
async def test_three_dispatchers_never_deliver_one_event_twice(database, receiver: Receiver):
    world = await build_world(database)
    token = await admin_token(database, world)
    _, receiver.secret = await create_endpoint(database, token, receiver.url, BOTH)
    users = [await make_user(database, world.acme, f"User {n:02}") for n in range(10)]
    in_flight: Counter[str] = Counter()
    overlaps: list[str] = []

    async def slow_answer(received: Received) -> int:
        in_flight[received.webhook_id] += 1
        if in_flight[received.webhook_id] > 1:
            overlaps.append(received.webhook_id)
        await asyncio.sleep(0.01)
        in_flight[received.webhook_id] -= 1
        return 204

    receiver.answer = slow_answer

    async def write(session) -> None:
        for n in range(50):
            user = users[n % len(users)]
            kind = EventType.USER_DEACTIVATED if n % 20 < 10 else EventType.USER_ACTIVATED
            await record_event(
                session, tenant_id=world.acme.id, type=kind, user_id=user.id,
                data={"n": n, "userId": user.id}, occurred_at=utcnow(),
            )  # fmt: skip

    await system_transaction(database, write)
    databases = [Database(database.url) for _ in range(3)]
    senders = [dispatcher(db) for db in databases]
    stop = asyncio.Event()

    async def run(sender) -> None:
        while not stop.is_set():
            if not await sender.run_once():
                await asyncio.sleep(0.01)

    tasks = [asyncio.create_task(run(sender)) for sender in senders]
    try:
        await eventually(lambda: _async(len(receiver.received) >= 50), seconds=40)
        await eventually(_count_delivered(database, 50))
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        for sender, db in zip(senders, databases, strict=True):
            await sender.close()
            await db.dispose()
    ids = [post.webhook_id for post in receiver.received]
    assert len(ids) == 50 and len(set(ids)) == 50  # each exactly once
    assert overlaps == []
    assert receiver.most_in_flight > 1  # they did run side by side
    for user in users:  # and each user's events in the order they happened
        numbers = [post.json["data"]["n"] for post in receiver.received
                   if post.json["data"]["userId"] == user.id]  # fmt: skip
        assert numbers == sorted(numbers)


def _count_delivered(database: Database, count: int):
    async def check() -> bool:
        return (await _states(database)).count("DELIVERED") == count

    return check
