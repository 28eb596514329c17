"""A product team's subgraph joins roster's: call queues whose members are roster users.

The call-queue service (queue_service/, Node with @apollo/subgraph) knows users by id only;
the router fills in roster's fields, so a deactivated member shows as one at once.
"""

import json
from typing import Any

import httpx

from tests.federation.conftest import FederatedWorld

QUEUES = """
{
  callQueues {
    id name
    members { id active inRealtimeMonitor canLogIn(product: CALL_CENTER) }
  }
}
"""


def queues(world: FederatedWorld) -> list[dict[str, Any]]:
    response = httpx.post(
        world.topology.router_url, json={"query": QUEUES}, headers=world.admin, timeout=30
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert "errors" not in result, result["errors"]
    found: list[dict[str, Any]] = result["data"]["callQueues"]
    return found


def member(user_id: str, *, active: bool) -> dict[str, Any]:
    return {"id": user_id, "active": active, "inRealtimeMonitor": active, "canLogIn": active}


def test_call_queues_come_with_their_members_roster_fields(federated_world):
    people = federated_world.people
    sales_agent = people.deactivated_by_product_test
    before = queues(federated_world)

    deactivated = httpx.post(
        federated_world.topology.router_url,
        json={
            "query": "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }",
            "variables": {"id": sales_agent},
        },
        headers=federated_world.admin,
        timeout=30,
    ).json()
    after = queues(federated_world)

    assert before == [
        {
            "id": "queue-sales",
            "name": "Sales",
            "members": [member(sales_agent, active=True), member(people.queue_member, active=True)],
        },
        {
            "id": "queue-support",
            "name": "Support",
            "members": [
                member(people.queue_member, active=True),
                member(people.already_deactivated, active=False),
            ],
        },
    ]
    assert deactivated == {"data": {"deactivateUser": {"changed": True}}}
    assert after[0]["members"] == [
        member(sales_agent, active=False),
        member(people.queue_member, active=True),
    ]
    assert after[1] == before[1]


def test_the_router_gives_the_product_subgraph_the_callers_token_but_not_rosters_secret(
    federated_world,
):
    # roster's subgraphs answer only callers with the secret: a product service that got
    # it could call them directly, around the router.
    (service,) = [p for p in federated_world.topology.processes if p.name == "callQueues"]
    queues(federated_world)
    seen = [
        json.loads(line) for line in service.output(tail=0).splitlines() if line.startswith("{")
    ]
    assert seen, "the router asked the call-queue service nothing"
    assert "authorization" in seen[-1]["headers"]
    assert all("x-roster-subgraph-secret" not in entry["headers"] for entry in seen)
