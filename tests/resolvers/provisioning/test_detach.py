"""detach_provisioned_user: deactivated through the one status code path, then out of
SCIM's view with the userName freed; roster keeps the user. A rehire is re-attached."""

import pytest

from db.enums import Role, UserStatus
from resolvers.errors import StaleVersion, UserErrorCode, UserErrorData, UserErrorRaised
from resolvers.ids import to_global_id
from resolvers.people.directory import directory_user, directory_users
from resolvers.people.provisioning import (
    detach_provisioned_user,
    provision_user,
    update_provisioned_user,
)
from resolvers.reader import Reader
from tests.admin.world import build_world
from tests.audit_rows import audit_entries
from tests.factories import make_user
from tests.graphql import data_of
from tests.resolvers.provisioning.helpers import (
    fields,
    snapshot,
    status_events,
    user_row,
    without_instants,
)

USER = """query($id: ID!) { user(id: $id) {
  id email displayName status active statusHistory { action actor { displayName } } } }"""


async def _seen(database, tenant_id: int, user_id: int):
    reader = Reader(database)
    try:
        return await directory_user(reader, tenant_id=tenant_id, user_id=user_id)
    finally:
        await reader.finish()


async def test_detach_deactivates_frees_the_user_name_and_leaves_scims_view(database):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    await detach_provisioned_user(
        database, tenant_id=world.acme.id, user_id=made.id, expected_version=1
    )
    row = await user_row(database, made.id)
    assert without_instants(row) == {
        **without_instants(made),
        "status": UserStatus.DEACTIVATED,
        "user_name": None,
        "user_name_folded": None,
        "version": 3,
    }
    assert row.deactivated_at is not None and row.scim_detached_at is not None
    assert row.updated_at == row.scim_detached_at
    entries = await audit_entries(database)
    assert [(e["action"], e["actor_kind"], e["actor_id"]) for e in entries] == [
        ("USER_CREATED", "PROVISIONING", None),
        ("USER_DEACTIVATED", "PROVISIONING", None),
        ("USER_DETACHED", "PROVISIONING", None),
    ]
    assert entries[2]["changes"] == [
        {"field": "userName", "before": "Nia.New@Acme.example", "after": None},
        {"field": "scimDetachedAt", "before": None, "after": row.scim_detached_at.isoformat()},
    ]
    assert await status_events(database, made.id) == [("DEACTIVATED", "PROVISIONING", None)]
    assert await _seen(database, world.acme.id, made.id) is None
    # GraphQL still has the user, deactivated, with the history.
    data = await data_of(database, world.admin, USER, {"id": to_global_id("User", made.id)})
    assert data["user"] == {
        "id": to_global_id("User", made.id),
        "email": "nia.new@acme.example",
        "displayName": "Nia New",
        "status": "DEACTIVATED",
        "active": False,
        "statusHistory": [{"action": "DEACTIVATED", "actor": None}],
    }
    # The userName is free for someone else.
    other = await provision_user(
        database, tenant_id=world.acme.id, fields=fields(email="someone@acme.example")
    )
    assert other.user_name == "Nia.New@Acme.example" and other.id != made.id


async def test_detaching_a_deactivated_user_just_detaches(database):
    world = await build_world(database)
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.dee.id)
    assert [e["action"] for e in await audit_entries(database)] == ["USER_DETACHED"]
    row = await user_row(database, world.dee.id)
    assert (row.status, row.version, row.deactivated_at) == (
        UserStatus.DEACTIVATED,
        2,
        world.dee.deactivated_at,
    )


async def test_the_last_admin_is_not_detached_and_nothing_changes(database):
    world = await build_world(database)
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.ada.id)
    assert raised.value.error.code is UserErrorCode.LAST_ADMIN
    assert await snapshot(database) == before
    # With a second admin, the first goes.
    await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.ada.id)
    assert (await user_row(database, world.ada.id)).status == UserStatus.DEACTIVATED


async def test_detach_refusals_write_nothing(database):
    world = await build_world(database)
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.dee.id)
    before = await snapshot(database)
    for user_id in (9999, world.dee.id):
        with pytest.raises(UserErrorRaised) as raised:
            await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=user_id)
        assert raised.value.error == UserErrorData(
            UserErrorCode.NOT_FOUND, "No user with this id.", ("id",)
        )
    with pytest.raises(StaleVersion):
        await detach_provisioned_user(
            database, tenant_id=world.acme.id, user_id=world.ben.id, expected_version=7
        )
    assert await snapshot(database) == before


@pytest.mark.parametrize("active", [True, False])
async def test_a_rehire_with_their_old_email_is_the_same_user_again(database, active):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=made.id)
    again = await provision_user(
        database,
        tenant_id=world.acme.id,
        fields=fields("nia@acme.example", email="NIA.NEW@acme.example", family_name="Neu"),
        active=active,
    )
    assert again.id == made.id
    assert (again.user_name, again.email, again.family_name, again.scim_detached_at) == (
        "nia@acme.example",
        "NIA.NEW@acme.example",
        "Neu",
        None,
    )
    assert again.status == (UserStatus.ACTIVE if active else UserStatus.DEACTIVATED)
    entries = await audit_entries(database)
    detached_at = entries[2]["changes"][1]["after"]
    assert entries[3] == {
        "tenant_id": world.acme.id,
        "actor_kind": "PROVISIONING",
        "actor_id": None,
        "action": "USER_UPDATED",
        "target_type": "User",
        "target_id": made.id,
        "target_user_id": made.id,
        "changes": [
            {"field": "userName", "before": None, "after": "nia@acme.example"},
            {"field": "email", "before": "nia.new@acme.example", "after": "NIA.NEW@acme.example"},
            {"field": "familyName", "before": "New", "after": "Neu"},
            {"field": "scimDetachedAt", "before": detached_at, "after": None},
        ],
    }
    assert [e["action"] for e in entries[4:]] == (["USER_ACTIVATED"] if active else [])
    assert (await _seen(database, world.acme.id, made.id)) is not None
    # The history is kept: the earlier deactivation is still there.
    expected = [("DEACTIVATED", "PROVISIONING", None)]
    if active:
        expected.append(("ACTIVATED", "PROVISIONING", None))
    assert await status_events(database, made.id) == expected


async def test_a_rehire_whose_user_name_is_taken_is_refused_and_stays_detached(database):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=made.id)
    await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=world.ben.id,
        fields=fields("ben", email=world.ben.email, display_name="Ben Bell"),
        active=None,
    )
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await provision_user(database, tenant_id=world.acme.id, fields=fields("BEN"))
    assert (raised.value.error.code, raised.value.error.field) == (
        UserErrorCode.ALREADY_EXISTS,
        ("userName",),
    )
    assert await snapshot(database) == before


async def test_detached_users_never_appear_in_a_list_deactivated_ones_do(database):
    world = await build_world(database)
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.cai.id)
    reader = Reader(database)
    try:
        total, page = await directory_users(
            reader, tenant_id=world.acme.id, where=None, offset=0, limit=10
        )
    finally:
        await reader.finish()
    assert total == 3
    assert [(user.row.id, user.row.status) for user in page] == [
        (world.ada.id, UserStatus.ACTIVE),
        (world.ben.id, UserStatus.ACTIVE),
        (world.dee.id, UserStatus.DEACTIVATED),
    ]
