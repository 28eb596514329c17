"""auditLog: the tenant's entries newest first, each filter, admins only, a fixed budget."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.enums import ActorKind, AuditAction, Role
from db.models import AuditEntry, User, UserGroup
from resolvers.ids import to_global_id
from tests.admin.world import World, build_world
from tests.factories import add, caller_of, make_seat, make_tenant, make_user
from tests.graphql import StatementCounter, data_of, execute

ENTRY = """id at actorKind actor { email } action targetType targetId targetUser { email }
  changes { field before after }"""
LOG = f"""query($first: Int, $after: String, $filter: AuditLogFilter) {{
  auditLog(first: $first, after: $after, filter: $filter) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {ENTRY} }} }} }} }}"""
ACTIONS = "query($filter: AuditLogFilter) { auditLog(filter: $filter) { edges { node { action targetId } } } }"
T0 = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)


def _entry(world: World, action: AuditAction, minutes: int, **values) -> AuditEntry:
    return AuditEntry(
        tenant_id=world.acme.id,
        at=T0 + timedelta(minutes=minutes),
        actor_kind=values.pop("actor_kind", ActorKind.USER),
        actor_id=values.pop("actor_id", world.ada.id),
        action=action,
        target_type="User",
        target_id=values.pop("target_id", world.ben.id),
        target_user_id=values.pop("target_user_id", world.ben.id),
        changes=values.pop("changes", []),
    )


async def _log(world: World, database) -> list[AuditEntry]:
    """Four entries of acme a minute apart, and one of another tenant."""
    entries = await add(
        database,
        _entry(world, AuditAction.USER_DEACTIVATED, 0),
        _entry(world, AuditAction.USER_ACTIVATED, 1, actor_kind=ActorKind.CLI, actor_id=None),
        _entry(world, AuditAction.SEAT_CREATED, 2, target_user_id=None, target_id=7,
               changes=[{"field": "label", "before": None, "after": "A-1"}]),
        _entry(world, AuditAction.USER_DEACTIVATED, 3, actor_id=world.cai.id,
               target_id=world.dee.id, target_user_id=world.dee.id),
    )  # fmt: skip
    return entries


def _action_ids(data) -> list[tuple[str, str]]:
    return [
        (edge["node"]["action"], edge["node"]["targetId"]) for edge in data["auditLog"]["edges"]
    ]


async def test_deactivate_user_writes_the_entry_the_log_shows_and_status_history_stays(database):
    world = await build_world(database)
    await data_of(
        database, world.admin,
        "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }",
        {"id": world.gid(world.ben)},
    )  # fmt: skip
    async with database.session() as session:
        deactivated_at = await session.scalar(
            select(User.deactivated_at).where(User.id == world.ben.id)
        )
        (row,) = (await session.execute(select(AuditEntry))).scalars().all()
    data = await data_of(database, world.admin, LOG)
    (edge,) = data["auditLog"]["edges"]
    node = edge["node"]
    assert datetime.fromisoformat(node.pop("at")) == row.at
    assert node == {
        "id": to_global_id("AuditEntry", row.id),
        "actorKind": "USER",
        "actor": {"email": "ada.admin@acme.example"},
        "action": "USER_DEACTIVATED",
        "targetType": "User",
        "targetId": world.gid(world.ben),
        "targetUser": {"email": "ben.bell@acme.example"},
        "changes": [
            {"field": "status", "before": "ACTIVE", "after": "DEACTIVATED"},
            {"field": "deactivatedAt", "before": None, "after": deactivated_at.isoformat()},
        ],
    }
    assert data["auditLog"]["totalCount"] == 1
    assert data["auditLog"]["pageInfo"] == {"hasNextPage": False, "endCursor": edge["cursor"]}
    history = await data_of(
        database, world.admin,
        "query($id: ID!) { user(id: $id) { statusHistory { action actor { email } } } }",
        {"id": world.gid(world.ben)},
    )  # fmt: skip
    assert history == {
        "user": {
            "statusHistory": [
                {"action": "DEACTIVATED", "actor": {"email": "ada.admin@acme.example"}}
            ]
        }
    }


async def test_newest_first_in_pages_and_a_system_actor_is_null(database):
    world = await build_world(database)
    entries = await _log(world, database)
    first = await data_of(database, world.admin, LOG, {"first": 3})
    page = first["auditLog"]
    assert page["totalCount"] == 4
    assert page["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["id"] for edge in page["edges"]] == [
        to_global_id("AuditEntry", entry.id) for entry in reversed(entries[1:])
    ]
    seat, system = page["edges"][1]["node"], page["edges"][2]["node"]
    assert seat == {
        "id": to_global_id("AuditEntry", entries[2].id),
        "at": "2026-04-01T00:02:00+00:00",
        "actorKind": "USER",
        "actor": {"email": "ada.admin@acme.example"},
        "action": "SEAT_CREATED",
        "targetType": "User",
        "targetId": to_global_id("User", 7),
        "targetUser": None,
        "changes": [{"field": "label", "before": None, "after": "A-1"}],
    }
    assert (system["actorKind"], system["actor"]) == ("CLI", None)
    rest = await data_of(
        database, world.admin, LOG, {"first": 3, "after": page["pageInfo"]["endCursor"]}
    )
    assert [edge["node"]["id"] for edge in rest["auditLog"]["edges"]] == [
        to_global_id("AuditEntry", entries[0].id)
    ]
    assert rest["auditLog"]["pageInfo"]["hasNextPage"] is False


async def test_each_filter(database):
    world = await build_world(database)
    await _log(world, database)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    ben, dee = world.gid(world.ben), world.gid(world.dee)

    async def actions(filter):
        return _action_ids(await data_of(database, world.admin, ACTIONS, {"filter": filter}))

    assert await actions({"targetUserId": dee}) == [("USER_DEACTIVATED", dee)]
    assert await actions({"targetUserId": ben}) == [
        ("USER_ACTIVATED", ben),
        ("USER_DEACTIVATED", ben),
    ]
    assert await actions({"actorId": world.gid(world.cai)}) == [("USER_DEACTIVATED", dee)]
    assert await actions({"actorId": world.gid(world.ada)}) == [
        ("SEAT_CREATED", to_global_id("User", 7)), ("USER_DEACTIVATED", ben),
    ]  # fmt: skip
    assert await actions({"actions": ["USER_DEACTIVATED"]}) == [
        ("USER_DEACTIVATED", dee), ("USER_DEACTIVATED", ben),
    ]  # fmt: skip
    assert await actions({"actions": ["SEAT_CREATED", "USER_ACTIVATED"]}) == [
        ("SEAT_CREATED", to_global_id("User", 7)), ("USER_ACTIVATED", ben),
    ]  # fmt: skip
    assert await actions({"actions": []}) == []
    # from is included, to excluded; offsets are instants.
    assert await actions({"from": "2026-04-01T09:01:00+09:00", "to": "2026-04-01T00:03:00Z"}) == [
        ("SEAT_CREATED", to_global_id("User", 7)), ("USER_ACTIVATED", ben),
    ]  # fmt: skip
    assert await actions(
        {"targetUserId": ben, "actions": ["USER_DEACTIVATED"], "from": "2026-04-01T00:00:00Z"}
    ) == [("USER_DEACTIVATED", ben)]
    # An id of another tenant, of another type, or no id at all matches nothing.
    for nothing in (to_global_id("User", gus.id), "nonsense", to_global_id("Seat", world.ben.id)):
        assert await actions({"targetUserId": nothing}) == []
        assert await actions({"actorId": nothing}) == []


async def test_bad_arguments_are_invalid_input(database):
    world = await build_world(database)
    for variables in (
        {"first": 101},
        {"after": "not-a-cursor"},
        {"filter": {"from": "2026-04-02T00:00:00Z", "to": "2026-04-01T00:00:00Z"}},
    ):
        result = await execute(database, world.admin, LOG, variables)
        assert result.data is None
        assert [error.extensions for error in result.errors] == [{"code": "INVALID_INPUT"}], (
            variables
        )
    # A cursor of the log asked with another filter is not this list's.
    await _log(world, database)
    page = await data_of(database, world.admin, LOG, {"first": 1})
    cursor = page["auditLog"]["pageInfo"]["endCursor"]
    other = await execute(
        database,
        world.admin,
        LOG,
        {"first": 1, "after": cursor, "filter": {"actions": ["SEAT_CREATED"]}},
    )
    assert [error.extensions for error in other.errors] == [{"code": "INVALID_INPUT"}]


async def test_members_are_refused_and_other_tenants_see_their_own(database):
    world = await build_world(database)
    entries = await _log(world, database)
    result = await execute(database, world.member, LOG)
    assert result.data is None
    assert [(error.message, error.extensions) for error in result.errors] == [
        ("Only an admin may see this.", {"code": "FORBIDDEN"})
    ]
    node = "query($id: ID!) { node(id: $id) { __typename ... on AuditEntry { action } } }"
    entry_id = to_global_id("AuditEntry", entries[0].id)
    refused = await execute(database, world.member, node, {"id": entry_id})
    assert refused.data == {"node": None}
    assert [error.extensions for error in refused.errors] == [{"code": "FORBIDDEN"}]
    assert await data_of(database, world.admin, node, {"id": entry_id}) == {
        "node": {"__typename": "AuditEntry", "action": "USER_DEACTIVATED"}
    }
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    theirs = caller_of(gus, globex)
    assert await data_of(database, theirs, node, {"id": entry_id}) == {"node": None}
    assert await data_of(database, theirs, LOG) == {
        "auditLog": {
            "totalCount": 0,
            "pageInfo": {"hasNextPage": False, "endCursor": None},
            "edges": [],
        }
    }


async def test_the_log_of_the_mutations_of_groups_and_seats(database):
    world = await build_world(database)
    seat = await make_seat(database, world.acme, "A-1")
    await data_of(
        database,
        world.admin,
        'mutation { createUserGroup(input: {name: "Night"}) { userErrors { code } } }',
    )
    await data_of(
        database, world.admin,
        "mutation($s: ID!, $u: ID!) { assignSeat(input: {seatId: $s, userId: $u}) { userErrors { code } } }",
        {"s": to_global_id("Seat", seat.id), "u": world.gid(world.cai)},
    )  # fmt: skip
    data = await data_of(
        database,
        world.admin,
        "{ auditLog { edges { node { action targetType targetId targetUser { email } changes { field before after } } } } }",
    )
    async with database.session() as session:
        group_id = await session.scalar(select(UserGroup.id).where(UserGroup.name == "Night"))
    assert [edge["node"] for edge in data["auditLog"]["edges"]] == [
        {
            "action": "SEAT_ASSIGNED", "targetType": "Seat", "targetId": to_global_id("Seat", seat.id),
            "targetUser": {"email": "cai.chen@acme.example"},
            "changes": [{"field": "user", "before": None, "after": world.gid(world.cai)}],
        },
        {
            "action": "USER_GROUP_CREATED", "targetType": "UserGroup",
            "targetId": to_global_id("UserGroup", group_id), "targetUser": None,
            "changes": [{"field": "name", "before": None, "after": "Night"}],
        },
    ]  # fmt: skip


async def _statements_for(database, caller, first: int) -> int:
    query = f"{{ auditLog(first: {first}) {{ totalCount edges {{ cursor node {{ {ENTRY} actor {{ displayName groups {{ name }} }} }} }} }} }}"
    with StatementCounter(database) as counter:
        result = await execute(database, caller, query)
    assert result.errors is None
    assert len(result.data["auditLog"]["edges"]) == first
    return counter.count


async def test_audit_log_costs_the_same_statements_for_5_and_100_entries(database):
    world = await build_world(database)
    people = [await make_user(database, world.acme, f"User {i:03}") for i in range(30)]
    await add(database, *(
        _entry(world, AuditAction.USER_UPDATED, i, actor_id=people[i % 30].id,
               target_id=people[(i + 1) % 30].id, target_user_id=people[(i + 1) % 30].id)
        for i in range(120)
    ))  # fmt: skip
    small = await _statements_for(database, world.admin, 5)
    large = await _statements_for(database, world.admin, 100)
    # the page, its count, the users, their groups: one each.
    assert small == large == 4
