"""Concurrent writes to one resource serialize: without If-Match each lands on the state
the other left, with a shared If-Match exactly one wins and the other is 412."""

import asyncio

import httpx

from db.engine import Database
from tests.factories import make_user
from tests.scim.door.bodies import new_user, patch
from tests.scim.world import ScimWorld


async def test_concurrent_member_additions_all_land(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    users = [await make_user(database, world.tenant, f"Member {n}") for n in range(6)]
    group = (await scim.post("/scim/v2/Groups", json={"displayName": "Crowd"})).json()
    responses = await asyncio.gather(
        *(
            scim.patch(
                f"/scim/v2/Groups/{group['id']}",
                json=patch({"op": "add", "path": "members", "value": [{"value": str(user.id)}]}),
            )
            for user in users
        )
    )
    assert [response.status_code for response in responses] == [200] * 6
    final = (await scim.get(f"/scim/v2/Groups/{group['id']}")).json()
    assert [member["value"] for member in final["members"]] == [str(user.id) for user in users]
    assert final["meta"]["version"] == 'W/"7"'


async def test_concurrent_patches_of_one_user_keep_both_changes(scim: httpx.AsyncClient) -> None:
    user = (
        await scim.post("/scim/v2/Users", json=new_user("ola@acme.example", "ola@acme.example"))
    ).json()
    path = f"/scim/v2/Users/{user['id']}"
    first, second = await asyncio.gather(
        scim.patch(path, json=patch({"op": "replace", "path": "displayName", "value": "Ola O."})),
        scim.patch(path, json=patch({"op": "replace", "path": "externalId", "value": "ext-ola"})),
    )
    assert (first.status_code, second.status_code) == (200, 200)
    final = (await scim.get(path)).json()
    assert (final["displayName"], final["externalId"]) == ("Ola O.", "ext-ola")


async def test_two_patches_with_the_same_if_match_one_wins(scim: httpx.AsyncClient) -> None:
    user = (
        await scim.post("/scim/v2/Users", json=new_user("pia@acme.example", "pia@acme.example"))
    ).json()
    path = f"/scim/v2/Users/{user['id']}"
    responses = await asyncio.gather(
        *(
            scim.patch(
                path,
                json=patch({"op": "replace", "path": "displayName", "value": name}),
                headers={"If-Match": 'W/"1"'},
            )
            for name in ("Pia A", "Pia B")
        )
    )
    assert sorted(response.status_code for response in responses) == [200, 412]
    winner = next(response.json() for response in responses if response.status_code == 200)
    assert (await scim.get(path)).json() == winner
