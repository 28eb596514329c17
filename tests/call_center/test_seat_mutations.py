"""createSeat, assignSeat, deleteSeat: exact data, the seat map right after, the audit."""

from sqlalchemy import select

from db.models import Seat
from resolvers.ids import to_global_id
from tests.admin.world import World, build_world
from tests.audit_rows import audit_count, audit_entries
from tests.factories import caller_of, make_seat, make_tenant, make_user
from tests.graphql import data_of

SEAT = """seat { label x y occupant { displayName seat { label } visibleInSeatMap } }
  userErrors { code field message }"""
CREATE = f"mutation($input: CreateSeatInput!) {{ createSeat(input: $input) {{ {SEAT} }} }}"
ASSIGN = f"mutation($input: AssignSeatInput!) {{ assignSeat(input: $input) {{ {SEAT} }} }}"
DELETE = """mutation($input: DeleteSeatInput!) { deleteSeat(input: $input) {
  deletedSeatId userErrors { code field message } } }"""
SEAT_MAP = "{ seatMap { label occupant { displayName } } }"
USER_SEAT = "query($id: ID!) { user(id: $id) { seat { label } visibleInSeatMap } }"


def sid(seat: Seat) -> str:
    return to_global_id("Seat", seat.id)


async def _seats(database) -> list[tuple[str, int, int, int | None]]:
    async with database.session() as session:
        rows = (await session.execute(select(Seat).order_by(Seat.id))).scalars().all()
    return [(row.label, row.x, row.y, row.user_id) for row in rows]


def _entry(world: World, action: str, seat_id: int, user_id: int | None, changes: list) -> dict:
    return {
        "tenant_id": world.acme.id,
        "actor_kind": "USER",
        "actor_id": world.ada.id,
        "action": action,
        "target_type": "Seat",
        "target_id": seat_id,
        "target_user_id": user_id,
        "changes": changes,
    }


def _user_change(before, after) -> list[dict]:
    def gid(user):
        return to_global_id("User", user.id) if user is not None else None

    return [{"field": "user", "before": gid(before), "after": gid(after)}]


async def test_create_adds_a_free_seat_to_the_map(database):
    world = await build_world(database)
    data = await data_of(
        database, world.admin, CREATE, {"input": {"label": " B-7 ", "x": 3, "y": 10000}}
    )
    assert data["createSeat"] == {
        "seat": {"label": "B-7", "x": 3, "y": 10000, "occupant": None},
        "userErrors": [],
    }
    assert await _seats(database) == [("B-7", 3, 10000, None)]
    assert await data_of(database, world.admin, SEAT_MAP) == {
        "seatMap": [{"label": "B-7", "occupant": None}]
    }
    (entry,) = await audit_entries(database)
    async with database.session() as session:
        seat_id = await session.scalar(select(Seat.id))
    assert entry == _entry(world, "SEAT_CREATED", seat_id, None, [
        {"field": "label", "before": None, "after": "B-7"},
        {"field": "x", "before": None, "after": 3},
        {"field": "y", "before": None, "after": 10000},
    ])  # fmt: skip


async def test_create_refusals_write_nothing(database):
    world = await build_world(database)
    await make_seat(database, world.acme, "Desk-Ä")
    before = await _seats(database)
    cases = [
        ({"label": "  ", "x": 0, "y": 0}, "INVALID_INPUT", ["input", "label"]),
        ({"label": "x" * 65, "x": 0, "y": 0}, "INVALID_INPUT", ["input", "label"]),
        ({"label": "desk-ä", "x": 0, "y": 0}, "ALREADY_EXISTS", ["input", "label"]),
        ({"label": "C", "x": -1, "y": 0}, "INVALID_INPUT", ["input", "x"]),
        ({"label": "C", "x": 0, "y": 10001}, "INVALID_INPUT", ["input", "y"]),
    ]
    for given, code, field in cases:
        payload = (await data_of(database, world.admin, CREATE, {"input": given}))["createSeat"]
        assert payload["seat"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], given
    member = await data_of(
        database, world.member, CREATE, {"input": {"label": "C", "x": 0, "y": 0}}
    )
    assert member["createSeat"]["userErrors"] == [
        {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
    ]
    assert await _seats(database) == before
    assert await audit_count(database) == 0


async def test_assign_seats_a_user_and_the_map_shows_them_at_once(database):
    world = await build_world(database)
    seat = await make_seat(database, world.acme, "A-1", x=1, y=2)
    data = await data_of(
        database,
        world.admin,
        ASSIGN,
        {"input": {"seatId": sid(seat), "userId": world.gid(world.cai)}},
    )
    assert data["assignSeat"] == {
        "seat": {
            "label": "A-1", "x": 1, "y": 2,
            "occupant": {"displayName": "Cai Chen", "seat": {"label": "A-1"}, "visibleInSeatMap": True},
        },
        "userErrors": [],
    }  # fmt: skip
    assert await data_of(database, world.admin, USER_SEAT, {"id": world.gid(world.cai)}) == {
        "user": {"seat": {"label": "A-1"}, "visibleInSeatMap": True}
    }
    (entry,) = await audit_entries(database)
    assert entry == _entry(
        world, "SEAT_ASSIGNED", seat.id, world.cai.id, _user_change(None, world.cai)
    )


async def test_assigning_moves_the_user_and_displaces_the_occupant(database):
    world = await build_world(database)
    old = await make_seat(database, world.acme, "A-1", user=world.cai)
    new = await make_seat(database, world.acme, "A-2", user=world.ben)
    data = await data_of(
        database,
        world.admin,
        ASSIGN,
        {"input": {"seatId": sid(new), "userId": world.gid(world.cai)}},
    )
    assert data["assignSeat"]["seat"]["occupant"] == {
        "displayName": "Cai Chen", "seat": {"label": "A-2"}, "visibleInSeatMap": True,
    }  # fmt: skip
    assert await _seats(database) == [("A-1", 0, 0, None), ("A-2", 0, 0, world.cai.id)]
    assert await data_of(database, world.admin, SEAT_MAP) == {"seatMap": [
        {"label": "A-1", "occupant": None}, {"label": "A-2", "occupant": {"displayName": "Cai Chen"}},
    ]}  # fmt: skip
    assert await data_of(database, world.admin, USER_SEAT, {"id": world.gid(world.ben)}) == {
        "user": {"seat": None, "visibleInSeatMap": False}
    }
    # The seat the move emptied first, then the seat assigned.
    assert await audit_entries(database) == [
        _entry(world, "SEAT_ASSIGNED", old.id, world.cai.id, _user_change(world.cai, None)),
        _entry(world, "SEAT_ASSIGNED", new.id, world.cai.id, _user_change(world.ben, world.cai)),
    ]


async def test_null_frees_the_seat_and_a_repeat_writes_nothing(database):
    world = await build_world(database)
    seat = await make_seat(database, world.acme, "A-1", user=world.cai)
    data = await data_of(
        database, world.admin, ASSIGN, {"input": {"seatId": sid(seat), "userId": None}}
    )
    assert data["assignSeat"] == {
        "seat": {"label": "A-1", "x": 0, "y": 0, "occupant": None},
        "userErrors": [],
    }
    assert await data_of(database, world.admin, USER_SEAT, {"id": world.gid(world.cai)}) == {
        "user": {"seat": None, "visibleInSeatMap": False}
    }
    assert await audit_entries(database) == [
        _entry(world, "SEAT_ASSIGNED", seat.id, world.cai.id, _user_change(world.cai, None))
    ]
    again = await data_of(database, world.admin, ASSIGN, {"input": {"seatId": sid(seat)}})
    assert again["assignSeat"]["userErrors"] == []
    await data_of(
        database,
        world.admin,
        ASSIGN,
        {"input": {"seatId": sid(seat), "userId": world.gid(world.ben)}},
    )
    await data_of(
        database,
        world.admin,
        ASSIGN,
        {"input": {"seatId": sid(seat), "userId": world.gid(world.ben)}},
    )
    assert await audit_count(database) == 2


async def test_assign_refusals_write_nothing(database):
    world = await build_world(database)
    seat = await make_seat(database, world.acme, "A-1", user=world.ben)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=world.ada.role)
    theirs = await make_seat(database, globex, "G-1")
    before = await _seats(database)
    cases = [
        ({"seatId": sid(seat), "userId": world.gid(world.dee)}, "USER_DEACTIVATED", ["input", "userId"]),
        ({"seatId": sid(seat), "userId": world.gid(gus)}, "NOT_FOUND", ["input", "userId"]),
        ({"seatId": sid(seat), "userId": "nonsense"}, "NOT_FOUND", ["input", "userId"]),
        ({"seatId": sid(theirs), "userId": world.gid(world.cai)}, "NOT_FOUND", ["input", "seatId"]),
        ({"seatId": world.gid(world.cai), "userId": world.gid(world.cai)}, "NOT_FOUND", ["input", "seatId"]),
    ]  # fmt: skip
    for given, code, field in cases:
        payload = (await data_of(database, world.admin, ASSIGN, {"input": given}))["assignSeat"]
        assert payload["seat"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], given
    deactivated = await data_of(
        database,
        world.admin,
        ASSIGN,
        {"input": {"seatId": sid(seat), "userId": world.gid(world.dee)}},
    )
    assert deactivated["assignSeat"]["userErrors"][0]["message"] == (
        "A deactivated user is not shown on the seat map: activate them first."
    )
    member = await data_of(database, world.member, ASSIGN, {"input": {"seatId": sid(seat)}})
    assert member["assignSeat"]["userErrors"][0]["code"] == "FORBIDDEN"
    foreign = await data_of(
        database, caller_of(gus, globex), ASSIGN, {"input": {"seatId": sid(seat)}}
    )
    assert foreign["assignSeat"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": ["input", "seatId"], "message": "No seat with this id."}
    ]
    assert await _seats(database) == before
    assert await audit_count(database) == 0


async def test_delete_removes_the_seat_and_its_occupant_has_none(database):
    world = await build_world(database)
    seat = await make_seat(database, world.acme, "A-1", x=4, y=5, user=world.cai)
    data = await data_of(database, world.admin, DELETE, {"input": {"seatId": sid(seat)}})
    assert data["deleteSeat"] == {"deletedSeatId": sid(seat), "userErrors": []}
    assert await _seats(database) == []
    assert await data_of(database, world.admin, USER_SEAT, {"id": world.gid(world.cai)}) == {
        "user": {"seat": None, "visibleInSeatMap": False}
    }
    assert await audit_entries(database) == [
        _entry(world, "SEAT_DELETED", seat.id, world.cai.id, [
            {"field": "label", "before": "A-1", "after": None},
            {"field": "x", "before": 4, "after": None},
            {"field": "y", "before": 5, "after": None},
            *_user_change(world.cai, None),
        ])
    ]  # fmt: skip


async def test_delete_refusals_write_nothing(database):
    world = await build_world(database)
    seat = await make_seat(database, world.acme, "A-1")
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=world.ada.role)
    theirs = await make_seat(database, globex, "G-1")
    before = await _seats(database)
    for caller, seat_id, code in (
        (world.admin, sid(theirs), "NOT_FOUND"),
        (world.admin, "nonsense", "NOT_FOUND"),
        (world.member, sid(seat), "FORBIDDEN"),
        (caller_of(gus, globex), sid(seat), "NOT_FOUND"),
    ):
        payload = (await data_of(database, caller, DELETE, {"input": {"seatId": seat_id}}))[
            "deleteSeat"
        ]
        assert payload["deletedSeatId"] is None
        assert [e["code"] for e in payload["userErrors"]] == [code]
    assert await _seats(database) == before
    assert await audit_count(database) == 0
