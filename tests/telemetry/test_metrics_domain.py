"""The domain's counters: status changes by action, actor kind and outcome, dry runs and
guard refusals by code, from GraphQL (a USER) and from SCIM (PROVISIONING)."""

from db.enums import Role
from resolvers.ids import to_global_id
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer
from tests.scim.door.bodies import patch
from tests.scim.world import make_scim_token
from tests.telemetry.scrape import metrics_client, scrape

DEACTIVATE = """mutation Deactivate($id: ID!, $dry: Boolean) {
  deactivateUser(input: {userId: $id, dryRun: $dry}) { userErrors { code } }
}"""
ACTIVATE = """mutation Activate($id: ID!) {
  activateUser(input: {userId: $id}) { userErrors { code } }
}"""
SCIM_JSON = {"Content-Type": "application/scim+json"}


async def test_graphql_status_changes_dry_runs_and_refusals_are_counted(database, world):
    ben = to_global_id("User", world["ben"].id)
    async with metrics_client(database) as (client, _, _):

        async def call(query: str, **variables: object) -> dict:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers=bearer(world["token"]),
            )
            return response.json()

        await call(DEACTIVATE, id=ben, dry=True)
        await call(DEACTIVATE, id=ben)
        await call(DEACTIVATE, id=ben)  # already deactivated: unchanged
        await call(ACTIVATE, id=ben)
        me = (await call("{ me { id } }"))["data"]["me"]["id"]
        refused = await call(DEACTIVATE, id=me)
        metrics = await scrape(client)
    assert refused["data"]["deactivateUser"]["userErrors"] == [{"code": "CANNOT_DEACTIVATE_SELF"}]
    assert metrics.series("roster_status_changes_total") == {
        (("action", "deactivate"), ("actor_kind", "USER"), ("outcome", "changed")): 1.0,
        (("action", "deactivate"), ("actor_kind", "USER"), ("outcome", "unchanged")): 1.0,
        (("action", "deactivate"), ("actor_kind", "USER"), ("outcome", "refused")): 1.0,
        (("action", "activate"), ("actor_kind", "USER"), ("outcome", "changed")): 1.0,
    }
    assert metrics.series("roster_status_dry_runs_total") == {(("action", "deactivate"),): 1.0}
    assert metrics.series("roster_status_refusals_total") == {
        (("code", "CANNOT_DEACTIVATE_SELF"),): 1.0
    }


async def test_scim_deactivations_count_as_provisioning_and_a_last_admin_refusal_by_code(
    database,
):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ken = await make_user(database, acme, "Ken Kato")
    await make_token(database, admin)
    scim_token = await make_scim_token(database, acme)
    headers = {**bearer(scim_token), **SCIM_JSON}
    off = patch({"op": "replace", "value": {"active": False}})
    async with metrics_client(database) as (client, _, _):
        deactivated = await client.patch(f"/scim/v2/Users/{ken.id}", json=off, headers=headers)
        last_admin = await client.patch(f"/scim/v2/Users/{admin.id}", json=off, headers=headers)
        metrics = await scrape(client)
    assert deactivated.status_code == 200
    assert last_admin.status_code >= 400
    assert metrics.series("roster_status_changes_total") == {
        (("action", "deactivate"), ("actor_kind", "PROVISIONING"), ("outcome", "changed")): 1.0,
        (("action", "deactivate"), ("actor_kind", "PROVISIONING"), ("outcome", "refused")): 1.0,
    }
    assert metrics.series("roster_status_refusals_total") == {(("code", "LAST_ADMIN"),): 1.0}
    assert metrics.series("roster_status_dry_runs_total") == {}
