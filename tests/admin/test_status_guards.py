"""The refusals of the status mutations, each as a userError with its code, nothing written."""

import pytest

from db.enums import Role
from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.factories import caller_of, make_user
from tests.graphql import data_of

DEACTIVATE = """mutation($input: DeactivateUserInput!) {
  deactivateUser(input: $input) { changed user { status } userErrors { code field } } }"""


async def _errors(database, caller, variables):
    data = await data_of(database, caller, DEACTIVATE, {"input": variables})
    return data["deactivateUser"]


async def test_a_member_is_forbidden(database):
    world = await build_world(database)
    assert await _errors(database, world.member, {"userId": world.gid(world.ben)}) == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "FORBIDDEN", "field": ["input"]}],
    }


@pytest.mark.parametrize(
    "bad_id", ["nonsense", to_global_id("User", 424242), to_global_id("Seat", 1)]
)
async def test_unknown_ids_are_not_found(database, bad_id):
    world = await build_world(database)
    assert await _errors(database, world.admin, {"userId": bad_id}) == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "NOT_FOUND", "field": ["input", "userId"]}],
    }


async def test_an_admin_cannot_deactivate_themself(database):
    world = await build_world(database)
    assert await _errors(database, world.admin, {"userId": world.gid(world.ada)}) == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "CANNOT_DEACTIVATE_SELF", "field": ["input", "userId"]}],
    }


async def test_the_last_active_admin_cannot_be_deactivated(database):
    world = await build_world(database)
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    eve_caller = caller_of(eve, world.acme)
    first = await _errors(database, world.admin, {"userId": to_global_id("User", eve.id)})
    assert first["changed"] is True
    # Ada is now the only active admin; Eve (deactivated) cannot act, so a system-free
    # path: reactivate Eve, let her deactivate Ada, then nobody may deactivate Eve.
    assert eve_caller.is_admin
    await data_of(
        database,
        world.admin,
        """mutation($id: ID!) { activateUser(input: {userId: $id})
        { changed } }""",
        {"id": to_global_id("User", eve.id)},
    )
    second = await _errors(database, eve_caller, {"userId": world.gid(world.ada)})
    assert second["changed"] is True
    last = await _errors(database, world.admin, {"userId": to_global_id("User", eve.id)})
    assert last == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "LAST_ADMIN", "field": ["input", "userId"]}],
    }


async def test_reassigning_to_a_deactivated_user_or_to_the_same_user_is_invalid(database):
    world = await build_world(database)
    ben = world.gid(world.ben)
    to_dee = await _errors(
        database, world.admin, {"userId": ben, "reassignIncomingCallRulesTo": world.gid(world.dee)}
    )
    to_self = await _errors(
        database, world.admin, {"userId": ben, "reassignIncomingCallRulesTo": ben}
    )
    to_nobody = await _errors(
        database,
        world.admin,
        {"userId": ben, "reassignIncomingCallRulesTo": to_global_id("User", 9999)},
    )
    field = ["input", "reassignIncomingCallRulesTo"]
    assert to_dee == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "INVALID_INPUT", "field": field}],
    }
    assert to_self == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "INVALID_INPUT", "field": field}],
    }
    assert to_nobody == {
        "changed": False,
        "user": None,
        "userErrors": [{"code": "NOT_FOUND", "field": field}],
    }
    still = await data_of(
        database, world.admin, "query($id: ID!) { user(id: $id) { status } }", {"id": ben}
    )
    assert still == {"user": {"status": "ACTIVE"}}
