"""SCIM requests by client: Entra ID and Okta told apart by their User-Agent, anything
else counted as `other`; the header itself never becomes a label."""

from gateway.telemetry.scim_metrics import scim_client
from tests.factories import make_tenant, make_user
from tests.http import bearer
from tests.scim.clients.okta_requests import USER_AGENT as OKTA_USER_AGENT
from tests.scim.world import make_scim_token
from tests.telemetry.scrape import metrics_client, scrape

# Microsoft Entra ID's provisioning service (it kept its Azure AD name in the header).
ENTRA_USER_AGENT = {"User-Agent": "Microsoft Azure AD SCIM provisioning 1.0.0"}
CURL = {"User-Agent": "curl/8.5.0"}


def test_the_client_is_one_of_a_fixed_few():
    assert scim_client(OKTA_USER_AGENT["User-Agent"]) == "okta"
    assert scim_client(ENTRA_USER_AGENT["User-Agent"]) == "entra"
    assert scim_client("Microsoft Entra ID SCIM Client") == "entra"
    assert scim_client(CURL["User-Agent"]) == "other"
    assert scim_client(None) == "other"


async def test_scim_requests_are_counted_by_client_method_and_status(database):
    acme = await make_tenant(database)
    ken = await make_user(database, acme, "Ken Kato")
    token = bearer(await make_scim_token(database, acme))
    async with metrics_client(database) as (client, _, _):
        for _ in range(2):
            await client.get("/scim/v2/Users", headers={**token, **OKTA_USER_AGENT})
        await client.get(f"/scim/v2/Users/{ken.id}", headers={**token, **ENTRA_USER_AGENT})
        await client.get("/scim/v2/Users/999999", headers={**token, **ENTRA_USER_AGENT})
        await client.delete(f"/scim/v2/Users/{ken.id}", headers={**token, **CURL})
        await client.get("/scim/v2/Users", headers=OKTA_USER_AGENT)  # no token
        metrics = await scrape(client)
    assert metrics.series("roster_scim_requests_total") == {
        (("client", "okta"), ("method", "GET"), ("status", "200")): 2.0,
        (("client", "okta"), ("method", "GET"), ("status", "401")): 1.0,
        (("client", "entra"), ("method", "GET"), ("status", "200")): 1.0,
        (("client", "entra"), ("method", "GET"), ("status", "404")): 1.0,
        (("client", "other"), ("method", "DELETE"), ("status", "204")): 1.0,
    }
    assert "curl" not in metrics.text and "Okta SCIM" not in metrics.text
