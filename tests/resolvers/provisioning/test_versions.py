"""Every write of a users or user_groups row bumps its version (SCIM's ETag) and sets
updated_at, the admin's GraphQL mutations as much as provisioning; a no-op writes none."""

from db.enums import UserStatus
from resolvers.ids import from_global_id
from tests.admin.world import build_world
from tests.graphql import data_of
from tests.resolvers.provisioning.helpers import group_row, is_instant, user_row

UPDATE_USER = """mutation($input: UpdateUserInput!) { updateUser(input: $input) {
  user { displayName email } userErrors { code } } }"""
CREATE_GROUP = """mutation($input: CreateUserGroupInput!) { createUserGroup(input: $input) {
  userGroup { id name } userErrors { code } } }"""
UPDATE_GROUP = """mutation($input: UpdateUserGroupInput!) { updateUserGroup(input: $input) {
  userGroup { name } userErrors { code } } }"""


async def test_the_edit_dialogs_field_changes_bump_the_version(database):
    world = await build_world(database)
    ben = world.gid(world.ben)
    data = await data_of(
        database,
        world.admin,
        UPDATE_USER,
        {"input": {"userId": ben, "displayName": "Ben B", "email": "ben.b@acme.example"}},
    )
    assert data["updateUser"] == {
        "user": {"displayName": "Ben B", "email": "ben.b@acme.example"},
        "userErrors": [],
    }
    row = await user_row(database, world.ben.id)
    assert row.version == 2
    assert is_instant(row.updated_at) and row.updated_at >= world.ben.created_at
    # The same values again change nothing: no write, no bump.
    await data_of(
        database,
        world.admin,
        UPDATE_USER,
        {"input": {"userId": ben, "displayName": "Ben B", "email": "ben.b@acme.example"}},
    )
    assert await user_row(database, world.ben.id) == row
    # Fields and the checkbox together: the status path bumps too.
    await data_of(
        database,
        world.admin,
        UPDATE_USER,
        {"input": {"userId": ben, "displayName": "Ben C", "active": False}},
    )
    after = await user_row(database, world.ben.id)
    assert (after.version, after.status, after.display_name) == (
        4,
        UserStatus.DEACTIVATED,
        "Ben C",
    )
    assert after.updated_at >= row.updated_at


async def test_the_group_mutations_set_created_at_and_bump_the_version(database):
    world = await build_world(database)
    data = await data_of(
        database, world.admin, CREATE_GROUP, {"input": {"name": "Support", "memberIds": []}}
    )
    gid = data["createUserGroup"]["userGroup"]["id"]
    decoded = from_global_id(gid)
    assert decoded is not None
    pk = decoded[1]
    made = await group_row(database, pk)
    assert made is not None
    assert (made.version, made.updated_at, made.name_folded) == (1, None, "support")
    assert is_instant(made.created_at)
    await data_of(
        database,
        world.admin,
        UPDATE_GROUP,
        {"input": {"groupId": gid, "name": "SUPPORT", "addMemberIds": [world.gid(world.ben)]}},
    )
    renamed = await group_row(database, pk)
    assert renamed is not None
    assert (renamed.version, renamed.name, renamed.name_folded) == (2, "SUPPORT", "support")
    assert is_instant(renamed.updated_at) and renamed.updated_at >= made.created_at
    # Adding a member already there changes nothing: no bump.
    await data_of(
        database,
        world.admin,
        UPDATE_GROUP,
        {"input": {"groupId": gid, "addMemberIds": [world.gid(world.ben)]}},
    )
    assert await group_row(database, pk) == renamed
    await data_of(
        database,
        world.admin,
        UPDATE_GROUP,
        {"input": {"groupId": gid, "removeMemberIds": [world.gid(world.ben)]}},
    )
    removed = await group_row(database, pk)
    assert removed is not None and removed.version == 3
