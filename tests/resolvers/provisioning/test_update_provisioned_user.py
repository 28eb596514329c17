"""update_provisioned_user: the Edit dialog's field writer and the one status code path,
actor PROVISIONING; a stale version, a detached user, a guard: nothing written."""

import pytest

from db.enums import Role, UserStatus
from resolvers.errors import StaleVersion, UserErrorCode, UserErrorData, UserErrorRaised
from resolvers.people.provisioning import (
    detach_provisioned_user,
    provision_user,
    update_provisioned_user,
)
from tests.admin.world import build_world
from tests.audit_rows import audit_entries
from tests.factories import make_tenant, make_user
from tests.resolvers.provisioning.helpers import (
    fields,
    snapshot,
    status_events,
    user_row,
    without_instants,
)


async def test_changed_fields_are_one_entry_and_bump_the_version(database):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    row = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=made.id,
        fields=fields(
            "nia.old@acme.example",
            email="nia.old@acme.example",
            display_name="Nia Old",
            family_name=None,
        ),
        active=None,
        expected_version=1,
    )
    assert without_instants(row) == {
        **without_instants(made),
        "email": "nia.old@acme.example",
        "email_folded": "nia.old@acme.example",
        "display_name": "Nia Old",
        "display_name_folded": "nia old",
        "user_name": "nia.old@acme.example",
        "user_name_folded": "nia.old@acme.example",
        "family_name": None,
        "version": 2,
    }
    assert row.updated_at is not None and row.updated_at >= made.created_at
    assert row.created_at == made.created_at
    assert without_instants(await user_row(database, made.id)) == without_instants(row)
    assert (await audit_entries(database))[1:] == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "PROVISIONING",
            "actor_id": None,
            "action": "USER_UPDATED",
            "target_type": "User",
            "target_id": made.id,
            "target_user_id": made.id,
            "changes": [
                {
                    "field": "userName",
                    "before": "Nia.New@Acme.example",
                    "after": "nia.old@acme.example",
                },
                {
                    "field": "email",
                    "before": "nia.new@acme.example",
                    "after": "nia.old@acme.example",
                },
                {"field": "displayName", "before": "Nia New", "after": "Nia Old"},
                {"field": "familyName", "before": "New", "after": None},
            ],
        }
    ]


async def test_nothing_changed_writes_nothing(database):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    before = await snapshot(database)
    row = await update_provisioned_user(
        database, tenant_id=world.acme.id, user_id=made.id, fields=fields(), active=True
    )
    assert row == made
    assert await snapshot(database) == before


async def test_active_none_leaves_the_status_and_false_then_true_go_the_status_path(database):
    world = await build_world(database)
    # Dee is deactivated: a PUT that omits active must not touch that.
    dee = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=world.dee.id,
        fields=fields("dee", email=world.dee.email, display_name="Dee Dunn"),
        active=None,
    )
    assert dee.status == UserStatus.DEACTIVATED
    assert [e["action"] for e in await audit_entries(database)] == ["USER_UPDATED"]
    ben = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=world.ben.id,
        fields=fields("ben", email=world.ben.email, display_name="Ben Bell"),
        active=False,
    )
    assert (ben.status, ben.version) == (UserStatus.DEACTIVATED, 3)
    back = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=world.ben.id,
        fields=fields("ben", email=world.ben.email, display_name="Ben Bell"),
        active=True,
        expected_version=3,
    )
    assert (back.status, back.version, back.deactivated_at) == (UserStatus.ACTIVE, 4, None)
    assert [(e["action"], e["actor_kind"]) for e in await audit_entries(database)] == [
        ("USER_UPDATED", "PROVISIONING"),
        ("USER_UPDATED", "PROVISIONING"),
        ("USER_DEACTIVATED", "PROVISIONING"),
        ("USER_ACTIVATED", "PROVISIONING"),
    ]
    assert await status_events(database, world.ben.id) == [
        ("DEACTIVATED", "PROVISIONING", None),
        ("ACTIVATED", "PROVISIONING", None),
    ]
    # The deactivation did everything an admin's does: Ben's integrations are gone.
    integrations = (await snapshot(database))["video_integrations"]
    assert [row["user_id"] for row in integrations] == [world.cai.id]


async def test_a_stale_version_is_refused_and_writes_nothing(database):
    world = await build_world(database)
    before = await snapshot(database)
    with pytest.raises(StaleVersion) as raised:
        await update_provisioned_user(
            database,
            tenant_id=world.acme.id,
            user_id=world.ben.id,
            fields=fields("ben", email=world.ben.email, display_name="Ben B"),
            active=False,
            expected_version=2,
        )
    assert (raised.value.expected, raised.value.actual) == (2, 1)
    assert await snapshot(database) == before


async def test_the_last_admin_is_not_deactivated_and_nothing_is_written(database):
    world = await build_world(database)
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await update_provisioned_user(
            database,
            tenant_id=world.acme.id,
            user_id=world.ada.id,
            fields=fields("ada", email=world.ada.email, display_name="Ada A"),
            active=False,
        )
    assert raised.value.error == UserErrorData(
        UserErrorCode.LAST_ADMIN,
        "This is the tenant's last active admin; make another admin first.",
        ("id",),
    )
    assert await snapshot(database) == before


async def test_unknown_foreign_and_detached_users_are_not_found(database):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    stranger = await make_user(database, globex, "Sam Stranger")
    await detach_provisioned_user(database, tenant_id=world.acme.id, user_id=world.cai.id)
    before = await snapshot(database)
    for user_id in (9999, stranger.id, world.cai.id):
        with pytest.raises(UserErrorRaised) as raised:
            await update_provisioned_user(
                database,
                tenant_id=world.acme.id,
                user_id=user_id,
                fields=fields("x", email="x@acme.example", display_name="X"),
                active=True,
            )
        assert raised.value.error == UserErrorData(
            UserErrorCode.NOT_FOUND, "No user with this id.", ("id",)
        )
    assert await snapshot(database) == before


@pytest.mark.parametrize(
    ("sent", "message", "field"),
    [
        pytest.param(
            fields("BEN", email="cai.chen@acme.example"),
            "Another user of this tenant has this userName.",
            ("userName",),
            id="userName",
        ),
        pytest.param(
            fields("cai", email="BEN.bell@acme.example"),
            "Another user of this tenant has this email address.",
            ("emails",),
            id="email",
        ),
    ],
)
async def test_another_users_user_name_or_email_is_taken(database, sent, message, field):
    world = await build_world(database)
    await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=world.ben.id,
        fields=fields("ben", email=world.ben.email, display_name="Ben Bell"),
        active=None,
    )
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await update_provisioned_user(
            database, tenant_id=world.acme.id, user_id=world.cai.id, fields=sent, active=None
        )
    assert raised.value.error == UserErrorData(UserErrorCode.ALREADY_EXISTS, message, field)
    assert await snapshot(database) == before


async def test_a_user_keeps_their_own_user_name_in_another_case(database):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    row = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=made.id,
        fields=fields("NIA.NEW@acme.example"),
        active=None,
    )
    assert (row.user_name, row.role) == ("NIA.NEW@acme.example", Role.MEMBER)
