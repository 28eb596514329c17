"""callHistory: kept for deactivated users, newest first, keyset cursors, [from, to)."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, UserStatus
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_call, make_tenant, make_user
from tests.graphql import data_of, execute

QUERY = """query ($id: ID!, $first: Int, $after: String, $from: DateTime, $to: DateTime) {
  user(id: $id) {
    callHistory(first: $first, after: $after, from: $from, to: $to) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id direction startedAt durationSeconds counterpartNumber user { displayName } } }
    }
  }
}"""


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


async def _setup(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    calls = [
        await make_call(
            database,
            bob,
            CallDirection.INBOUND,
            at(1),
            duration_seconds=10,
            counterpart_number="+81300000001",
        ),
        await make_call(
            database,
            bob,
            CallDirection.OUTBOUND,
            at(2),
            duration_seconds=20,
            counterpart_number="+81300000002",
        ),
        # Two calls at the same instant: the id breaks the tie, newest id first.
        await make_call(
            database,
            bob,
            CallDirection.INBOUND,
            at(3),
            duration_seconds=30,
            counterpart_number="+81300000003",
        ),
        await make_call(
            database,
            bob,
            CallDirection.OUTBOUND,
            at(3),
            duration_seconds=40,
            counterpart_number="+81300000004",
        ),
        await make_call(
            database,
            bob,
            CallDirection.INBOUND,
            at(4),
            duration_seconds=50,
            counterpart_number="+81300000005",
        ),
    ]
    await make_call(database, admin, CallDirection.INBOUND, at(3), duration_seconds=99)
    return acme, admin, bob, calls


def node(call) -> dict[str, object]:
    return {
        "id": to_global_id("Call", call.id),
        "direction": str(call.direction),
        "startedAt": call.started_at.isoformat(),
        "durationSeconds": call.duration_seconds,
        "counterpartNumber": call.counterpart_number,
        "user": {"displayName": "Bob Gone"},
    }


async def test_pages_walk_a_deactivated_users_history_newest_first(database):
    acme, admin, bob, calls = await _setup(database)
    caller = caller_of(admin, acme)
    bob_id = to_global_id("User", bob.id)

    pages = []
    after = None
    while True:
        data = await data_of(database, caller, QUERY, {"id": bob_id, "first": 2, "after": after})
        page = data["user"]["callHistory"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    newest_first = [calls[4], calls[3], calls[2], calls[1], calls[0]]
    assert [[edge["node"] for edge in page["edges"]] for page in pages] == [
        [node(newest_first[0]), node(newest_first[1])],
        [node(newest_first[2]), node(newest_first[3])],
        [node(newest_first[4])],
    ]
    assert [page["totalCount"] for page in pages] == [5, 5, 5]
    assert [page["pageInfo"]["hasNextPage"] for page in pages] == [True, True, False]
    assert [page["pageInfo"]["endCursor"] for page in pages] == [
        page["edges"][-1]["cursor"] for page in pages
    ]

    beyond = await data_of(
        database, caller, QUERY, {"id": bob_id, "after": pages[-1]["pageInfo"]["endCursor"]}
    )
    assert beyond["user"]["callHistory"] == {
        "totalCount": 5,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }


async def test_from_is_inclusive_and_to_exclusive(database):
    acme, admin, bob, calls = await _setup(database)

    data = await data_of(
        database,
        caller_of(admin, acme),
        QUERY,
        {"id": to_global_id("User", bob.id), "from": at(2).isoformat(), "to": at(4).isoformat()},
    )

    history = data["user"]["callHistory"]
    assert history["totalCount"] == 3
    assert [edge["node"] for edge in history["edges"]] == [
        node(calls[3]),
        node(calls[2]),
        node(calls[1]),
    ]
    assert history["pageInfo"]["hasNextPage"] is False


async def test_members_read_only_their_own_history(database):
    acme = await make_tenant(database)
    member = await make_user(database, acme, "Mia Member")
    other = await make_user(database, acme, "Oto Other")
    await make_call(database, member, CallDirection.OUTBOUND, at(1), duration_seconds=7)
    caller = caller_of(member, acme)
    query = "query ($id: ID!) { user(id: $id) { displayName callHistory { totalCount } } }"

    own = await data_of(database, caller, query, {"id": to_global_id("User", member.id)})
    others = await execute(database, caller, query, {"id": to_global_id("User", other.id)})

    assert own == {"user": {"displayName": "Mia Member", "callHistory": {"totalCount": 1}}}
    assert others.data == {"user": None}
    assert [(e.message, e.path, e.extensions) for e in others.errors or []] == [
        ("Only an admin may see this.", ["user", "callHistory"], {"code": "FORBIDDEN"})
    ]


async def test_bad_page_arguments_are_invalid_input(database):
    acme, admin, bob, _ = await _setup(database)
    caller = caller_of(admin, acme)
    bob_id = to_global_id("User", bob.id)

    results = [
        await execute(database, caller, QUERY, {"id": bob_id, "first": 0}),
        await execute(database, caller, QUERY, {"id": bob_id, "first": 101}),
        await execute(database, caller, QUERY, {"id": bob_id, "after": "bm90IGEgY3Vyc29y"}),
        await execute(
            database,
            caller,
            QUERY,
            {"id": bob_id, "from": at(4).isoformat(), "to": at(4).isoformat()},
        ),
    ]

    assert [[(e.message, e.extensions) for e in r.errors or []] for r in results] == [
        [("`first` must be between 1 and 100; got 0.", {"code": "INVALID_INPUT"})],
        [("`first` must be between 1 and 100; got 101.", {"code": "INVALID_INPUT"})],
        [("`after` is not a cursor this list gave out.", {"code": "INVALID_INPUT"})],
        [("`from` must be before `to`.", {"code": "INVALID_INPUT"})],
    ]
