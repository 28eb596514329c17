"""No label of /metrics holds a tenant id, an email or an operation's variables, whatever
the requests sent."""

from db.enums import Role
from db.models import Tenant
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer
from tests.scim.world import make_scim_token
from tests.telemetry.scrape import metrics_client, scrape

SEARCH = """query FindUsers($search: String!) {
  users(filter: {search: $search}) { edges { node { id email } } }
}"""


async def test_no_tenant_id_email_or_variable_reaches_a_label(database):
    # A tenant whose id is no number a scrape would show otherwise (a count, a status).
    await make_tenant(database, "first")
    tenant: Tenant = await make_tenant(database, "quokka-works")
    zelda = await make_user(database, tenant, "Zelda Quokkington")

    admin = await make_user(database, tenant, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    scim = bearer(await make_scim_token(database, tenant))
    async with metrics_client(database) as (client, _, recorded):
        found = await client.post(
            "/graphql",
            json={"query": SEARCH, "variables": {"search": zelda.email}},
            headers=bearer(token),
        )
        await client.get(
            "/scim/v2/Users", params={"filter": f'userName eq "{zelda.email}"'}, headers=scim
        )
        await client.post(
            "/graphql",
            json={"query": '{ users(filter: {search: "quokkington"}) { edges { node { id } } } }'},
            headers=bearer(token),
        )
        metrics = await scrape(client)
    assert found.json()["data"]["users"]["edges"][0]["node"]["email"] == zelda.email
    assert {record.tenant_id for record in recorded.requests} == {tenant.id}
    text = metrics.text.lower()
    for personal in (zelda.email, "zelda", "quokkington", "quokka"):
        assert personal not in text
    assert str(tenant.id) not in metrics.label_values()
    assert (
        metrics.value(
            "roster_requests_total",
            endpoint="api",
            operation_name="FindUsers",
            operation_type="query",
            transport="http",
        )
        == 1
    )
