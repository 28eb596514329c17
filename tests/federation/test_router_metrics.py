"""One operation through Hive Gateway moves the router's Prometheus counters (the
operation's, and its call to the admin subgraph) and that subgraph process' own
roster_requests_total, by exactly one each.

Processes: the federated roster of conftest.py (development: each subgraph serves
/metrics to loopback clients; the router's /metrics is open, ROSTER_ENV not production),
and a router of its own for each protection case.
"""

import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.commands.schema_compose import FEDERATION_DIR
from tests.federation.conftest import FederatedWorld
from tests.federation.topology import free_port, router_command, start
from tests.telemetry.scrape import Scrape

# A name no other test sends: its series start at zero whatever ran before.
PROBE = "query RouterMetricsProbe { me { id displayName } }"
ROUTER_TOKEN = "router-metrics-token-0123456789"


def _scrape(url: str) -> Scrape:
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200, response.text
    return Scrape(response.text)


def _matching(scrape: Scrape, name: str, **labels: str) -> float:
    """The sum of the samples named ``name`` whose labels include ``labels``."""
    return sum(
        value
        for sample, sampled, value in scrape.samples
        if sample == name and labels.items() <= sampled.items()
    )


def _routed(world: FederatedWorld) -> dict[str, Any]:
    response = httpx.post(
        world.topology.router_url, json={"query": PROBE}, headers=world.admin, timeout=30
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["data"]["me"]["id"], body
    return body


def test_one_routed_operation_moves_the_router_and_subgraph_counters_by_one(
    federated_world: FederatedWorld,
) -> None:
    router_metrics = federated_world.topology.router_url.replace("/graphql", "/metrics")
    admin_metrics = federated_world.topology.subgraph_urls["admin"].replace("/graphql", "/metrics")
    operation = {"operationName": "RouterMetricsProbe", "operationType": "query"}
    subgraph_call = {**operation, "subgraphName": "admin"}
    roster_labels = {
        "endpoint": "admin",
        "operation_name": "RouterMetricsProbe",
        "operation_type": "query",
        "transport": "http",
    }
    router_before = _scrape(router_metrics)
    admin_before = _scrape(admin_metrics)
    assert _matching(router_before, "graphql_envelop_request_total", **operation) == 0

    _routed(federated_world)

    router_after = _scrape(router_metrics)
    admin_after = _scrape(admin_metrics)
    assert _matching(router_after, "graphql_envelop_request_total", **operation) == 1
    assert _matching(router_after, "graphql_yoga_http_duration_count", **operation) == 1
    duration = "graphql_gateway_subgraph_execute_duration_count"
    assert _matching(router_after, duration, **subgraph_call) == 1
    assert _matching(router_after, "graphql_envelop_error_result_total", **operation) == 0
    # The router sends the operation's name on to the subgraph.
    assert admin_before.value("roster_requests_total", **roster_labels) == 0
    assert admin_after.value("roster_requests_total", **roster_labels) == 1
    assert admin_after.value("roster_request_sql_statements_count", endpoint="admin") == (
        admin_before.value("roster_request_sql_statements_count", endpoint="admin") + 1
    )
    # No label of the router's carries the caller's token.
    token = federated_world.admin_token
    assert token not in router_after.text and token not in admin_after.text


@pytest.mark.parametrize(
    ("settings", "without", "with_token"),
    [
        ({"ROSTER_ROUTER_METRICS_TOKEN": ROUTER_TOKEN}, 401, 200),
        ({"ROSTER_ENV": "production", "ROSTER_ROUTER_METRICS_TOKEN": ROUTER_TOKEN}, 401, 200),
        ({"ROSTER_ENV": "production"}, 404, 404),
    ],
)
def test_the_router_metrics_are_behind_its_token_and_off_in_production_without_one(
    federated_world: FederatedWorld,
    tmp_path: Path,
    settings: dict[str, str],
    without: int,
    with_token: int,
) -> None:
    port = free_port()
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("ROSTER_")},
        "ROSTER_SUBGRAPH_SECRET": federated_world.topology.subgraph_secret,
        **settings,
    }
    command = router_command(federated_world.topology.supergraph, port)
    router = start("router-metrics", command, env=env, cwd=FEDERATION_DIR, logs=tmp_path)
    try:
        router.wait_until_ready(f"http://127.0.0.1:{port}/healthcheck")
        url = f"http://127.0.0.1:{port}/metrics"
        refused = httpx.get(url, timeout=30)
        wrong = httpx.get(url, headers={"Authorization": "Bearer not-the-token"}, timeout=30)
        right = httpx.get(url, headers={"Authorization": f"Bearer {ROUTER_TOKEN}"}, timeout=30)
    finally:
        router.stop()
    assert (refused.status_code, wrong.status_code, right.status_code) == (
        without,
        without,
        with_token,
    )
    assert "graphql_" not in refused.text + wrong.text
    if with_token == 200:
        assert "graphql_envelop_request" in right.text
