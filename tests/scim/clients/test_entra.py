"""Microsoft Entra ID's provisioning, request by request as Microsoft's tutorial and its
known-issues page show them, with and without the flag aadOptscim062020
(tests/scim/clients/entra_requests.py), against a served roster: each answer whole, and
after each deactivation the chart in every product and the audit log."""

from typing import Any

import pytest

from db.enums import UserStatus
from db.models import User
from db.types import utcnow
from resolvers.ids import to_global_id
from tests.chart.probes import ACTIVATED_AGAIN, BEFORE, DEACTIVATED, GROUP, NUMBER
from tests.scim.clients import entra_requests as entra
from tests.scim.clients.answers import Tracked, answer, error, group_json, listed, user_json
from tests.scim.clients.bodies import with_ids
from tests.scim.clients.conftest import LiveScim
from tests.scim.clients.lifecycle import chart_of, status_audit

EMAIL = "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"
CREATED = {
    "user_name": entra.USER_NAME,
    "email": EMAIL,
    "display_name": "givenName familyName",
    "given_name": "givenName",
    "family_name": "familyName",
    "external_id": entra.EXTERNAL_ID,
}


async def _create(live: LiveScim) -> tuple[Tracked, dict[str, Any]]:
    async with live.scim() as scim:
        response = await scim.post("/Users", json=entra.CREATE_USER_CORE_ONLY)
    status, body = answer(response)
    assert status == 201, body
    return Tracked.of(live.scim_url, body), body


async def test_entra_creates_a_user_listing_the_enterprise_extension(live_scim: LiveScim):
    # The tutorial's create lists the extension in schemas, with no attribute of it.
    async with live_scim.scim() as scim:
        status, body = answer(await scim.post("/Users", json=entra.CREATE_USER))
    user = Tracked.of(live_scim.scim_url, body) if "meta" in body else Tracked("", "", "", "")
    assert (status, body) == (201, user_json(user, body, version=1, **CREATED))


async def test_entra_creates_a_user_with_enterprise_attributes_and_patches_one(
    live_scim: LiveScim,
):
    # Entra's default mapping: employeeNumber and department in the extension.
    sent = {
        **entra.CREATE_USER,
        entra.ENTERPRISE: {"employeeNumber": "701984", "department": "Ops"},
    }
    patched = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Replace", "value": {f"{entra.ENTERPRISE}:department": "Sales"}}],
    }
    async with live_scim.scim() as scim:
        status, body = answer(await scim.post("/Users", json=sent))
        user = Tracked.of(live_scim.scim_url, body) if "meta" in body else Tracked("", "", "", "")
        hired = {"employeeNumber": "701984", "department": "Ops"}
        assert (status, body) == (
            201,
            user_json(user, body, version=1, enterprise=hired, **CREATED),
        )
        status, body = answer(await scim.patch(f"/Users/{user.id}", json=patched))
        moved = {"employeeNumber": "701984", "department": "Sales"}
        assert (status, body) == (
            200,
            user_json(user, body, version=2, enterprise=moved, **CREATED),
        )
        assert answer(await scim.get(f"/Users/{user.id}")) == (
            200,
            user_json(user, body, version=2, enterprise=moved, **CREATED),
        )


async def test_entra_finds_a_user_by_user_name_and_by_external_id(live_scim: LiveScim):
    async with live_scim.scim() as scim:
        # Test Connection, and the lookup before the create: zero results.
        for documented in (entra.LOOKUP_MISSING_USER_FILTER, entra.LOOKUP_USER_FILTER):
            assert answer(await scim.get("/Users", params={"filter": documented})) == (
                200,
                listed(),
            )
        response = await scim.post("/Users", json=entra.CREATE_USER_CORE_ONLY)
        status, body = answer(response)
        user = Tracked.of(live_scim.scim_url, body)
        created = user_json(user, body, version=1, **CREATED)
        assert (status, body) == (201, created)
        assert response.headers["location"] == user.location

        for documented in (entra.LOOKUP_USER_FILTER, entra.LOOKUP_USER_BY_EXTERNAL_ID_FILTER):
            assert answer(await scim.get("/Users", params={"filter": documented})) == (
                200,
                listed(created),
            )
        assert answer(await scim.get(f"/Users/{user.id}")) == (200, created)


async def test_entra_updates_a_user_with_and_without_the_flag(live_scim: LiveScim):
    user, _ = await _create(live_scim)
    async with live_scim.scim() as scim:
        # Multi-valued properties: a value-filtered email path and a dotted path.
        status, body = answer(
            await scim.patch(f"/Users/{user.id}", json=entra.UPDATE_USER_MULTI_VALUED)
        )
        fields = {
            **CREATED,
            "email": "updatedEmail@microsoft.com",
            "family_name": "updatedFamilyName",
        }
        assert (status, body) == (200, user_json(user, body, version=2, **fields))

        # Single-valued: a new userName.
        status, body = answer(await scim.patch(f"/Users/{user.id}", json=entra.UPDATE_USER_NAME))
        fields["user_name"] = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
        assert (status, body) == (200, user_json(user, body, version=3, **fields))

        # Several attributes, one operation each (default), without the enterprise one.
        status, body = answer(
            await scim.patch(f"/Users/{user.id}", json=entra.REPLACE_ATTRIBUTES_DEFAULT_CORE_ONLY)
        )
        fields.update(
            display_name="Pvlo",
            email="TestBcwqnm@test.microsoft.com",
            given_name="Gtfd",
            family_name="Pkqf",
            external_id="Eqpj",
        )
        assert (status, body) == (200, user_json(user, body, version=4, **fields))

        # The same with the flag: a no-path replace with dotted keys.
        status, body = answer(
            await scim.patch(f"/Users/{user.id}", json=entra.REPLACE_ATTRIBUTES_FLAG_CORE_ONLY)
        )
        fields.update(
            display_name="Bjfe",
            email="TestMhvaes@test.microsoft.com",
            given_name="Kkom",
            family_name="Unua",
        )
        assert (status, body) == (200, user_json(user, body, version=5, **fields))
        assert answer(await scim.get(f"/Users/{user.id}")) == (
            200,
            user_json(user, body, version=5, **fields),
        )


@pytest.mark.parametrize(
    "documented",
    [entra.REPLACE_ATTRIBUTES_DEFAULT, entra.REPLACE_ATTRIBUTES_FLAG],
    ids=["default", "aadOptscim062020"],
)
async def test_entra_replaces_several_attributes_an_enterprise_one_among_them(
    live_scim: LiveScim, documented: dict[str, Any]
):
    user, _ = await _create(live_scim)
    async with live_scim.scim() as scim:
        status, body = answer(await scim.patch(f"/Users/{user.id}", json=documented))
    flagged = documented is entra.REPLACE_ATTRIBUTES_FLAG
    fields: dict[str, Any] = {
        **CREATED,
        "display_name": "Bjfe" if flagged else "Pvlo",
        "email": "TestMhvaes@test.microsoft.com" if flagged else "TestBcwqnm@test.microsoft.com",
        "given_name": "Kkom" if flagged else "Gtfd",
        "family_name": "Unua" if flagged else "Pkqf",
    }
    if not flagged:
        fields["external_id"] = "Eqpj"
    fields["enterprise"] = {"employeeNumber": "Aklq" if flagged else "Eqpj"}
    assert (status, body) == (200, user_json(user, body, version=2, **fields))


MANAGER_FORMS = {
    "tutorial: the short path, a reference list": entra.ADD_MANAGER,
    "the extension's path, the id as a string": entra.ADD_MANAGER_BY_ID,
}


@pytest.mark.parametrize("documented", list(MANAGER_FORMS.values()), ids=list(MANAGER_FORMS))
async def test_entra_adds_a_manager_then_removes_them(
    live_scim: LiveScim, documented: dict[str, Any]
):
    user, _ = await _create(live_scim)
    admin_id = str(live_scim.admin.id)
    manager = {
        "value": admin_id,
        "$ref": f"{live_scim.scim_url}/Users/{admin_id}",
        "displayName": "Ada Admin",
    }
    async with live_scim.scim() as scim:
        status, body = answer(
            await scim.patch(
                f"/Users/{user.id}", json=with_ids(documented, {entra.DOC_MANAGER_ID: admin_id})
            )
        )
        managed = user_json(user, body, version=2, enterprise={"manager": manager}, **CREATED)
        assert (status, body) == (200, managed)
        assert answer(await scim.get(f"/Users/{user.id}")) == (200, managed)

        status, body = answer(await scim.patch(f"/Users/{user.id}", json=entra.REMOVE_MANAGER))
        assert (status, body) == (200, user_json(user, body, version=3, **CREATED))


async def test_entra_names_a_manager_who_is_no_user_of_the_tenant(live_scim: LiveScim):
    user, _ = await _create(live_scim)
    async with live_scim.scim() as scim:
        for manager_id in ("999999", "not-an-id"):
            assert answer(
                await scim.patch(
                    f"/Users/{user.id}",
                    json=with_ids(entra.ADD_MANAGER, {entra.DOC_MANAGER_ID: manager_id}),
                )
            ) == (400, error(400, NO_MANAGER[manager_id], "invalidValue"))
        assert answer(await scim.get(f"/Users/{user.id}")) == (
            200,
            user_json(user, {}, version=1, **CREATED),
        )


NO_MANAGER = {
    "999999": f"{entra.ENTERPRISE}:manager.value: No user of this tenant has this id.",
    "not-an-id": f"{entra.ENTERPRISE}:manager.value: no user of this tenant has the id "
    "'not-an-id'.",
}


@pytest.mark.parametrize(
    "documented", [entra.ADD_NICKNAME_DEFAULT, entra.ADD_NICKNAME_FLAG], ids=["default", "flag"]
)
async def test_entra_adds_an_attribute_roster_does_not_keep(
    live_scim: LiveScim, documented: dict[str, Any]
):
    # "Add" or "add", a single-value string: accepted, and the user is unchanged.
    user, _ = await _create(live_scim)
    async with live_scim.scim() as scim:
        status, body = answer(await scim.patch(f"/Users/{user.id}", json=documented))
    assert (status, body) == (200, user_json(user, body, version=1, **CREATED))


async def test_entra_refuses_the_unquoted_filter_of_its_tutorial(live_scim: LiveScim):
    # Example 1 prints the filter value unquoted: no SCIM filter (RFC 7644 §3.4.2.2).
    async with live_scim.scim() as scim:
        assert answer(await scim.get("/Users", params={"filter": "externalId eq jyoung"})) == (
            400,
            error(400, "invalid syntax at column 15", "invalidFilter"),
        )


async def test_entra_creates_the_user_of_its_sample_code(live_scim: LiveScim):
    # Example 2 names enterprise attributes as core ones (null) and misspells the
    # extension's URN: what roster does not keep is ignored, the rest is the user.
    async with live_scim.scim() as scim:
        status, body = answer(await scim.post("/Users", json=entra.CREATE_USER_SAMPLE_CODE))
        user = Tracked.of(live_scim.scim_url, body) if "meta" in body else Tracked("", "", "", "")
        created = user_json(
            user,
            body,
            version=1,
            user_name="jyoung@testuser.com",
            email="jyoung@contoso.com",  # roster keeps a domain in lower case
            display_name="Joy Young",
            given_name="Joy",
            family_name="Young",
            external_id="jyoung",
        )
        assert (status, body) == (201, created)
        assert answer(
            await scim.get("/Users", params={"filter": 'userName eq "jyoung@testuser.com"'})
        ) == (200, listed(created))


DISABLE_ENABLE = {
    "default: the strings False and True": (entra.DISABLE_USER_DEFAULT, entra.ENABLE_USER_DEFAULT),
    "aadOptscim062020: booleans": (entra.DISABLE_USER_FLAG, entra.ENABLE_USER_FLAG),
    "the tutorial's Disable User": (entra.DISABLE_USER_TUTORIAL, entra.ENABLE_USER_FLAG),
}


@pytest.mark.parametrize("dialect", list(DISABLE_ENABLE))
async def test_entra_disables_and_enables_a_user(live_scim: LiveScim, dialect: str):
    disable, enable = DISABLE_ENABLE[dialect]
    user, _ = await _create(live_scim)
    async with live_scim.scim() as scim, chart_of(live_scim, user.id, utcnow()) as chart:
        await chart.assert_chart_holds(BEFORE)
        group_id = (
            await scim.get("/Groups", params={"filter": f'displayName eq "{GROUP}"'})
        ).json()["Resources"][0]["id"]
        equipped = {**CREATED, "phone_numbers": (NUMBER,), "groups": ((group_id, GROUP),)}

        status, body = answer(await scim.patch(f"/Users/{user.id}", json=disable))
        assert (status, body) == (200, user_json(user, body, version=2, active=False, **equipped))
        await chart.assert_chart_holds(DEACTIVATED)
        # Still returned by GET and by filters, inactive (Entra requires it).
        status, body = answer(
            await scim.get("/Users", params={"filter": entra.LOOKUP_USER_BY_EXTERNAL_ID_FILTER})
        )
        assert (status, body) == (
            200,
            listed(user_json(user, body["Resources"][0], version=2, active=False, **equipped)),
        )

        status, body = answer(await scim.patch(f"/Users/{user.id}", json=enable))
        assert (status, body) == (200, user_json(user, body, version=3, **equipped))
        await chart.assert_chart_holds(ACTIVATED_AGAIN)

    assert await status_audit(live_scim, user.id) == [
        {
            "action": action,
            "actorKind": "PROVISIONING",
            "actor": None,
            "targetType": "User",
            "targetId": to_global_id("User", int(user.id)),
        }
        for action in ["USER_ACTIVATED", "USER_DEACTIVATED"]
    ]


async def test_entra_deletes_a_user_who_stays_in_roster_deactivated_and_comes_back(
    live_scim: LiveScim,
):
    user, _ = await _create(live_scim)
    async with live_scim.scim() as scim, chart_of(live_scim, user.id, utcnow()) as chart:
        await chart.assert_chart_holds(BEFORE)
        assert answer(await scim.delete(f"/Users/{user.id}")) == (204, None)
        # Gone from SCIM's view (RFC 7644 3.6) ...
        assert answer(await scim.get(f"/Users/{user.id}")) == (
            404,
            error(404, f"No user with the id '{user.id}'."),
        )
        for documented in (entra.LOOKUP_USER_FILTER, entra.LOOKUP_USER_BY_EXTERNAL_ID_FILTER):
            assert answer(await scim.get("/Users", params={"filter": documented})) == (
                200,
                listed(),
            )
        # ... deactivated in roster through the status path, with what the chart keeps.
        await chart.assert_chart_holds(DEACTIVATED)
        async with live_scim.database.session() as session:
            kept = await session.get(User, int(user.id))
        assert kept is not None
        assert (kept.status, kept.scim_detached_at is not None) == (UserStatus.DEACTIVATED, True)

        # Back in scope: Entra creates them again, and roster attaches the same user.
        group_id = (
            await scim.get("/Groups", params={"filter": f'displayName eq "{GROUP}"'})
        ).json()["Resources"][0]["id"]
        status, body = answer(await scim.post("/Users", json=entra.CREATE_USER_CORE_ONLY))
        equipped = {**CREATED, "phone_numbers": (NUMBER,), "groups": ((group_id, GROUP),)}
        assert (status, body) == (201, user_json(user, body, version=5, **equipped))
        await chart.assert_chart_holds(ACTIVATED_AGAIN)
    assert await status_audit(live_scim, user.id) == [
        {
            "action": action,
            "actorKind": "PROVISIONING",
            "actor": None,
            "targetType": "User",
            "targetId": to_global_id("User", int(user.id)),
        }
        for action in ["USER_ACTIVATED", "USER_DEACTIVATED"]
    ]


def _members(**ids: str) -> dict[str, str]:
    return {getattr(entra, name): value for name, value in ids.items()}


GROUP_EXTERNAL_ID = "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"


async def test_entra_creates_a_group_listing_microsofts_group_schema(live_scim: LiveScim):
    async with live_scim.scim() as scim:
        status, body = answer(await scim.post("/Groups", json=entra.CREATE_GROUP))
    group = Tracked.of(live_scim.scim_url, body) if "meta" in body else Tracked("", "", "", "")
    assert (status, body) == (
        201,
        group_json(
            group, body, version=1, display_name="displayName", external_id=GROUP_EXTERNAL_ID
        ),
    )


REMOVALS = {
    "tutorial: path members, a value list": pytest.param(entra.REMOVE_MEMBERS),
    "default: path members, a value list": pytest.param(entra.REMOVE_MEMBER_DEFAULT),
    "aadOptscim062020: a value filter": pytest.param(entra.REMOVE_MEMBER_FLAG),
}


@pytest.mark.parametrize("removal", list(REMOVALS.values()), ids=list(REMOVALS))
async def test_entra_provisions_a_group_and_its_members(
    live_scim: LiveScim, removal: dict[str, Any]
):
    user, _ = await _create(live_scim)
    member = ((user.id, "givenName familyName"),)
    every_member_id = _members(
        DOC_MEMBER_ID=user.id, DOC_FLAG_MEMBER_ID=user.id, DOC_DEFAULT_MEMBER_ID=user.id
    )
    async with live_scim.scim() as scim:
        assert answer(await scim.get("/Groups", params=entra.LOOKUP_GROUP_PARAMS)) == (
            200,
            listed(),
        )
        status, body = answer(await scim.post("/Groups", json=entra.CREATE_GROUP_CORE_ONLY))
        group = Tracked.of(live_scim.scim_url, body)
        fields: dict[str, Any] = {"display_name": "displayName", "external_id": GROUP_EXTERNAL_ID}
        created = group_json(group, body, version=1, **fields)
        assert (status, body) == (201, created)
        # Entra finds groups by displayName, without their members.
        assert answer(await scim.get("/Groups", params=entra.LOOKUP_GROUP_PARAMS)) == (
            200,
            listed(created),
        )

        status, body = answer(await scim.patch(f"/Groups/{group.id}", json=entra.RENAME_GROUP))
        fields["display_name"] = "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
        assert (status, body) == (200, group_json(group, body, version=2, **fields))

        added = with_ids(entra.ADD_MEMBERS, every_member_id)
        status, body = answer(await scim.patch(f"/Groups/{group.id}", json=added))
        assert (status, body) == (
            200,
            group_json(group, body, version=3, members=member, **fields),
        )
        status, body = answer(await scim.get(f"/Groups/{group.id}", params=entra.GET_GROUP_PARAMS))
        assert (status, body) == (
            200,
            group_json(group, body, version=3, members=member, with_members=False, **fields),
        )
        assert answer(await scim.get(f"/Groups/{group.id}")) == (
            200,
            group_json(group, body, version=3, members=member, **fields),
        )

        status, body = answer(
            await scim.patch(f"/Groups/{group.id}", json=with_ids(removal, every_member_id))
        )
        assert (status, body) == (200, group_json(group, body, version=4, **fields))

        assert answer(await scim.delete(f"/Groups/{group.id}")) == (204, None)
        assert answer(await scim.get(f"/Groups/{group.id}")) == (
            404,
            error(404, f"No group with the id '{group.id}'."),
        )
