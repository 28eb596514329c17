"""provision_group, update_provisioned_group, delete_provisioned_group: the group
mutations' own cores with actor PROVISIONING; refusals write nothing."""

import pytest

from resolvers.errors import StaleVersion, UserErrorCode, UserErrorData, UserErrorRaised
from resolvers.groups.provisioning import (
    delete_provisioned_group,
    provision_group,
    update_provisioned_group,
)
from resolvers.people.provisioning import detach_provisioned_user
from tests.admin.world import build_world
from tests.audit_rows import audit_entries, gids
from tests.factories import make_group, make_tenant, make_user
from tests.resolvers.provisioning.helpers import group_row, ids, is_instant, member_ids, snapshot


async def _sales(database) -> int:
    entries = await snapshot(database)
    return next(g["id"] for g in entries["user_groups"] if g["name"] == "Sales")


async def test_a_new_group_has_its_name_external_id_and_members(database):
    world = await build_world(database)
    group = await provision_group(
        database,
        tenant_id=world.acme.id,
        name="  Engineering ",
        external_id="g-eng",
        member_ids=ids(world.cai, world.ben, world.cai, world.dee),
    )
    assert {k: v for k, v in group._mapping.items() if k != "created_at"} == {
        "id": group.id,
        "tenant_id": world.acme.id,
        "name": "Engineering",
        "name_folded": "engineering",
        "external_id": "g-eng",
        "version": 1,
        "updated_at": None,
    }
    assert is_instant(group.created_at)
    assert await member_ids(database, group.id) == sorted(ids(world.ben, world.cai, world.dee))
    assert (await audit_entries(database))[-1] == {
        "tenant_id": world.acme.id,
        "actor_kind": "PROVISIONING",
        "actor_id": None,
        "action": "USER_GROUP_CREATED",
        "target_type": "UserGroup",
        "target_id": group.id,
        "target_user_id": None,
        "changes": [
            {"field": "name", "before": None, "after": "Engineering"},
            {"field": "externalId", "before": None, "after": "g-eng"},
            {
                "field": "addedMembers",
                "before": None,
                "after": gids("User", world.ben, world.cai, world.dee),
            },
        ],
    }


@pytest.mark.parametrize(
    ("name", "external_id", "members", "error"),
    [
        pytest.param(
            "sALES",
            None,
            "none",
            UserErrorData(
                UserErrorCode.ALREADY_EXISTS,
                "Another group of the tenant has this name.",
                ("displayName",),
            ),
            id="name-taken",
        ),
        pytest.param(
            " ",
            None,
            "none",
            UserErrorData(
                UserErrorCode.INVALID_INPUT,
                "A group name has 1 to 200 characters.",
                ("displayName",),
            ),
            id="empty-name",
        ),
        pytest.param(
            "Ops",
            "x" * 201,
            "none",
            UserErrorData(
                UserErrorCode.INVALID_INPUT,
                "An externalId has 1 to 200 characters.",
                ("externalId",),
            ),
            id="externalId",
        ),
        pytest.param(
            "Ops",
            None,
            "unknown",
            UserErrorData(UserErrorCode.NOT_FOUND, "No user with this id.", ("members",)),
            id="unknown-member",
        ),
        pytest.param(
            "Ops",
            None,
            "foreign",
            UserErrorData(UserErrorCode.NOT_FOUND, "No user with this id.", ("members",)),
            id="foreign-member",
        ),
        pytest.param(
            "Ops",
            None,
            "detached",
            UserErrorData(UserErrorCode.NOT_FOUND, "No user with this id.", ("members",)),
            id="detached-member",
        ),
        pytest.param(
            "Ops",
            None,
            "too-many",
            UserErrorData(
                UserErrorCode.INVALID_INPUT, "At most 500 ids at once; got 501.", ("members",)
            ),
            id="too-many",
        ),
    ],
)
async def test_group_refusals_write_nothing(database, name, external_id, members, error):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    stranger = await make_user(database, globex, "Sam Stranger")
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.dee.id)
    member_sets = {
        "none": [],
        "unknown": [world.ben.id, 9999],
        "foreign": [stranger.id],
        "detached": ids(world.ben, world.dee),
        "too-many": list(range(1, 502)),
    }
    support = await make_group(database, world.acme, "Support", [world.ben])
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await provision_group(
            database,
            tenant_id=world.acme.id,
            name=name,
            external_id=external_id,
            member_ids=member_sets[members],
        )
    assert raised.value.error == error
    with pytest.raises(UserErrorRaised) as raised:
        await update_provisioned_group(
            database,
            tenant_id=world.acme.id,
            group_id=support.id,
            name=name,
            external_id=external_id,
            member_ids=member_sets[members],
        )
    assert raised.value.error == error
    assert await snapshot(database) == before


async def test_an_update_sets_the_whole_member_set_keeping_detached_members(database):
    world = await build_world(database)
    sales = await _sales(database)
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.cai.id)
    # The provider sees only Ben in Sales; it sends Ada and Dee instead.
    group = await update_provisioned_group(
        database,
        tenant_id=world.acme.id,
        group_id=sales,
        name="Sales EMEA",
        external_id="g-sales",
        member_ids=ids(world.dee, world.ada),
        expected_version=1,
    )
    assert (group.name, group.name_folded, group.external_id, group.version) == (
        "Sales EMEA",
        "sales emea",
        "g-sales",
        2,
    )
    assert is_instant(group.updated_at)
    # Cai, detached from SCIM, stays in the group in roster.
    assert await member_ids(database, sales) == sorted(ids(world.ada, world.cai, world.dee))
    assert (await audit_entries(database))[-1] == {
        "tenant_id": world.acme.id,
        "actor_kind": "PROVISIONING",
        "actor_id": None,
        "action": "USER_GROUP_UPDATED",
        "target_type": "UserGroup",
        "target_id": sales,
        "target_user_id": None,
        "changes": [
            {"field": "name", "before": "Sales", "after": "Sales EMEA"},
            {"field": "externalId", "before": None, "after": "g-sales"},
            {"field": "addedMembers", "before": None, "after": gids("User", world.ada, world.dee)},
            {"field": "removedMembers", "before": gids("User", world.ben), "after": None},
        ],
    }


async def test_an_update_that_changes_nothing_writes_nothing(database):
    world = await build_world(database)
    sales = await _sales(database)
    before = await snapshot(database)
    group = await update_provisioned_group(
        database,
        tenant_id=world.acme.id,
        group_id=sales,
        name="Sales",
        external_id=None,
        member_ids=ids(world.cai, world.ben),
    )
    assert group.version == 1
    assert await snapshot(database) == before


async def test_stale_versions_and_unknown_groups_write_nothing(database):
    world = await build_world(database)
    sales = await _sales(database)
    globex = await make_tenant(database, "globex")
    theirs = await make_group(database, globex, "Theirs", [])
    before = await snapshot(database)
    with pytest.raises(StaleVersion):
        await update_provisioned_group(
            database,
            tenant_id=world.acme.id,
            group_id=sales,
            name="Sales 2",
            external_id=None,
            member_ids=[],
            expected_version=2,
        )
    with pytest.raises(StaleVersion):
        await delete_provisioned_group(
            database, tenant_id=world.acme.id, group_id=sales, expected_version=5
        )
    for group_id in (9999, theirs.id):
        with pytest.raises(UserErrorRaised) as raised:
            await delete_provisioned_group(database, tenant_id=world.acme.id, group_id=group_id)
        assert raised.value.error == UserErrorData(
            UserErrorCode.NOT_FOUND, "No group with this id.", ("id",)
        )
        with pytest.raises(UserErrorRaised) as raised:
            await update_provisioned_group(
                database,
                tenant_id=world.acme.id,
                group_id=group_id,
                name="X",
                external_id=None,
                member_ids=[],
            )
        assert raised.value.error.code is UserErrorCode.NOT_FOUND
    # A call rule rings Sales: it cannot go.
    with pytest.raises(UserErrorRaised) as raised:
        await delete_provisioned_group(database, tenant_id=world.acme.id, group_id=sales)
    assert raised.value.error == UserErrorData(
        UserErrorCode.INVALID_INPUT,
        "1 incoming call rule rings this group: change or delete them first.",
        ("id",),
    )
    assert await snapshot(database) == before


async def test_delete_removes_the_group_and_its_memberships_only(database):
    world = await build_world(database)
    group = await provision_group(
        database,
        tenant_id=world.acme.id,
        name="Temp",
        external_id=None,
        member_ids=ids(world.ben),
    )
    await delete_provisioned_group(
        database, tenant_id=world.acme.id, group_id=group.id, expected_version=1
    )
    assert await group_row(database, group.id) is None
    assert await member_ids(database, group.id) == []
    assert (await audit_entries(database))[-1] == {
        "tenant_id": world.acme.id,
        "actor_kind": "PROVISIONING",
        "actor_id": None,
        "action": "USER_GROUP_DELETED",
        "target_type": "UserGroup",
        "target_id": group.id,
        "target_user_id": None,
        "changes": [
            {"field": "name", "before": "Temp", "after": None},
            {"field": "removedMembers", "before": gids("User", world.ben), "after": None},
        ],
    }
