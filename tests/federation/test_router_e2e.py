"""Hive Gateway in front of the five subgraph processes answers as the embedded graph does.

Processes: five `roster serve --subgraph`, one embedded `roster serve`, Hive Gateway and
the call-queue product service, over one seeded SQLite file (see conftest.py).
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.federation import operations
from tests.federation.conftest import FederatedWorld
from tests.federation.operations import Operation
from tests.federation.subgraph_span import subgraphs_needed
from tests.http import graphql_body

_now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
PERIOD = {
    "from": (_now - timedelta(days=30)).isoformat(),
    "to": (_now + timedelta(hours=1)).isoformat(),
}

OPERATIONS = [
    Operation("seat map", operations.SEAT_MAP),
    Operation("users page", operations.USERS_PAGE, {"first": 100}),
    Operation("product lists", operations.PRODUCT_LISTS),
    Operation("call center report", operations.CALL_CENTER_REPORT, PERIOD),
    Operation("incoming call rules", operations.INCOMING_CALL_RULES),
]

USER_FACTS = """
query Facts($id: ID!) {
  user(id: $id) {
    displayName status active canLogIn(product: PHONE)
    inPhoneUserMenu inMobileInternalList inRealtimeMonitor visibleInSeatMap
    mentionable inDashboardByUser inDashboardByPeriod
    seat { label }
    videoIntegrations { provider }
  }
}
"""

DEACTIVATE = """
mutation Deactivate($id: ID!) {
  deactivateUser(input: {userId: $id}) {
    changed
    userErrors { code }
    user { status active canLogIn(product: CALL_CENTER) inRealtimeMonitor mentionable }
    removedVideoIntegrations { provider }
    affectedIncomingCallRules { name receivable }
  }
}
"""

LISTS = """
{
  realtimeMonitor { id }
  phoneUserMenu { id }
  mobileInternalContacts { id }
  seatMap { label occupant { id } }
  incomingCallRules(receivable: false) { name targetUser { id } }
}
"""


def post(url: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    response = httpx.post(url, json=body, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def through_router(world: FederatedWorld, query: str, **variables: Any) -> dict[str, Any]:
    result = post(world.topology.router_url, {"query": query, "variables": variables}, world.admin)
    assert "errors" not in result, result["errors"]
    data: dict[str, Any] = result["data"]
    return data


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.name)
def test_an_operation_across_subgraphs_answers_as_the_embedded_graph_does(
    federated_world: FederatedWorld, operation: Operation
) -> None:
    topology = federated_world.topology
    assert len(subgraphs_needed(topology.supergraph.read_text(), operation.query)) >= 3

    routed = post(topology.router_url, operation.body(), federated_world.admin)
    embedded = post(topology.embedded_url, operation.body(), federated_world.admin)

    assert "errors" not in routed, routed["errors"]
    assert all(routed["data"].values()), "every root field returns something"
    assert routed == embedded


def test_one_user_by_id_and_by_node_answers_as_the_embedded_graph_does(
    federated_world: FederatedWorld,
) -> None:
    body = {
        "query": operations.USER_BY_ID,
        "variables": {"id": federated_world.people.queue_member},
    }
    routed = post(federated_world.topology.router_url, body, federated_world.admin)
    embedded = post(federated_world.topology.embedded_url, body, federated_world.admin)
    assert routed == embedded
    assert routed["data"]["user"]["status"] == "ACTIVE"
    assert routed["data"]["node"]["id"] == federated_world.people.queue_member


def test_deactivating_through_the_router_shows_in_every_subgraph_through_the_router(
    federated_world: FederatedWorld,
) -> None:
    target = federated_world.people.deactivated_by_e2e
    before = through_router(federated_world, USER_FACTS, id=target)["user"]
    assert before["status"] == "ACTIVE"
    assert before["seat"] is not None and before["videoIntegrations"]
    lists_before = through_router(federated_world, LISTS)
    seat = before["seat"]["label"]

    payload = through_router(federated_world, DEACTIVATE, id=target)["deactivateUser"]
    after = through_router(federated_world, USER_FACTS, id=target)["user"]
    lists = through_router(federated_world, LISTS)

    assert payload["changed"] is True
    assert payload["userErrors"] == []
    assert payload["user"] == {
        "status": "DEACTIVATED",
        "active": False,
        "canLogIn": False,
        "inRealtimeMonitor": False,
        "mentionable": False,
    }
    assert payload["removedVideoIntegrations"] == before["videoIntegrations"]
    assert payload["affectedIncomingCallRules"]
    assert all(rule["receivable"] is False for rule in payload["affectedIncomingCallRules"])
    assert after == {
        **before,
        "status": "DEACTIVATED",
        "active": False,
        "canLogIn": False,
        "inPhoneUserMenu": False,
        "inMobileInternalList": False,
        "inRealtimeMonitor": False,
        "visibleInSeatMap": False,
        "mentionable": False,
        "inDashboardByUser": False,
        "inDashboardByPeriod": True,
        "seat": {"label": seat},
        "videoIntegrations": [],
    }

    def ids(entries: list[dict[str, Any]]) -> list[str]:
        return [entry["id"] for entry in entries]

    for product_list in ("realtimeMonitor", "phoneUserMenu", "mobileInternalContacts"):
        assert target in ids(lists_before[product_list])
        assert ids(lists[product_list]) == [
            user for user in ids(lists_before[product_list]) if user != target
        ]
    occupants = {row["label"]: row["occupant"] for row in lists["seatMap"]}
    assert occupants[seat] is None
    assert {row["label"] for row in lists["seatMap"]} == {
        row["label"] for row in lists_before["seatMap"]
    }
    unreceivable = {rule["name"] for rule in lists["incomingCallRules"]}
    assert unreceivable == {rule["name"] for rule in lists_before["incomingCallRules"]} | {
        rule["name"] for rule in payload["affectedIncomingCallRules"]
    }


def test_the_router_forwards_the_callers_authorization(federated_world: FederatedWorld) -> None:
    router = federated_world.topology.router_url
    query = {"query": "{ me { email inPhoneUserMenu } }"}

    assert post(router, query, federated_world.admin) == {
        "data": {"me": {"email": "admin@acme.example", "inPhoneUserMenu": True}}
    }
    anonymous = post(router, query, {})
    assert anonymous["data"] == {"me": None}
    assert [error["extensions"]["code"] for error in anonymous["errors"]] == ["UNAUTHENTICATED"]


def test_subgraph_processes_answer_only_the_router(federated_world: FederatedWorld) -> None:
    for name, url in federated_world.topology.subgraph_urls.items():
        response = httpx.post(
            url, json={"query": "{ _service { sdl } }"}, headers=federated_world.admin
        )
        assert (name, response.status_code) == (name, 403)
        assert graphql_body(response)["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
