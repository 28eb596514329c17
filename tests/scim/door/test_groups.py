"""Groups over HTTP: create, read, list by displayName, members added and removed, replace,
delete; members are the tenant's users."""

from urllib.parse import quote

import httpx
import pytest

from tests.scim.door.bodies import error_body, group_body, list_body, new_user, patch
from tests.scim.world import ScimWorld


@pytest.fixture
async def bob(scim: httpx.AsyncClient) -> str:
    return (
        await scim.post(
            "/scim/v2/Users",
            json=new_user("bob@acme.example", "bob@acme.example", displayName="Bob"),
        )
    ).json()["id"]


async def test_create_and_get_a_group_with_members(
    scim: httpx.AsyncClient, world: ScimWorld, bob: str
) -> None:
    ada = str(world.admin.id)
    response = await scim.post(
        "/scim/v2/Groups",
        json={
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Sales",
            "externalId": "g-1",
            "members": [{"value": bob}, {"value": ada}],
        },
    )
    answer = response.json()
    expected = group_body(
        answer, display_name="Sales", external_id="g-1", members=[(ada, "Ada Admin"), (bob, "Bob")]
    )
    assert (response.status_code, answer) == (201, expected)
    got = await scim.get(f"/scim/v2/Groups/{answer['id']}")
    assert (got.status_code, got.json()) == (200, expected)
    user = (await scim.get(f"/scim/v2/Users/{bob}?attributes=groups")).json()
    assert user["groups"] == [
        {
            "value": answer["id"],
            "$ref": f"http://roster.test/scim/v2/Groups/{answer['id']}",
            "display": "Sales",
        }
    ]


async def test_list_by_display_name_without_members(scim: httpx.AsyncClient, bob: str) -> None:
    sales = (
        await scim.post(
            "/scim/v2/Groups", json={"displayName": "Sales", "members": [{"value": bob}]}
        )
    ).json()
    await scim.post("/scim/v2/Groups", json={"displayName": "Support"})
    named = quote('displayName eq "SALES"')
    response = await scim.get(f"/scim/v2/Groups?excludedAttributes=members&filter={named}")
    assert (response.status_code, response.json()) == (
        200,
        list_body([group_body(sales, display_name="Sales")]),
    )
    everything = (await scim.get("/scim/v2/Groups")).json()
    assert [group["displayName"] for group in everything["Resources"]] == ["Sales", "Support"]
    assert everything["Resources"][0]["members"] == sales["members"]


async def test_patch_adds_and_removes_members(
    scim: httpx.AsyncClient, world: ScimWorld, bob: str
) -> None:
    ada = str(world.admin.id)
    group = (await scim.post("/scim/v2/Groups", json={"displayName": "Ops"})).json()
    added = await scim.patch(
        f"/scim/v2/Groups/{group['id']}",
        json=patch({"op": "Add", "path": "members", "value": [{"value": bob}, {"value": ada}]}),
    )
    answer = added.json()
    assert (added.status_code, answer) == (
        200,
        group_body(
            answer, display_name="Ops", version=2, members=[(ada, "Ada Admin"), (bob, "Bob")]
        ),
    )
    removed = await scim.patch(
        f"/scim/v2/Groups/{group['id']}",
        json=patch(
            {"op": "Remove", "path": f'members[value eq "{ada}"]'},
            {"op": "Replace", "path": "displayName", "value": "Operations"},
        ),
    )
    answer = removed.json()
    assert (removed.status_code, answer) == (
        200,
        group_body(answer, display_name="Operations", version=3, members=[(bob, "Bob")]),
    )


async def test_put_replaces_the_whole_group(
    scim: httpx.AsyncClient, world: ScimWorld, bob: str
) -> None:
    ada = str(world.admin.id)
    group = (
        await scim.post("/scim/v2/Groups", json={"displayName": "Ops", "members": [{"value": bob}]})
    ).json()
    response = await scim.put(
        f"/scim/v2/Groups/{group['id']}",
        json={"displayName": "Ops", "externalId": "ops", "members": [{"value": ada}]},
    )
    answer = response.json()
    assert (response.status_code, answer) == (
        200,
        group_body(
            answer, display_name="Ops", external_id="ops", version=2, members=[(ada, "Ada Admin")]
        ),
    )


async def test_a_member_that_is_no_user_of_the_tenant_is_400(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    for value in (str(world.other_user.id), "999", "not-an-id"):
        response = await scim.post(
            "/scim/v2/Groups", json={"displayName": "Mixed", "members": [{"value": value}]}
        )
        answer = response.json()
        assert (response.status_code, answer["scimType"]) == (400, "invalidValue"), value
    assert (await scim.get("/scim/v2/Groups")).json() == list_body([])


async def test_a_taken_display_name_is_409(scim: httpx.AsyncClient) -> None:
    await scim.post("/scim/v2/Groups", json={"displayName": "Sales"})
    response = await scim.post("/scim/v2/Groups", json={"displayName": "sales"})
    assert (response.status_code, response.json()["scimType"]) == (409, "uniqueness")


async def test_delete_removes_the_group(scim: httpx.AsyncClient, bob: str) -> None:
    group = (
        await scim.post(
            "/scim/v2/Groups", json={"displayName": "Temp", "members": [{"value": bob}]}
        )
    ).json()
    response = await scim.delete(f"/scim/v2/Groups/{group['id']}")
    assert (response.status_code, response.content) == (204, b"")
    gone = await scim.get(f"/scim/v2/Groups/{group['id']}")
    assert (gone.status_code, gone.json()) == (
        404,
        error_body(404, f"No group with the id {group['id']!r}."),
    )
    assert "groups" not in (await scim.get(f"/scim/v2/Users/{bob}")).json()


async def test_another_tenant_s_group_is_404(database, world: ScimWorld) -> None:
    from tests.scim.world import scim_client

    async with scim_client(database, world.other_token) as other:
        group = (await other.post("/scim/v2/Groups", json={"displayName": "Globex"})).json()
    async with scim_client(database, world.token) as client:
        for method in ("GET", "DELETE"):
            response = await client.request(method, f"/scim/v2/Groups/{group['id']}")
            assert response.status_code == 404, method
        assert (await client.get("/scim/v2/Groups")).json() == list_body([])
