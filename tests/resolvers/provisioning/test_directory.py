"""The door's reads: users and groups in SCIM's view, filtered through USER_COLUMNS and
GROUP_COLUMNS, paged by id, with numbers, groups and members."""

from datetime import timedelta

from sqlalchemy import not_

from db.folding import fold
from resolvers.groups.directory import (
    GROUP_COLUMNS,
    DirectoryGroup,
    directory_group,
    directory_groups,
)
from resolvers.groups.provisioning import provision_group
from resolvers.people.directory import USER_COLUMNS, directory_user, directory_users
from resolvers.people.provisioning import (
    detach_provisioned_user,
    provision_user,
    update_provisioned_user,
)
from resolvers.reader import Reader
from tests.admin.world import build_world
from tests.factories import make_group, make_phone_number, make_tenant, make_user
from tests.resolvers.provisioning.helpers import fields, group_row, ids


async def _users(database, tenant_id, where, offset=0, limit=10):
    reader = Reader(database)
    try:
        total, page = await directory_users(
            reader, tenant_id=tenant_id, where=where, offset=offset, limit=limit
        )
    finally:
        await reader.finish()
    return total, [user.row.id for user in page]


async def test_every_user_column_filters(database):
    world = await build_world(database)
    nia = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    acme = world.acme.id
    cases = {
        USER_COLUMNS["id"] == world.ben.id: [world.ben.id],
        USER_COLUMNS["username"] == fold("NIA.NEW@ACME.EXAMPLE"): [nia.id],
        USER_COLUMNS["externalid"] == "00u1nia": [nia.id],
        USER_COLUMNS["displayname"] == "Cai Chen": [world.cai.id],
        USER_COLUMNS["name.givenname"] == "Nia": [nia.id],
        USER_COLUMNS["name.familyname"] == "New": [nia.id],
        USER_COLUMNS["emails.value"] == fold("Ben.Bell@ACME.example"): [world.ben.id],
        USER_COLUMNS["active"]: ids(world.ada, world.ben, world.cai, nia),
        not_(USER_COLUMNS["active"]): ids(world.dee),
        USER_COLUMNS["meta.created"] >= nia.created_at: [nia.id],
        USER_COLUMNS["meta.lastmodified"] > nia.created_at + timedelta(days=1): [],
        USER_COLUMNS["username"].is_(None): ids(world.ada, world.ben, world.cai, world.dee),
    }
    for where, expected in cases.items():
        assert await _users(database, acme, where) == (len(expected), expected), str(where)
    assert set(USER_COLUMNS) == {
        "id",
        "username",
        "externalid",
        "displayname",
        "name.givenname",
        "name.familyname",
        "emails.value",
        "active",
        "meta.created",
        "meta.lastmodified",
    }


async def test_last_modified_is_updated_at_or_created_at(database):
    world = await build_world(database)
    ben = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=world.ben.id,
        fields=fields("ben", email=world.ben.email, display_name="Ben B"),
        active=None,
    )
    assert ben.updated_at is not None and ben.updated_at != ben.created_at
    lastmodified = USER_COLUMNS["meta.lastmodified"]
    assert await _users(database, world.acme.id, lastmodified == ben.updated_at) == (1, [ben.id])
    assert await _users(database, world.acme.id, lastmodified == ben.created_at) == (0, [])
    assert await _users(database, world.acme.id, lastmodified == world.cai.created_at) == (
        1,
        [world.cai.id],
    )
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.dee.id)
    assert await directory_row(database, world.acme.id, world.dee.id) is None
    assert await _users(database, world.acme.id, USER_COLUMNS["id"] == world.dee.id) == (0, [])


async def directory_row(database, tenant_id, user_id):
    reader = Reader(database)
    try:
        return await directory_user(reader, tenant_id=tenant_id, user_id=user_id)
    finally:
        await reader.finish()


async def test_pages_are_by_id_with_the_total_of_the_filter(database):
    world = await build_world(database)
    everyone = ids(world.ada, world.ben, world.cai, world.dee)
    assert await _users(database, world.acme.id, None, offset=1, limit=2) == (4, everyone[1:3])
    assert await _users(database, world.acme.id, None, offset=4, limit=2) == (4, [])
    globex = await make_tenant(database, "globex")
    await make_user(database, globex, "Sam Stranger")
    assert await _users(database, world.acme.id, None) == (4, everyone)


async def test_a_user_comes_with_their_numbers_and_groups(database):
    world = await build_world(database)
    await make_phone_number(database, world.acme, "+81312340003", world.ben)
    await make_group(database, world.acme, "Alpha", [world.ben])
    await make_group(database, world.acme, "alpha", [world.ben])
    ben = await directory_row(database, world.acme.id, world.ben.id)
    assert ben is not None
    assert ben.phone_numbers == ["+81312340001", "+81312340003"]
    groups = (await _groups(database, world.acme.id, None, with_members=False))[1]
    by_name = {group.row.name: group.row.id for group in groups}
    assert ben.groups == [
        (by_name["Alpha"], "Alpha"),
        (by_name["Sales"], "Sales"),
        (by_name["alpha"], "alpha"),
    ]
    cai = await directory_row(database, world.acme.id, world.cai.id)
    assert cai is not None
    assert (cai.phone_numbers, cai.groups) == ([], [(by_name["Sales"], "Sales")])
    globex = await make_tenant(database, "globex")
    assert await directory_row(database, globex.id, world.ben.id) is None
    assert await directory_row(database, world.acme.id, 9999) is None


async def _groups(database, tenant_id, where, *, with_members=True, offset=0, limit=10):
    reader = Reader(database)
    try:
        return await directory_groups(
            reader,
            tenant_id=tenant_id,
            where=where,
            offset=offset,
            limit=limit,
            with_members=with_members,
        )
    finally:
        await reader.finish()


async def test_groups_filter_list_members_in_view_and_leave_them_out_when_not_asked(database):
    world = await build_world(database)
    ops = await provision_group(
        database,
        tenant_id=world.acme.id,
        name="Ops Ünit",
        external_id="g-ops",
        member_ids=ids(world.dee, world.ada),
    )
    sales = (await _groups(database, world.acme.id, GROUP_COLUMNS["displayname"] == "sales"))[1]
    assert [group.members for group in sales] == [
        [(world.ben.id, "Ben Bell"), (world.cai.id, "Cai Chen")]
    ]
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.ben.id)
    total, page = await _groups(
        database, world.acme.id, GROUP_COLUMNS["displayname"] == fold("OPS üNIT")
    )
    ops_row = await group_row(database, ops.id)
    ada, dee = ids(world.ada, world.dee)
    assert (total, page) == (
        1,
        [DirectoryGroup(row=ops_row, members=[(ada, "Ada Admin"), (dee, "Dee Dunn")])],
    )
    # Ben left SCIM's view: not listed, though still a member in roster; Dee, deactivated, is.
    total, page = await _groups(database, world.acme.id, None)
    assert total == 2
    assert [group.members for group in page] == [
        [(world.cai.id, "Cai Chen")],
        [(world.ada.id, "Ada Admin"), (world.dee.id, "Dee Dunn")],
    ]
    assert await _groups(database, world.acme.id, None, with_members=False, offset=1) == (
        2,
        [DirectoryGroup(row=ops_row, members=None)],
    )
    for where in (
        GROUP_COLUMNS["externalid"] == "g-ops",
        GROUP_COLUMNS["id"] == ops.id,
        GROUP_COLUMNS["meta.created"] >= ops.created_at,
        GROUP_COLUMNS["meta.lastmodified"] >= ops.created_at,
    ):
        assert (await _groups(database, world.acme.id, where, with_members=False)) == (
            1,
            [DirectoryGroup(row=ops_row, members=None)],
        ), str(where)
    assert set(GROUP_COLUMNS) == {
        "id",
        "displayname",
        "externalid",
        "meta.created",
        "meta.lastmodified",
    }


async def test_one_group_by_id_in_its_tenant_only(database):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    theirs = await make_group(database, globex, "Theirs", [])
    empty = await make_group(database, world.acme, "Empty", [])
    reader = Reader(database)
    try:
        assert await directory_group(reader, tenant_id=world.acme.id, group_id=theirs.id) is None
        found = await directory_group(reader, tenant_id=world.acme.id, group_id=empty.id)
        bare = await directory_group(
            reader, tenant_id=world.acme.id, group_id=empty.id, with_members=False
        )
    finally:
        await reader.finish()
    row = await group_row(database, empty.id)
    assert found == DirectoryGroup(row=row, members=[])
    assert bare == DirectoryGroup(row=row, members=None)
