"""The enterprise extension's values (employeeNumber, department, manager...): kept in
users.scim_enterprise by the provisioning functions, audited as a changed field; a
manager who is no user of the tenant is refused and nothing is written."""

import pytest

from resolvers.errors import UserErrorCode, UserErrorData, UserErrorRaised
from resolvers.people.enterprise import ENTERPRISE, MANAGER, NO_MANAGER, EnterpriseFields
from resolvers.people.provisioning import provision_user, update_provisioned_user
from tests.admin.world import build_world
from tests.audit_rows import audit_entries
from tests.factories import make_tenant, make_user
from tests.resolvers.provisioning.helpers import fields, snapshot, user_row


async def test_enterprise_values_are_kept_and_their_change_audited(database):
    world = await build_world(database)
    hired = EnterpriseFields(employee_number="701984", department="Tour Operations")
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields(enterprise=hired))
    assert made.scim_enterprise == {"employeeNumber": "701984", "department": "Tour Operations"}
    moved = EnterpriseFields(employee_number="701984", department="Sales", manager_id=world.ada.id)
    row = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=made.id,
        fields=fields(enterprise=moved),
        active=None,
    )
    stored = {"employeeNumber": "701984", "department": "Sales", "managerId": world.ada.id}
    assert (row.scim_enterprise, row.version) == (stored, 2)
    assert (await user_row(database, made.id)).scim_enterprise == stored
    assert EnterpriseFields.of(row.scim_enterprise) == moved
    entries = await audit_entries(database)
    assert entries[-2]["changes"][-1] == {
        "field": "enterprise",
        "before": None,
        "after": {"employeeNumber": "701984", "department": "Tour Operations"},
    }
    assert entries[-1]["action"] == "USER_UPDATED"
    assert entries[-1]["changes"] == [
        {
            "field": "enterprise",
            "before": {"employeeNumber": "701984", "department": "Tour Operations"},
            "after": stored,
        }
    ]

    # None of them sent (a PUT without the extension): the column is emptied.
    cleared = await update_provisioned_user(
        database, tenant_id=world.acme.id, user_id=made.id, fields=fields(), active=None
    )
    assert (cleared.scim_enterprise, cleared.version) == (None, 3)


@pytest.mark.parametrize("other_tenant", [False, True], ids=["no such user", "another tenant's"])
async def test_a_manager_who_is_no_user_of_the_tenant_is_refused(database, other_tenant):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    manager_id: int | None = 999_999
    if other_tenant:
        globex = await make_tenant(database, slug="globex")
        manager_id = (await make_user(database, globex, "Gus Globex")).id
    before = await snapshot(database)
    refused = UserErrorRaised(UserErrorData(UserErrorCode.INVALID_INPUT, NO_MANAGER, MANAGER))
    with pytest.raises(UserErrorRaised) as raised:
        await update_provisioned_user(
            database,
            tenant_id=world.acme.id,
            user_id=made.id,
            fields=fields(enterprise=EnterpriseFields(manager_id=manager_id)),
            active=None,
        )
    assert raised.value.error == refused.error
    with pytest.raises(UserErrorRaised) as raised:
        await provision_user(
            database,
            tenant_id=world.acme.id,
            fields=fields(
                "someone@acme.example",
                email="someone@acme.example",
                external_id=None,
                enterprise=EnterpriseFields(manager_id=manager_id),
            ),
        )
    assert raised.value.error == refused.error
    assert await snapshot(database) == before


@pytest.mark.parametrize(
    ("attribute", "name"),
    [
        ("employee_number", "employeeNumber"),
        ("cost_center", "costCenter"),
        ("organization", "organization"),
        ("division", "division"),
        ("department", "department"),
    ],
)
async def test_an_enterprise_value_over_200_characters_is_refused(database, attribute, name):
    world = await build_world(database)
    made = await provision_user(database, tenant_id=world.acme.id, fields=fields())
    before = await snapshot(database)
    too_long = EnterpriseFields(**{attribute: "x" * 201})
    with pytest.raises(UserErrorRaised) as raised:
        await update_provisioned_user(
            database,
            tenant_id=world.acme.id,
            user_id=made.id,
            fields=fields(enterprise=too_long),
            active=None,
        )
    assert raised.value.error == UserErrorData(
        UserErrorCode.INVALID_INPUT,
        f"{name} has at most 200 characters.",
        (f"{ENTERPRISE}:{name}",),
    )
    assert await snapshot(database) == before
    # 200 is kept.
    kept = EnterpriseFields(**{attribute: "x" * 200})
    row = await update_provisioned_user(
        database,
        tenant_id=world.acme.id,
        user_id=made.id,
        fields=fields(enterprise=kept),
        active=None,
    )
    assert row.scim_enterprise == {name: "x" * 200}
