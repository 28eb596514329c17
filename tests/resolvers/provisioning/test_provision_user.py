"""provision_user: a new MEMBER through createUser's own insert and audit, actor
PROVISIONING; every refusal writes nothing."""

import asyncio

import pytest

from db.enums import Role, UserStatus
from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised
from resolvers.people.provisioning import provision_user
from tests.admin.world import build_world
from tests.audit_rows import audit_entries
from tests.factories import make_tenant
from tests.resolvers.provisioning.helpers import (
    fields,
    is_instant,
    snapshot,
    status_events,
    user_row,
    without_instants,
)


async def test_a_new_user_has_what_the_provider_sent_and_one_audit_entry(database):
    world = await build_world(database)
    row = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    assert without_instants(row) == {
        "id": row.id,
        "tenant_id": world.acme.id,
        "email": "nia.new@acme.example",
        "display_name": "Nia New",
        "role": Role.MEMBER,
        "status": UserStatus.ACTIVE,
        "version": 1,
        "email_folded": "nia.new@acme.example",
        "display_name_folded": "nia new",
        "external_id": "00u1nia",
        "user_name": "Nia.New@Acme.example",
        "user_name_folded": "nia.new@acme.example",
        "given_name": "Nia",
        "family_name": "New",
        "scim_enterprise": None,
    }
    assert is_instant(row.created_at)
    assert (row.updated_at, row.deactivated_at, row.scim_detached_at) == (None, None, None)
    assert without_instants(await user_row(database, row.id)) == without_instants(row)
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "PROVISIONING",
            "actor_id": None,
            "action": "USER_CREATED",
            "target_type": "User",
            "target_id": row.id,
            "target_user_id": row.id,
            "changes": [
                {"field": "userName", "before": None, "after": "Nia.New@Acme.example"},
                {"field": "email", "before": None, "after": "nia.new@acme.example"},
                {"field": "displayName", "before": None, "after": "Nia New"},
                {"field": "givenName", "before": None, "after": "Nia"},
                {"field": "familyName", "before": None, "after": "New"},
                {"field": "role", "before": None, "after": "MEMBER"},
                {"field": "externalId", "before": None, "after": "00u1nia"},
            ],
        }
    ]
    assert await status_events(database, row.id) == []


async def test_empty_fields_are_left_out_of_the_entry_and_names_are_trimmed(database):
    world = await build_world(database)
    sent = fields(
        "nia", display_name="  Nia  ", given_name="  ", family_name=None, external_id=None
    )
    row = await provision_user(database, tenant_id=world.acme.id, fields=sent)
    assert (row.user_name, row.display_name, row.given_name, row.family_name) == (
        "nia",
        "Nia",
        None,
        None,
    )
    assert (await audit_entries(database))[-1]["changes"] == [
        {"field": "userName", "before": None, "after": "nia"},
        {"field": "email", "before": None, "after": "nia.new@acme.example"},
        {"field": "displayName", "before": None, "after": "Nia"},
        {"field": "role", "before": None, "after": "MEMBER"},
    ]


async def test_active_false_creates_then_deactivates_through_the_status_path(database):
    world = await build_world(database)
    row = await provision_user(database, tenant_id=world.acme.id, fields=fields(), active=False)
    assert row.status == UserStatus.DEACTIVATED
    assert row.deactivated_at is not None and row.updated_at == row.deactivated_at
    assert row.version == 2
    entries = await audit_entries(database)
    assert [(e["action"], e["actor_kind"], e["actor_id"]) for e in entries] == [
        ("USER_CREATED", "PROVISIONING", None),
        ("USER_DEACTIVATED", "PROVISIONING", None),
    ]
    assert entries[1]["changes"] == [
        {"field": "status", "before": "ACTIVE", "after": "DEACTIVATED"},
        {"field": "deactivatedAt", "before": None, "after": row.deactivated_at.isoformat()},
    ]
    assert await status_events(database, row.id) == [("DEACTIVATED", "PROVISIONING", None)]


@pytest.mark.parametrize(
    ("sent", "code", "field"),
    [
        pytest.param(fields(email="not an address"), "INVALID_INPUT", ("emails",), id="email"),
        pytest.param(fields(display_name="   "), "INVALID_INPUT", ("displayName",), id="name"),
        pytest.param(
            fields(display_name="x" * 201), "INVALID_INPUT", ("displayName",), id="long-name"
        ),
        pytest.param(fields(external_id=""), "INVALID_INPUT", ("externalId",), id="externalId"),
        pytest.param(
            fields(external_id="x" * 201), "INVALID_INPUT", ("externalId",), id="long-externalId"
        ),
        pytest.param(fields(""), "INVALID_INPUT", ("userName",), id="empty-userName"),
        pytest.param(fields("  "), "INVALID_INPUT", ("userName",), id="blank-userName"),
        pytest.param(fields("u" * 321), "INVALID_INPUT", ("userName",), id="long-userName"),
        pytest.param(
            fields(given_name="g" * 201), "INVALID_INPUT", ("name", "givenName"), id="givenName"
        ),
        pytest.param(
            fields(family_name="f" * 201), "INVALID_INPUT", ("name", "familyName"), id="familyName"
        ),
        # Ben's email, in another case: taken (emails compare folded).
        pytest.param(
            fields(email="BEN.BELL@acme.example"), "ALREADY_EXISTS", ("emails",), id="email-taken"
        ),
    ],
)
async def test_refusals_write_nothing(database, sent, code, field):
    world = await build_world(database)
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await provision_user(database, tenant_id=world.acme.id, fields=sent)
    assert (raised.value.error.code, raised.value.error.field) == (UserErrorCode(code), field)
    assert await snapshot(database) == before


async def test_a_user_name_is_unique_per_tenant_in_any_case(database):
    world = await build_world(database)
    await provision_user(database, tenant_id=world.acme.id, fields=fields("ÅSA@acme.example"))
    before = await snapshot(database)
    with pytest.raises(UserErrorRaised) as raised:
        await provision_user(
            database,
            tenant_id=world.acme.id,
            fields=fields("åsa@ACME.example", email="other@acme.example"),
        )
    assert raised.value.error == UserErrorData(
        UserErrorCode.ALREADY_EXISTS,
        "Another user of this tenant has this userName.",
        ("userName",),
    )
    assert await snapshot(database) == before
    # Another tenant may have it.
    globex = await make_tenant(database, "globex")
    other = await provision_user(database, tenant_id=globex.id, fields=fields("ÅSA@acme.example"))
    assert other.tenant_id == globex.id


async def test_two_at_once_with_one_user_name_make_one_user(database):
    """Both may pass the check before either writes (PostgreSQL): the unique constraint
    then refuses the second, answered as the check would answer."""
    world = await build_world(database)
    results = await asyncio.gather(
        provision_user(database, tenant_id=world.acme.id, fields=fields("twin@acme.example")),
        provision_user(
            database,
            tenant_id=world.acme.id,
            fields=fields("TWIN@acme.example", email="twin2@acme.example"),
        ),
        return_exceptions=True,
    )
    made = [result for result in results if not isinstance(result, BaseException)]
    refused = [result for result in results if isinstance(result, BaseException)]
    assert len(made) == 1 and len(refused) == 1
    assert isinstance(refused[0], UserErrorRaised)
    assert (refused[0].error.code, refused[0].error.field) == (
        UserErrorCode.ALREADY_EXISTS,
        ("userName",),
    )
    assert [e["action"] for e in await audit_entries(database)] == ["USER_CREATED"]
