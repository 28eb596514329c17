"""Seat as a Node and an entity: found by id in the caller's tenant only, batched."""

from db.enums import Role, UserStatus
from tests.call_center.status import gid
from tests.factories import caller_of, make_seat, make_tenant, make_user
from tests.graphql import StatementCounter, data_of

NODE = """query($id: ID!) { node(id: $id) { id ... on Seat { label occupant { displayName } } } }"""
ENTITIES = """query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Seat { id label x y occupant { id inRealtimeMonitor } }
  }
}"""


async def test_node_finds_a_seat_of_the_tenant_and_nothing_of_another(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    mine = await make_seat(database, acme, "A-01", user=ada)
    globex = await make_tenant(database, "globex")
    eve = await make_user(database, globex, "Eve Other")
    theirs = await make_seat(database, globex, "G-01", user=eve)
    admin = caller_of(ada, acme)

    assert await data_of(database, admin, NODE, {"id": gid("Seat", mine)}) == {
        "node": {"id": gid("Seat", mine), "label": "A-01", "occupant": {"displayName": "Ada Admin"}}
    }
    assert await data_of(database, admin, NODE, {"id": gid("Seat", theirs)}) == {"node": None}


async def test_entities_resolve_seats_in_one_batch_and_null_for_foreign_ids(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell", status=UserStatus.DEACTIVATED)
    first = await make_seat(database, acme, "A-01", x=3, y=4, user=ada)
    second = await make_seat(database, acme, "A-02", x=5, y=6, user=ben)
    third = await make_seat(database, acme, "A-03", x=7, y=8)
    globex = await make_tenant(database, "globex")
    foreign = await make_seat(database, globex, "G-01")
    reps = [
        {"__typename": "Seat", "id": gid("Seat", first)},
        {"__typename": "Seat", "id": gid("Seat", foreign)},
        {"__typename": "Seat", "id": gid("Seat", second)},
        {"__typename": "Seat", "id": gid("User", ada)},
        {"__typename": "Seat", "id": "not-an-id"},
        {"__typename": "Seat", "id": gid("Seat", third)},
    ]

    with StatementCounter(database) as counter:
        data = await data_of(
            database, caller_of(ada, acme), ENTITIES, {"reps": reps}, schema="callCenter"
        )
    assert data == {
        "_entities": [
            {
                "id": gid("Seat", first),
                "label": "A-01",
                "x": 3,
                "y": 4,
                "occupant": {"id": gid("User", ada), "inRealtimeMonitor": True},
            },
            None,
            {"id": gid("Seat", second), "label": "A-02", "x": 5, "y": 6, "occupant": None},
            None,
            None,
            {"id": gid("Seat", third), "label": "A-03", "x": 7, "y": 8, "occupant": None},
        ]
    }
    assert counter.count == 2  # the seats, then their users
