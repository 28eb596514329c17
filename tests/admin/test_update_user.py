"""updateUser: the Edit dialog; its checkbox has exactly the effects of (de)activateUser."""

from tests.admin.world import build_world
from tests.graphql import data_of

UPDATE = """mutation($input: UpdateUserInput!) { updateUser(input: $input) {
  user { displayName active history: statusHistory { action } }
  statusChange { changed removedVideoIntegrations { provider } affectedIncomingCallRules { name receivable } }
  userErrors { code field } } }"""


async def test_unchecking_active_deactivates_with_every_effect_and_renames(database):
    world = await build_world(database)
    data = await data_of(
        database,
        world.admin,
        UPDATE,
        {"input": {"userId": world.gid(world.ben), "active": False, "displayName": " Ben B. "}},
    )
    assert data["updateUser"] == {
        "user": {"displayName": "Ben B.", "active": False, "history": [{"action": "DEACTIVATED"}]},
        "statusChange": {
            "changed": True,
            "removedVideoIntegrations": [{"provider": "ZOOM"}, {"provider": "MICROSOFT_TEAMS"}],
            "affectedIncomingCallRules": [
                {"name": "Main line", "receivable": False},
                {"name": "Support", "receivable": False},
            ],
        },
        "userErrors": [],
    }


async def test_a_refused_status_change_renames_nothing(database):
    world = await build_world(database)
    data = await data_of(
        database,
        world.admin,
        UPDATE,
        {"input": {"userId": world.gid(world.ada), "active": False, "displayName": "Renamed"}},
    )
    assert data["updateUser"]["userErrors"] == [
        {"code": "CANNOT_DEACTIVATE_SELF", "field": ["input", "userId"]}
    ]
    me = await data_of(database, world.admin, "{ me { displayName active } }")
    assert me == {"me": {"displayName": "Ada Admin", "active": True}}


async def test_a_member_cannot_edit_and_a_blank_name_is_invalid(database):
    world = await build_world(database)
    member = await data_of(
        database, world.member, UPDATE, {"input": {"userId": world.gid(world.ben), "active": False}}
    )
    assert member["updateUser"] == {
        "user": None,
        "statusChange": None,
        "userErrors": [{"code": "FORBIDDEN", "field": ["input"]}],
    }
    blank = await data_of(
        database,
        world.admin,
        UPDATE,
        {"input": {"userId": world.gid(world.ben), "displayName": "  "}},
    )
    assert blank["updateUser"] == {
        "user": None,
        "statusChange": None,
        "userErrors": [{"code": "INVALID_INPUT", "field": ["input", "displayName"]}],
    }
