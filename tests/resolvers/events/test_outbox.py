"""A status change writes its event to the outbox in its own transaction and announces it
after commit only: never for a dry run, a refusal or a repeat, once per real transition."""

from sqlalchemy import select

from db.models import OutboxEvent
from resolvers.events.types import EventNotice
from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.graphql import data_of

DEACTIVATE = """mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  changed userErrors { code } } }"""
ACTIVATE = """mutation($input: ActivateUserInput!) { activateUser(input: $input) {
  changed userErrors { code } } }"""
BULK = """mutation($input: BulkUserStatusInput!) { deactivateUsers(input: $input) {
  results { changed userErrors { code } } } }"""


async def _outbox(database):
    async with database.session() as session:
        rows = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()
        return [(row.type, row.user_id, row.data["status"]) for row in rows]


def _listen(database):
    received: list[EventNotice] = []
    database.commit_listeners.append(
        lambda items: received.extend(item for item in items if isinstance(item, EventNotice))
    )
    return received


async def test_one_event_per_real_transition_announced_after_commit(database):
    world = await build_world(database)
    received = _listen(database)
    ben = world.gid(world.ben)
    for query in (DEACTIVATE, DEACTIVATE, ACTIVATE):
        await data_of(database, world.admin, query, {"input": {"userId": ben}})

    assert await _outbox(database) == [
        ("user.deactivated", world.ben.id, "DEACTIVATED"),
        ("user.activated", world.ben.id, "ACTIVE"),
    ]
    assert [(notice.type, notice.user_id) for notice in received] == [
        ("user.deactivated", world.ben.id),
        ("user.activated", world.ben.id),
    ]
    async with database.session() as session:
        first = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalar()
    assert received[0].event_id == first.id
    assert received[0].tenant_id == world.acme.id
    assert first.data["userId"] == to_global_id("User", world.ben.id)
    assert first.data["statusEventId"] == to_global_id(
        "UserStatusEvent", received[0].status_event_id
    )


async def test_a_dry_run_or_a_refusal_writes_and_announces_nothing(database):
    world = await build_world(database)
    received = _listen(database)
    dry = """mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { changed } }"""
    await data_of(
        database, world.admin, dry, {"input": {"userId": world.gid(world.ben), "dryRun": True}}
    )
    refused = await data_of(
        database, world.admin, DEACTIVATE, {"input": {"userId": world.gid(world.ada)}}
    )
    assert refused["deactivateUser"]["userErrors"] == [{"code": "CANNOT_DEACTIVATE_SELF"}]
    assert await _outbox(database) == []
    assert received == []


async def test_a_bulk_change_announces_only_the_ids_that_changed(database):
    world = await build_world(database)
    received = _listen(database)
    ids = [world.gid(world.ben), world.gid(world.ada), world.gid(world.cai)]
    data = await data_of(database, world.admin, BULK, {"input": {"userIds": ids}})
    assert [result["changed"] for result in data["deactivateUsers"]["results"]] == [
        True,
        False,
        True,
    ]
    assert [notice.user_id for notice in received] == [world.ben.id, world.cai.id]
    assert [user_id for _type, user_id, _status in await _outbox(database)] == [
        world.ben.id,
        world.cai.id,
    ]


def test_a_notice_survives_the_wire_and_garbage_is_no_notice():
    notice = EventNotice(tenant_id=3, type="user.deactivated", user_id=7, event_id=9)
    assert EventNotice.from_json(notice.to_json()) == notice
    for raw in (
        b"",
        b"null",
        b"[]",
        b'{"type": "x"}',
        b'{"tenant_id": "3", "type": "x"}',
        b'{"tenant_id": 3, "type": "x", "user_id": "7"}',
        b"\xff",
    ):
        assert EventNotice.from_json(raw) is None
