"""One request id from the router to the subgraphs: the router's response header names the
request the subgraphs logged and put in their errors, so "request X failed" is found in
every process's log."""

import re

import httpx

from tests.federation.conftest import FederatedWorld

QUERY = {"query": "{ me { email inPhoneUserMenu } }"}


def test_the_routers_request_id_is_the_one_in_the_subgraphs_errors(
    federated_world: FederatedWorld,
) -> None:
    router = federated_world.topology.router_url
    made = httpx.post(router, json=QUERY, timeout=30)
    given = httpx.post(router, json=QUERY, headers={"X-Request-Id": "frontend-7d1e9c"}, timeout=30)

    made_id = made.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", made_id)
    assert given.headers["x-request-id"] == "frontend-7d1e9c"
    for response, request_id in ((made, made_id), (given, "frontend-7d1e9c")):
        body = response.json()
        assert body["data"] == {"me": None}
        assert [error["extensions"] for error in body["errors"]] == [
            {"code": "UNAUTHENTICATED", "requestId": request_id, "serviceName": "admin"}
        ]
