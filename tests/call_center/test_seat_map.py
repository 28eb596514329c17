"""Call Center, Seat map: every seat stays; a deactivated user's seat shows no occupant."""

from db.enums import Role, UserStatus
from tests.call_center.status import gid, set_active
from tests.factories import caller_of, make_seat, make_tenant, make_user
from tests.graphql import data_of

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
