"""active:false through SCIM is the admin's deactivation: the one status code path, with
provisioning as the actor, and the chart's effects (video integrations removed)."""

import httpx
from sqlalchemy import select

from db.engine import Database
from db.enums import ActorKind, UserStatus, VideoProvider
from db.models import User, UserStatusEvent, VideoIntegration
from resolvers.ids import to_global_id
from tests.audit_rows import audit_entries
from tests.factories import caller_of, make_integration, make_user
from tests.graphql import data_of
from tests.scim.door.bodies import patch
from tests.scim.world import ScimWorld


async def _events(database: Database, user_id: int) -> list[tuple]:
    async with database.session() as session:
        rows = (
            await session.execute(
                select(UserStatusEvent)
                .where(UserStatusEvent.user_id == user_id)
                .order_by(UserStatusEvent.id)
            )
        ).scalars()
        return [
            (row.action, row.actor_kind, row.actor_id, row.removed_video_integrations)
            for row in rows
        ]


async def _integrations(database: Database, user_id: int) -> list[str]:
    async with database.session() as session:
        return list(
            (
                await session.execute(
                    select(VideoIntegration.provider).where(VideoIntegration.user_id == user_id)
                )
            ).scalars()
        )


async def test_patch_active_false_deactivates_through_the_status_path(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    ken = await make_user(database, world.tenant, "Ken Kato")
    await make_integration(database, ken, VideoProvider.ZOOM)
    response = await scim.patch(
        f"/scim/v2/Users/{ken.id}", json=patch({"op": "replace", "value": {"active": False}})
    )
    assert (response.status_code, response.json()["active"]) == (200, False)
    events = await _events(database, ken.id)
    assert [event[:3] for event in events] == [("DEACTIVATED", ActorKind.PROVISIONING, None)]
    assert [item["provider"] for item in events[0][3]] == ["ZOOM"]
    assert await _integrations(database, ken.id) == []
    entries = [
        {
            key: entry[key]
            for key in ("tenant_id", "actor_kind", "actor_id", "action", "target_user_id")
        }
        for entry in await audit_entries(database, "USER_DEACTIVATED")
    ]
    assert entries == [
        {
            "tenant_id": world.tenant.id,
            "actor_kind": "PROVISIONING",
            "actor_id": None,
            "action": "USER_DEACTIVATED",
            "target_user_id": ken.id,
        }
    ]

    # Entra's form, with the string "True": reactivated by the same path; integrations stay gone.
    again = await scim.patch(
        f"/scim/v2/Users/{ken.id}", json=patch({"op": "Replace", "path": "active", "value": "True"})
    )
    assert (again.status_code, again.json()["active"]) == (200, True)
    assert [event[:3] for event in await _events(database, ken.id)] == [
        ("DEACTIVATED", ActorKind.PROVISIONING, None),
        ("ACTIVATED", ActorKind.PROVISIONING, None),
    ]
    assert await _integrations(database, ken.id) == []


async def test_a_repeated_deactivation_writes_no_second_event(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    lu = await make_user(database, world.tenant, "Lu Lin")
    for _ in range(2):
        response = await scim.patch(
            f"/scim/v2/Users/{lu.id}",
            json=patch({"op": "replace", "path": "active", "value": False}),
        )
        assert response.status_code == 200
    assert len(await _events(database, lu.id)) == 1


async def test_deactivated_users_are_still_found(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    mo = await make_user(database, world.tenant, "Mo Mori", status=UserStatus.DEACTIVATED)
    assert (await scim.get(f"/scim/v2/Users/{mo.id}")).json()["active"] is False
    found = (
        await scim.get("/scim/v2/Users?filter=userName%20eq%20%22mo.mori@acme.example%22")
    ).json()
    assert [user["id"] for user in found["Resources"]] == [str(mo.id)]


async def test_delete_leaves_the_user_deactivated_in_graphql(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    nat = await make_user(database, world.tenant, "Nat Noda")
    await make_integration(database, nat, VideoProvider.GOOGLE_MEET)
    assert (await scim.delete(f"/scim/v2/Users/{nat.id}")).status_code == 204
    assert (await scim.get(f"/scim/v2/Users/{nat.id}")).status_code == 404
    data = await data_of(
        database,
        caller_of(world.admin, world.tenant),
        "query($id: ID!) { user(id: $id) { status displayName statusHistory { action } } }",
        {"id": to_global_id("User", nat.id)},
    )
    assert data == {
        "user": {
            "status": "DEACTIVATED",
            "displayName": "Nat Noda",
            "statusHistory": [{"action": "DEACTIVATED"}],
        }
    }
    assert await _integrations(database, nat.id) == []
    async with database.session() as session:
        assert (
            await session.scalar(select(User.scim_detached_at).where(User.id == nat.id)) is not None
        )
