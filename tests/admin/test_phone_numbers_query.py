"""phoneNumbers: the tenant's numbers page by page, for an admin choosing one to give."""

from db.enums import Role
from tests.admin.lines_world import build_lines_world
from tests.factories import caller_of, make_phone_number, make_tenant, make_user
from tests.graphql import StatementCounter, data_of, execute

PAGE = """query($first: Int, $after: String, $unassigned: Boolean) {
  phoneNumbers(first: $first, after: $after, unassigned: $unassigned) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id number user { email } } } } }"""


def _numbers(data: dict) -> list[tuple[str, str | None]]:
    return [
        (edge["node"]["number"], (edge["node"]["user"] or {}).get("email"))
        for edge in data["phoneNumbers"]["edges"]
    ]


async def test_an_admin_lists_the_tenants_numbers_all_assigned_or_unassigned(database):
    world = await build_lines_world(database)
    everyone = await data_of(database, world.admin, PAGE, {})
    assert _numbers(everyone) == [
        ("+81312340001", "ben.bell@acme.example"),
        ("+81312340002", None),
    ]
    assert everyone["phoneNumbers"]["totalCount"] == 2
    assert everyone["phoneNumbers"]["edges"][1]["node"]["id"] == world.gid(world.spare)
    free = await data_of(database, world.admin, PAGE, {"unassigned": True})
    assert _numbers(free) == [("+81312340002", None)]
    assert free["phoneNumbers"]["totalCount"] == 1
    held = await data_of(database, world.admin, PAGE, {"unassigned": False})
    assert _numbers(held) == [("+81312340001", "ben.bell@acme.example")]
    globex = await data_of(database, world.foreign_admin, PAGE, {})
    assert _numbers(globex) == [("+81312340009", "gus.grant@globex.example")]


async def test_pages_follow_their_cursors_and_a_cursor_keeps_to_its_filter(database):
    world = await build_lines_world(database)
    first = await data_of(database, world.admin, PAGE, {"first": 1})
    assert _numbers(first) == [("+81312340001", "ben.bell@acme.example")]
    info = first["phoneNumbers"]["pageInfo"]
    assert info["hasNextPage"] is True
    second = await data_of(database, world.admin, PAGE, {"first": 1, "after": info["endCursor"]})
    assert _numbers(second) == [("+81312340002", None)]
    assert second["phoneNumbers"]["pageInfo"]["hasNextPage"] is False
    assert second["phoneNumbers"]["totalCount"] == 2
    other_list = await execute(
        database, world.admin, PAGE, {"after": info["endCursor"], "unassigned": True}
    )
    assert [error.message for error in other_list.errors or []] == [
        "`after` is not a cursor this list gave out."
    ]


async def test_a_member_is_refused(database):
    world = await build_lines_world(database)
    result = await execute(database, world.member, PAGE, {})
    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors or []] == [
        ("Only an admin may see this.", {"code": "FORBIDDEN"})
    ]


async def _statements_for(database, caller, first: int) -> int:
    with StatementCounter(database) as counter:
        data = await data_of(database, caller, PAGE, {"first": first})
    assert len(data["phoneNumbers"]["edges"]) == first
    return counter.count


async def test_phone_numbers_cost_the_same_statements_for_5_and_100(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Admin", role=Role.ADMIN)
    for i in range(120):
        user = await make_user(database, acme, f"User {i:03}") if i % 2 else None
        await make_phone_number(database, acme, f"+8131234{i:04}", user)
    caller = caller_of(admin, acme)
    small = await _statements_for(database, caller, 5)
    large = await _statements_for(database, caller, 100)
    # the page, its count, the numbers' users: one each.
    assert small == large == 3
