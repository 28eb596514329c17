"""Reading the queue: root scheduledStatusChanges, User.scheduledStatusChanges, node; admins only."""

from datetime import timedelta

from db.enums import UserStatusAction
from resolvers.ids import to_global_id
from resolvers.schedule.run import run_due_changes
from tests.graphql import data_of, execute
from tests.schedule.helpers import NOW, build_schedule_world, queue_row

FIELDS = """id action at state ranAt changed errorCode errorMessage
  user { displayName } createdBy { displayName } reassignIncomingCallRulesTo { displayName }
  statusEvent { action actor { displayName } user { displayName } }"""
PAGE = f"""query($first: Int, $after: String, $state: ScheduledStatusChangeState) {{
  scheduledStatusChanges(first: $first, after: $after, state: $state) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {FIELDS} }} }} }} }}"""


def _gid(row) -> str:
    return to_global_id("ScheduledStatusChange", row.id)


async def _queue(database, world):
    """Ben's leave (run: DONE), Cai's leave with Ben's rules (pending), Dee's return (pending)."""
    leave = await queue_row(database, world.admin, world.ben, at=NOW - timedelta(hours=1))
    await run_due_changes(database, now=NOW)
    cai = await queue_row(
        database, world.admin, world.cai, at=NOW + timedelta(days=2), reassign_to=world.ben
    )
    dee = await queue_row(
        database, world.admin, world.dee, UserStatusAction.ACTIVATED, at=NOW + timedelta(days=1)
    )
    return leave, dee, cai


def _node(row, state, user, **extra):
    return {
        "id": _gid(row),
        "action": row.action,
        "at": row.at.isoformat(),
        "state": state,
        "ranAt": None,
        "changed": None,
        "errorCode": None,
        "errorMessage": None,
        "user": {"displayName": user},
        "createdBy": {"displayName": "Ada Admin"},
        "reassignIncomingCallRulesTo": None,
        "statusEvent": None,
        **extra,
    }


async def test_the_root_list_is_by_at_then_id_with_what_each_change_did(database):
    world = await build_schedule_world(database)
    leave, dee, cai = await _queue(database, world)
    data = await data_of(database, world.admin, PAGE)
    page = data["scheduledStatusChanges"]
    assert page["totalCount"] == 3
    assert page["pageInfo"]["hasNextPage"] is False
    assert [edge["node"] for edge in page["edges"]] == [
        _node(
            leave,
            "DONE",
            "Ben Bell",
            ranAt=NOW.isoformat(),
            changed=True,
            statusEvent={
                "action": "DEACTIVATED",
                "actor": {"displayName": "Ada Admin"},
                "user": {"displayName": "Ben Bell"},
            },
        ),
        _node(dee, "PENDING", "Dee Dunn"),
        _node(cai, "PENDING", "Cai Chen", reassignIncomingCallRulesTo={"displayName": "Ben Bell"}),
    ]


async def test_pages_continue_after_their_cursor_and_filter_by_state(database):
    world = await build_schedule_world(database)
    leave, dee, cai = await _queue(database, world)
    first = (await data_of(database, world.admin, PAGE, {"first": 2}))["scheduledStatusChanges"]
    assert [e["node"]["id"] for e in first["edges"]] == [_gid(leave), _gid(dee)]
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    rest = (await data_of(database, world.admin, PAGE, {"first": 2, "after": after}))[
        "scheduledStatusChanges"
    ]
    assert [e["node"]["id"] for e in rest["edges"]] == [_gid(cai)]
    assert rest["pageInfo"]["hasNextPage"] is False
    pending = (await data_of(database, world.admin, PAGE, {"state": "PENDING"}))[
        "scheduledStatusChanges"
    ]
    assert pending["totalCount"] == 2
    assert [e["node"]["id"] for e in pending["edges"]] == [_gid(dee), _gid(cai)]
    # A cursor of the unfiltered list means nothing to the filtered one.
    refused = await execute(database, world.admin, PAGE, {"state": "PENDING", "after": after})
    assert [e.extensions for e in refused.errors or []] == [{"code": "INVALID_INPUT"}]


async def test_a_user_lists_their_changes_soonest_first(database):
    world = await build_schedule_world(database)
    later = await queue_row(database, world.admin, world.ben, at=NOW + timedelta(days=9))
    sooner = await queue_row(
        database, world.admin, world.ben, UserStatusAction.ACTIVATED, at=NOW + timedelta(days=3)
    )
    await queue_row(database, world.admin, world.cai, at=NOW + timedelta(days=1))
    query = """query($id: ID!) { user(id: $id) { scheduledStatusChanges { id action } } }"""
    data = await data_of(database, world.admin, query, {"id": world.gid(world.ben)})
    assert data["user"]["scheduledStatusChanges"] == [
        {"id": _gid(sooner), "action": "ACTIVATED"},
        {"id": _gid(later), "action": "DEACTIVATED"},
    ]
    none = await data_of(database, world.admin, query, {"id": world.gid(world.dee)})
    assert none["user"]["scheduledStatusChanges"] == []


async def test_node_finds_a_change_of_the_tenant_only(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW + timedelta(days=1))
    query = """query($id: ID!) { node(id: $id) { id ... on ScheduledStatusChange { state } } }"""
    data = await data_of(database, world.admin, query, {"id": _gid(row)})
    assert data == {"node": {"id": _gid(row), "state": "PENDING"}}
    globex_admin = world.admin.__class__(
        user_id=world.globex_user.id,
        tenant_id=world.globex_user.tenant_id,
        role=world.admin.role,
        status=world.admin.status,
        time_zone="Asia/Tokyo",
    )
    assert await data_of(database, globex_admin, query, {"id": _gid(row)}) == {"node": None}


async def test_members_read_no_scheduled_change_not_even_their_own(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.cai, at=NOW + timedelta(days=1))
    for query, variables in [
        (PAGE, {}),
        ("query($id: ID!) { node(id: $id) { id } }", {"id": _gid(row)}),
        ("{ me { scheduledStatusChanges { id } } }", {}),
    ]:
        result = await execute(database, world.member, query, variables)
        assert [e.extensions for e in result.errors or []] == [{"code": "FORBIDDEN"}], query
