"""Okta's provisioning, request by request as its SCIM 2.0 reference shows them
(tests/scim/clients/okta_requests.py), against a served roster: each answer whole, and
after each (de)activation the chart in every product and the audit log."""

from typing import Any

from db.types import utcnow
from resolvers.ids import to_global_id
from tests.chart.probes import ACTIVATED_AGAIN, BEFORE, DEACTIVATED, GROUP, NUMBER
from tests.scim.clients import okta_requests as okta
from tests.scim.clients.answers import Tracked, answer, error, group_json, listed, user_json
from tests.scim.clients.bodies import with_ids
from tests.scim.clients.conftest import LiveScim
from tests.scim.clients.lifecycle import chart_of, status_audit

# Okta's examples use test.user@okta.local; .local is a special-use domain (RFC 6762), no
# address roster accepts (createUser refuses it too), so the sequence runs on .example.
DOMAIN = {"okta.local": "okta.example"}
USER_NAME = "test.user@okta.example"


def sent(body: dict[str, Any], **ids: str) -> dict[str, Any]:
    """A documented body with roster's ids (keyword: the document's id's name)."""
    document_ids = {getattr(okta, name): value for name, value in ids.items()}
    return with_ids(body, {**DOMAIN, **document_ids})


def query(documented: str) -> str:
    return documented.replace("okta.local", "okta.example")


async def test_okta_creates_updates_deactivates_and_reactivates_a_user(live_scim: LiveScim):
    now = utcnow()
    async with live_scim.scim(**okta.USER_AGENT) as scim:
        # Determine if the user already exists: no.
        assert answer(await scim.get(f"/Users?{query(okta.LOOKUP_USER_QUERY)}")) == (200, listed())

        # Create the user: the password and the empty groups are not kept.
        response = await scim.post("/Users", json=sent(okta.CREATE_USER))
        status, body = answer(response)
        user = Tracked.of(live_scim.scim_url, body)
        fields: dict[str, Any] = {
            "user_name": USER_NAME,
            "email": USER_NAME,
            "external_id": "00ujl29u0le5T6Aj10h7",
        }
        created = user_json(
            user, body, version=1, display_name="Test User", given_name="Test",
            family_name="User", **fields,
        )  # fmt: skip
        assert (status, body) == (201, created)
        assert response.headers["location"] == user.location

        # The lookup finds them now; a second create of the same userName is 409.
        assert answer(await scim.get(f"/Users?{query(okta.LOOKUP_USER_QUERY)}")) == (
            200,
            listed(created),
        )
        assert answer(
            await scim.post("/Users", json=sent(okta.CREATE_USER_WITHOUT_EXTERNAL_ID))
        ) == (
            409,
            error(409, "userName: Another user of this tenant has this userName.", "uniqueness"),
        )
        assert answer(await scim.get(f"/Users/{user.id}")) == (200, created)

        # The import: every user of the tenant, in id order; Ada, made by hand with no
        # userName, answers to her email.
        status, body = answer(await scim.get(f"/Users?{okta.LIST_USERS_QUERY}"))
        ada_body = body["Resources"][0]
        ada = Tracked.of(live_scim.scim_url, ada_body)
        ada_email = "ada.admin@acme.example"
        assert (status, body) == (
            200,
            listed(
                user_json(
                    ada, ada_body, version=1, user_name=ada_email, email=ada_email,
                    display_name="Ada Admin",
                ),
                created,
            ),
        )  # fmt: skip

        # Update the user: the full PUT replaces what roster keeps (middleName is not
        # kept; externalId, which this body leaves out, is cleared as RFC 7644 3.5.1 says),
        # then the same PUT without active, which must not deactivate: it changes nothing.
        renamed: dict[str, Any] = {
            "user_name": USER_NAME,
            "email": USER_NAME,
            "display_name": "Another User",
            "given_name": "Another",
            "family_name": "User",
        }
        status, body = answer(
            await scim.put(f"/Users/{user.id}", json=sent(okta.REPLACE_USER, DOC_USER_ID=user.id))
        )
        assert (status, body) == (200, user_json(user, body, version=2, **renamed))
        status, body = answer(
            await scim.put(
                f"/Users/{user.id}",
                json=sent(okta.REPLACE_USER_WITHOUT_ACTIVE, DOC_USER_ID=user.id),
            )
        )
        assert (status, body) == (200, user_json(user, body, version=2, **renamed))

        async with chart_of(live_scim, user.id, now) as chart:
            await chart.assert_chart_holds(BEFORE)
            group_id = await _group_id(live_scim, GROUP)
            equipped: dict[str, Any] = {
                **renamed,
                "phone_numbers": (NUMBER,),
                "groups": ((group_id, GROUP),),
            }

            # Deactivate: a PATCH with no path.
            status, body = answer(await scim.patch(f"/Users/{user.id}", json=okta.DEACTIVATE_USER))
            assert (status, body) == (
                200,
                user_json(user, body, version=3, active=False, **equipped),
            )
            await chart.assert_chart_holds(DEACTIVATED)
            # Deactivated users are still found, inactive.
            status, body = answer(await scim.get(f"/Users?{query(okta.LOOKUP_USER_QUERY)}"))
            (found,) = body["Resources"]
            assert (status, body) == (
                200,
                listed(user_json(user, found, version=3, active=False, **equipped)),
            )

            # Reactivate: the same PATCH with true.
            status, body = answer(await scim.patch(f"/Users/{user.id}", json=okta.REACTIVATE_USER))
            assert (status, body) == (200, user_json(user, body, version=4, **equipped))
            await chart.assert_chart_holds(ACTIVATED_AGAIN)

            # Custom (AIW) apps deactivate by PUT; then the PATCH brings them back.
            status, body = answer(
                await scim.put(
                    f"/Users/{user.id}", json=sent(okta.DEACTIVATE_USER_BY_PUT, DOC_USER_ID=user.id)
                )
            )
            assert (status, body) == (
                200,
                user_json(user, body, version=5, active=False, **equipped),
            )
            await chart.assert_chart_holds(DEACTIVATED)
            status, body = answer(await scim.patch(f"/Users/{user.id}", json=okta.REACTIVATE_USER))
            assert (status, body) == (200, user_json(user, body, version=6, **equipped))
            await chart.assert_chart_holds(ACTIVATED_AGAIN)

    entry = {"actorKind": "PROVISIONING", "actor": None, "targetType": "User"}
    target = {"targetId": to_global_id("User", int(user.id))}
    assert await status_audit(live_scim, user.id) == [
        {"action": action, **entry, **target}
        for action in ["USER_ACTIVATED", "USER_DEACTIVATED", "USER_ACTIVATED", "USER_DEACTIVATED"]
    ]


async def test_okta_pushes_a_group_and_its_members(live_scim: LiveScim):
    ada = str(live_scim.admin.id)
    async with live_scim.scim(**okta.USER_AGENT) as scim:
        _, created_user = answer(await scim.post("/Users", json=sent(okta.CREATE_USER)))
        user = Tracked.of(live_scim.scim_url, created_user)
        ids = {"DOC_USER_ID": user.id, "DOC_OTHER_USER_ID": ada}

        # Push the group; Group Push finds it by name.
        response = await scim.post("/Groups", json=okta.CREATE_GROUP)
        status, body = answer(response)
        group = Tracked.of(live_scim.scim_url, body)
        ids["DOC_GROUP_ID"] = group.id
        created = group_json(group, body, version=1, display_name="Test SCIMv2")
        assert (status, body) == (201, created)
        assert response.headers["location"] == group.location
        assert answer(await scim.get(f"/Groups?{okta.LOOKUP_GROUP_QUERY}")) == (
            200,
            listed(created),
        )
        assert answer(await scim.get(f"/Groups?{okta.LIST_GROUPS_QUERY}")) == (
            200,
            listed(created),
        )

        # A full push of the membership, then one member out (a value filter), one in.
        both = ((ada, "Ada Admin"), (user.id, "Test User"))
        status, body = answer(
            await scim.patch(f"/Groups/{group.id}", json=sent(okta.REPLACE_GROUP_MEMBERS, **ids))
        )
        assert (status, body) == (
            200,
            group_json(group, body, version=2, display_name="Test SCIMv2", members=both),
        )
        status, body = answer(
            await scim.patch(f"/Groups/{group.id}", json=sent(okta.UPDATE_GROUP_MEMBERSHIP, **ids))
        )
        only_user = ((user.id, "Test User"),)
        assert (status, body) == (
            200,
            group_json(group, body, version=3, display_name="Test SCIMv2", members=only_user),
        )

        # The name update Okta sends with every membership update: nothing changes.
        status, body = answer(
            await scim.patch(f"/Groups/{group.id}", json=sent(okta.RENAME_GROUP, **ids))
        )
        assert (status, body) == (
            200,
            group_json(group, body, version=3, display_name="Test SCIMv2", members=only_user),
        )

        # Custom apps rename by PUT.
        status, body = answer(
            await scim.put(f"/Groups/{group.id}", json=sent(okta.REPLACE_GROUP, **ids))
        )
        renamed = group_json(group, body, version=4, display_name="Test SCIMv20", members=only_user)
        assert (status, body) == (200, renamed)
        assert answer(await scim.get(f"/Groups/{group.id}")) == (200, renamed)

        # The user's groups are read-only on the user, and show the group.
        status, body = answer(await scim.get(f"/Users/{user.id}"))
        assert (status, body) == (
            200,
            user_json(
                user, body, version=1, user_name=USER_NAME, email=USER_NAME,
                display_name="Test User", given_name="Test", family_name="User",
                external_id="00ujl29u0le5T6Aj10h7", groups=((group.id, "Test SCIMv20"),),
            ),
        )  # fmt: skip

        # Unlink the pushed group, deleting it in the app.
        assert answer(await scim.delete(f"/Groups/{group.id}")) == (204, None)
        assert answer(await scim.get(f"/Groups/{group.id}")) == (
            404,
            error(404, f"No group with the id '{group.id}'."),
        )
        assert answer(await scim.get(f"/Groups?{okta.LIST_GROUPS_QUERY}")) == (200, listed())


async def _group_id(live: LiveScim, name: str) -> str:
    async with live.scim() as scim:
        body = (await scim.get("/Groups", params={"filter": f'displayName eq "{name}"'})).json()
    (group,) = body["Resources"]
    return str(group["id"])


async def test_okta_documented_local_address_is_refused_as_create_user_refuses_it(
    live_scim: LiveScim,
):
    # The reference's own example, verbatim: .local is special-use (RFC 6762), so no
    # address of a roster user, by SCIM or createUser; nothing is created.
    async with live_scim.scim(**okta.USER_AGENT) as scim:
        assert answer(await scim.post("/Users", json=okta.CREATE_USER)) == (
            400,
            error(
                400,
                "value is not a valid email address: The part after the @-sign is a"
                " special-use or reserved name that cannot be used with email.: emails[0].value",
                "invalidValue",
            ),
        )
        assert answer(await scim.get(f"/Users?{okta.LOOKUP_USER_QUERY}")) == (200, listed())
