"""createUserGroup, updateUserGroup, deleteUserGroup: exact data, every refusal, the audit."""

import asyncio

from sqlalchemy import select

from db.models import GroupMembership, UserGroup
from resolvers.ids import to_global_id
from tests.admin.world import World, build_world
from tests.audit_rows import audit_count, audit_entries, gids
from tests.factories import caller_of, make_group, make_tenant, make_user
from tests.graphql import data_of

GROUP = "userGroup { name members { displayName active } } userErrors { code field message }"
CREATE = (
    f"mutation($input: CreateUserGroupInput!) {{ createUserGroup(input: $input) {{ {GROUP} }} }}"
)
UPDATE = (
    f"mutation($input: UpdateUserGroupInput!) {{ updateUserGroup(input: $input) {{ {GROUP} }} }}"
)
DELETE = """mutation($input: DeleteUserGroupInput!) { deleteUserGroup(input: $input) {
  deletedGroupId userErrors { code field message } } }"""
NOBODY = to_global_id("User", 424242)


async def _groups(database) -> list[tuple[str, list[int]]]:
    """Every group and its members' ids, by group id: what a refusal must leave as it was."""
    async with database.session() as session:
        groups = (await session.execute(select(UserGroup).order_by(UserGroup.id))).scalars().all()
        members = (await session.execute(select(GroupMembership))).scalars().all()
    return [
        (group.name, sorted(m.user_id for m in members if m.group_id == group.id))
        for group in groups
    ]


async def _sales(database) -> UserGroup:
    async with database.session() as session:
        return (
            await session.execute(select(UserGroup).where(UserGroup.name == "Sales"))
        ).scalar_one()


def _entry(world: World, action: str, target_id: int, changes: list[dict]) -> dict:
    return {
        "tenant_id": world.acme.id,
        "actor_kind": "USER",
        "actor_id": world.ada.id,
        "action": action,
        "target_type": "UserGroup",
        "target_id": target_id,
        "target_user_id": None,
        "changes": changes,
    }


async def test_create_makes_the_group_with_deactivated_members_and_one_audit_entry(database):
    world = await build_world(database)
    data = await data_of(
        database,
        world.admin,
        CREATE,
        {
            "input": {
                "name": "  Night shift ",
                "memberIds": [world.gid(world.dee), world.gid(world.cai), world.gid(world.dee)],
            }
        },
    )
    assert data["createUserGroup"] == {
        "userGroup": {
            "name": "Night shift",
            "members": [
                {"displayName": "Cai Chen", "active": True},
                {"displayName": "Dee Dunn", "active": False},
            ],
        },
        "userErrors": [],
    }
    group = [row for row in await _groups(database) if row[0] == "Night shift"]
    assert group == [("Night shift", sorted(u.id for u in (world.cai, world.dee) if u.id))]
    (entry,) = await audit_entries(database)
    async with database.session() as session:
        group_id = await session.scalar(select(UserGroup.id).where(UserGroup.name == "Night shift"))
    assert entry == _entry(world, "USER_GROUP_CREATED", group_id, [
        {"field": "name", "before": None, "after": "Night shift"},
        {"field": "addedMembers", "before": None, "after": gids("User", world.cai, world.dee)},
    ])  # fmt: skip


async def test_create_without_members(database):
    world = await build_world(database)
    data = await data_of(database, world.admin, CREATE, {"input": {"name": "Empty"}})
    assert data["createUserGroup"] == {
        "userGroup": {"name": "Empty", "members": []},
        "userErrors": [],
    }
    (entry,) = await audit_entries(database)
    assert entry["changes"] == [{"field": "name", "before": None, "after": "Empty"}]


async def test_create_refusals_write_nothing(database):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant")
    before = await _groups(database)
    cases = [
        ({"name": " "}, "INVALID_INPUT", ["input", "name"]),
        ({"name": "x" * 201}, "INVALID_INPUT", ["input", "name"]),
        ({"name": "SALES"}, "ALREADY_EXISTS", ["input", "name"]),
        ({"name": "New", "memberIds": [world.gid(world.ben), world.gid(world.cai), world.gid(gus)]}, "NOT_FOUND", ["input", "memberIds", "2"]),
        ({"name": "New", "memberIds": [world.gid(world.ben), "nonsense"]}, "NOT_FOUND", ["input", "memberIds", "1"]),
        ({"name": "New", "memberIds": [world.gid(world.ben)] * 501}, "INVALID_INPUT", ["input", "memberIds"]),
    ]  # fmt: skip
    for given, code, field in cases:
        data = await data_of(database, world.admin, CREATE, {"input": given})
        payload = data["createUserGroup"]
        assert payload["userGroup"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], given
    member = await data_of(database, world.member, CREATE, {"input": {"name": "Mine"}})
    assert member["createUserGroup"]["userErrors"] == [
        {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
    ]
    assert await _groups(database) == before
    assert await audit_count(database) == 0


async def test_a_name_is_compared_folded(database):
    world = await build_world(database)
    await make_group(database, world.acme, "Straße", [])
    data = await data_of(database, world.admin, CREATE, {"input": {"name": "STRASSE"}})
    assert data["createUserGroup"]["userErrors"] == [{
        "code": "ALREADY_EXISTS", "field": ["input", "name"],
        "message": "Another group of the tenant has this name.",
    }]  # fmt: skip
    # Another tenant's group of the same name is no conflict.
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=world.ada.role)
    other = await data_of(database, caller_of(gus, globex), CREATE, {"input": {"name": "Sales"}})
    assert other["createUserGroup"]["userErrors"] == []


async def test_update_renames_adds_and_removes_in_one_entry(database):
    world = await build_world(database)
    sales = await _sales(database)
    data = await data_of(database, world.admin, UPDATE, {"input": {
        "groupId": to_global_id("UserGroup", sales.id),
        "name": "Sales team",
        "addMemberIds": [world.gid(world.dee), world.gid(world.cai), world.gid(world.ada)],
        "removeMemberIds": [world.gid(world.ben), world.gid(world.ben)],
    }})  # fmt: skip
    assert data["updateUserGroup"] == {
        "userGroup": {
            "name": "Sales team",
            "members": [
                {"displayName": "Ada Admin", "active": True},
                {"displayName": "Cai Chen", "active": True},
                {"displayName": "Dee Dunn", "active": False},
            ],
        },
        "userErrors": [],
    }
    (entry,) = await audit_entries(database)
    assert entry == _entry(world, "USER_GROUP_UPDATED", sales.id, [
        {"field": "name", "before": "Sales", "after": "Sales team"},
        {"field": "addedMembers", "before": None, "after": gids("User", world.ada, world.dee)},
        {"field": "removedMembers", "before": gids("User", world.ben), "after": None},
    ])  # fmt: skip


async def test_an_update_that_changes_nothing_writes_no_entry(database):
    world = await build_world(database)
    sales = await _sales(database)
    data = await data_of(database, world.admin, UPDATE, {"input": {
        "groupId": to_global_id("UserGroup", sales.id),
        "name": " Sales ",
        "addMemberIds": [world.gid(world.ben)],
        "removeMemberIds": [world.gid(world.dee)],
    }})  # fmt: skip
    assert data["updateUserGroup"] == {
        "userGroup": {
            "name": "Sales",
            "members": [
                {"displayName": "Ben Bell", "active": True},
                {"displayName": "Cai Chen", "active": True},
            ],
        },
        "userErrors": [],
    }
    assert await audit_count(database) == 0


async def test_a_group_keeps_its_own_name_in_another_case(database):
    world = await build_world(database)
    sales = await _sales(database)
    data = await data_of(database, world.admin, UPDATE, {
        "input": {"groupId": to_global_id("UserGroup", sales.id), "name": "SALES"}
    })  # fmt: skip
    assert data["updateUserGroup"]["userGroup"]["name"] == "SALES"
    (entry,) = await audit_entries(database)
    assert entry["changes"] == [{"field": "name", "before": "Sales", "after": "SALES"}]


async def test_update_refusals_write_nothing(database):
    world = await build_world(database)
    sales = await _sales(database)
    await make_group(database, world.acme, "Support", [])
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=world.ada.role)
    theirs = await make_group(database, globex, "Theirs", [gus])
    sales_id = to_global_id("UserGroup", sales.id)
    before = await _groups(database)
    cases = [
        ({"groupId": to_global_id("UserGroup", theirs.id), "name": "Mine"}, "NOT_FOUND", ["input", "groupId"]),
        ({"groupId": "nonsense", "name": "Mine"}, "NOT_FOUND", ["input", "groupId"]),
        ({"groupId": world.gid(world.ben), "name": "Mine"}, "NOT_FOUND", ["input", "groupId"]),
        ({"groupId": sales_id, "name": "support"}, "ALREADY_EXISTS", ["input", "name"]),
        ({"groupId": sales_id, "name": ""}, "INVALID_INPUT", ["input", "name"]),
        ({"groupId": sales_id, "addMemberIds": [world.gid(world.dee), world.gid(gus)]}, "NOT_FOUND", ["input", "addMemberIds", "1"]),
        ({"groupId": sales_id, "removeMemberIds": [NOBODY]}, "NOT_FOUND", ["input", "removeMemberIds", "0"]),
        ({"groupId": sales_id, "addMemberIds": [world.gid(world.dee)], "removeMemberIds": [world.gid(world.ben), world.gid(world.dee)]}, "INVALID_INPUT", ["input", "removeMemberIds", "1"]),
        ({"groupId": sales_id, "removeMemberIds": [world.gid(world.ben)] * 501}, "INVALID_INPUT", ["input", "removeMemberIds"]),
    ]  # fmt: skip
    for given, code, field in cases:
        data = await data_of(database, world.admin, UPDATE, {"input": given})
        payload = data["updateUserGroup"]
        assert payload["userGroup"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], given
    member = await data_of(
        database, world.member, UPDATE, {"input": {"groupId": sales_id, "name": "Mine"}}
    )
    assert member["updateUserGroup"]["userErrors"][0]["code"] == "FORBIDDEN"
    foreign = await data_of(
        database, caller_of(gus, globex), UPDATE, {"input": {"groupId": sales_id, "name": "Mine"}}
    )
    assert foreign["updateUserGroup"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": ["input", "groupId"], "message": "No group with this id."}
    ]
    assert await _groups(database) == before
    assert await audit_count(database) == 0


async def test_delete_takes_the_memberships_and_keeps_the_members(database):
    world = await build_world(database)
    group = await make_group(database, world.acme, "Night shift", [world.cai, world.dee])
    data = await data_of(
        database, world.admin, DELETE, {"input": {"groupId": to_global_id("UserGroup", group.id)}}
    )
    assert data["deleteUserGroup"] == {
        "deletedGroupId": to_global_id("UserGroup", group.id),
        "userErrors": [],
    }
    assert [name for name, _ in await _groups(database)] == ["Sales"]
    (entry,) = await audit_entries(database)
    assert entry == _entry(world, "USER_GROUP_DELETED", group.id, [
        {"field": "name", "before": "Night shift", "after": None},
        {"field": "removedMembers", "before": gids("User", world.cai, world.dee), "after": None},
    ])  # fmt: skip
    people = await data_of(database, world.admin, "{ users { totalCount } }")
    assert people == {"users": {"totalCount": 4}}


async def test_delete_is_refused_while_a_call_group_rule_rings_the_group(database):
    world = await build_world(database)
    sales = await _sales(database)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=world.ada.role)
    before = await _groups(database)
    gid = to_global_id("UserGroup", sales.id)
    data = await data_of(database, world.admin, DELETE, {"input": {"groupId": gid}})
    assert data["deleteUserGroup"] == {
        "deletedGroupId": None,
        "userErrors": [{
            "code": "INVALID_INPUT", "field": ["input", "groupId"],
            "message": "1 incoming call rule rings this group: change or delete them first.",
        }],
    }  # fmt: skip
    for caller, code in ((world.member, "FORBIDDEN"), (caller_of(gus, globex), "NOT_FOUND")):
        refused = await data_of(database, caller, DELETE, {"input": {"groupId": gid}})
        assert refused["deleteUserGroup"]["userErrors"][0]["code"] == code
    unknown = await data_of(database, world.admin, DELETE, {"input": {"groupId": "nonsense"}})
    assert unknown["deleteUserGroup"]["userErrors"][0]["code"] == "NOT_FOUND"
    assert await _groups(database) == before
    assert await audit_count(database) == 0


async def test_one_name_raced_is_created_once(database):
    world = await build_world(database)
    results = await asyncio.gather(
        *(
            data_of(database, world.admin, CREATE, {"input": {"name": name}})
            for name in ("Ops", "ops", " OPS")
        )
    )
    codes = sorted(e["code"] for r in results for e in r["createUserGroup"]["userErrors"])
    assert codes == ["ALREADY_EXISTS", "ALREADY_EXISTS"]
    assert [name for name, _ in await _groups(database)] == ["Sales", next(
        r["createUserGroup"]["userGroup"]["name"] for r in results if r["createUserGroup"]["userGroup"]
    )]  # fmt: skip
    assert await audit_count(database) == 1
