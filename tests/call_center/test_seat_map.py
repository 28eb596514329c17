"""Call Center, Seat map: every seat stays; a deactivated user's seat shows no occupant."""

from db.enums import Role, UserStatus
from tests.call_center.status import gid, set_active
from tests.factories import (
    caller_of,
    make_group,
    make_phone_number,
    make_seat,
    make_tenant,
    make_user,
)
from tests.graphql import StatementCounter, data_of

SEAT_MAP = """{
  seatMap { label x y occupant { displayName visibleInSeatMap seat { label } } }
  users(first: 10) { edges { node { displayName seat { label } visibleInSeatMap } } }
}"""


async def test_seat_map_keeps_the_seat_and_hides_the_deactivated_occupant(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    await make_user(database, acme, "Cai Chen")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    await make_seat(database, acme, "B-01", x=0, y=1)
    await make_seat(database, acme, "A-02", x=1, y=0, user=ben)
    await make_seat(database, acme, "A-01", x=0, y=0, user=ada)
    await make_seat(database, acme, "A-03", x=2, y=0, user=dee)
    globex = await make_tenant(database, "globex")
    eve = await make_user(database, globex, "Eve Other")
    await make_seat(database, globex, "A-00", user=eve)
    admin = caller_of(ada, acme)

    def expected(ben_active: bool) -> dict:
        ben_occupant = (
            {"displayName": "Ben Bell", "visibleInSeatMap": True, "seat": {"label": "A-02"}}
            if ben_active
            else None
        )
        return {
            "seatMap": [
                {
                    "label": "A-01",
                    "x": 0,
                    "y": 0,
                    "occupant": {
                        "displayName": "Ada Admin",
                        "visibleInSeatMap": True,
                        "seat": {"label": "A-01"},
                    },
                },
                {"label": "A-02", "x": 1, "y": 0, "occupant": ben_occupant},
                {"label": "A-03", "x": 2, "y": 0, "occupant": None},
                {"label": "B-01", "x": 0, "y": 1, "occupant": None},
            ],
            "users": {
                "edges": [
                    {
                        "node": {
                            "displayName": "Ada Admin",
                            "seat": {"label": "A-01"},
                            "visibleInSeatMap": True,
                        }
                    },
                    {
                        "node": {
                            "displayName": "Ben Bell",
                            "seat": {"label": "A-02"},
                            "visibleInSeatMap": ben_active,
                        }
                    },
                    {"node": {"displayName": "Cai Chen", "seat": None, "visibleInSeatMap": False}},
                    {
                        "node": {
                            "displayName": "Dee Dunn",
                            "seat": {"label": "A-03"},
                            "visibleInSeatMap": False,
                        }
                    },
                ]
            },
        }

    assert await data_of(database, admin, SEAT_MAP) == expected(True)
    await set_active(database, admin, ben, False)
    assert await data_of(database, admin, SEAT_MAP) == expected(False)
    await set_active(database, admin, ben, True)
    assert await data_of(database, admin, SEAT_MAP) == expected(True)


async def test_seat_map_ids_are_the_seats_global_ids(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    seat = await make_seat(database, acme, "A-01", user=ada)

    data = await data_of(
        database, caller_of(ada, acme), "{ seatMap { id occupant { id } } me { seat { id } } }"
    )
    assert data == {
        "seatMap": [{"id": gid("Seat", seat), "occupant": {"id": gid("User", ada)}}],
        "me": {"seat": {"id": gid("Seat", seat)}},
    }


OCCUPANT_FIELDS = """id email displayName role status active deactivatedAt
  canLogIn(product: CALL_CENTER) inPhoneUserMenu inRealtimeMonitor visibleInSeatMap
  seat { id label } phoneNumbers { number } groups { name }"""


async def test_seat_map_occupants_answer_as_the_same_users_found_by_id(database):
    """The seat map builds its occupants from its own joined rows; every field of them
    answers what the user found by ``node(id:)`` answers."""
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    await make_phone_number(database, acme, "+81-3-0000-0001", user=ben)
    await make_group(database, acme, "Sales", [ada, ben])
    await make_seat(database, acme, "A-01", user=ada)
    await make_seat(database, acme, "A-02", user=ben)
    admin = caller_of(ada, acme)

    seat_map = await data_of(
        database, admin, f"{{ seatMap {{ occupant {{ {OCCUPANT_FIELDS} }} }} }}"
    )
    occupants = [seat["occupant"] for seat in seat_map["seatMap"]]
    found = [
        (
            await data_of(
                database,
                admin,
                f"query($id: ID!) {{ node(id: $id) {{ ... on User {{ {OCCUPANT_FIELDS} }} }} }}",
                {"id": gid("User", user)},
            )
        )["node"]
        for user in (ada, ben)
    ]
    assert occupants == found
    assert [(o["displayName"], o["role"], o["phoneNumbers"], o["groups"]) for o in occupants] == [
        ("Ada Admin", "ADMIN", [], [{"name": "Sales"}]),
        ("Ben Bell", "MEMBER", [{"number": "+81-3-0000-0001"}], [{"name": "Sales"}]),
    ]


async def test_seat_map_without_occupants_reads_the_seats_alone(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    seat = await make_seat(database, acme, "A-01", x=2, y=3, user=ada)
    await make_seat(database, acme, "A-00", x=1, y=3)

    with StatementCounter(database) as counter:
        data = await data_of(database, caller_of(ada, acme), "{ seatMap { id label x y } }")
    assert data["seatMap"][1] == {"id": gid("Seat", seat), "label": "A-01", "x": 2, "y": 3}
    assert [s["label"] for s in data["seatMap"]] == ["A-00", "A-01"]
    assert counter.count == 1
    assert "JOIN" not in counter.statements[0]
