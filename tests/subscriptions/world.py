"""What the subscription tests share: the operations, a small tenant, a mutation over
HTTP."""

import httpx

from db.enums import Role
from tests.factories import make_tenant, make_user

STATUS = """subscription { userStatusChanged {
  user { id displayName status active }
  event { action actorKind actor { id } } } }"""
SEATS = """subscription { seatMapChanged { seat { id label x y occupant { id displayName } } } }"""
MONITOR = """subscription { realtimeMonitorChanged {
  user { id inRealtimeMonitor visibleInSeatMap } inRealtimeMonitor change } }"""
DEACTIVATE = """mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  changed userErrors { code } } }"""
ACTIVATE = """mutation($input: ActivateUserInput!) { activateUser(input: $input) {
  changed userErrors { code } } }"""


async def people(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    return acme, ada, ben


async def mutate(server, token, query, variables):
    async with httpx.AsyncClient(base_url=server.base_url, timeout=20) as client:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200, response.text
    return response.json()["data"]
