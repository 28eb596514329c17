"""CORS on /graphql for the origins of ROSTER_CORS_ORIGINS, and nowhere else.

CORS lets an allowed page read answers; it never makes roster execute what a page
could send without a preflight (the CSRF rules of gateway/view.py stay as they are).
"""

import json

import pytest

from db.enums import UserStatus
from resolvers.ids import to_global_id
from tests.gateway.admin_and_ben import ben_status
from tests.http import bearer, graphql_body, http_client

APP = "https://app.example.com"
ADMIN_CONSOLE = "http://localhost:5173"
ELSEWHERE = "https://evil.example"
ORIGINS = f"{APP},{ADMIN_CONSOLE}"
DEACTIVATE = "mutation Off($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }"
CORS_RESPONSE_HEADERS = {
    "access-control-allow-origin",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-allow-credentials",
    "access-control-max-age",
    "access-control-expose-headers",
}
ALLOWED_HEADERS = (
    "Accept, Accept-Language, Authorization, Content-Language, Content-Type, "
    "apollo-require-preflight, apollographql-client-name, apollographql-client-version, "
    "x-apollo-operation-name"
)


def deactivate_ben(world) -> str:
    return json.dumps(
        {"query": DEACTIVATE, "variables": {"id": to_global_id("User", world["ben"].id)}}
    )


def preflight(origin: str, method: str = "POST", headers: str | None = None) -> dict[str, str]:
    asked = {"Origin": origin, "Access-Control-Request-Method": method}
    return asked | ({"Access-Control-Request-Headers": headers} if headers else {})


def cors_headers(response) -> dict[str, str]:
    return {
        name: value for name, value in response.headers.items() if name in CORS_RESPONSE_HEADERS
    }


async def test_a_preflight_from_an_allowed_origin_allows_what_graphql_clients_send(database, world):
    async with http_client(database, cors_origins=ORIGINS) as client:
        response = await client.options(
            "/graphql",
            headers=preflight(
                APP,
                headers="authorization,content-type,accept,apollographql-client-name,"
                "apollographql-client-version",
            ),
        )

    assert response.status_code == 200
    assert cors_headers(response) == {
        "access-control-allow-origin": APP,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-max-age": "600",
    }
    assert response.headers["vary"] == (
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, "
        "Access-Control-Request-Private-Network"
    )


async def test_an_allowed_origin_reads_the_answer_of_a_json_post_and_its_mutation_runs(
    database, world
):
    headers = bearer(world["token"]) | {"Origin": ADMIN_CONSOLE, "Content-Type": "application/json"}
    async with http_client(database, cors_origins=ORIGINS) as client:
        response = await client.post("/graphql", content=deactivate_ben(world), headers=headers)

    assert graphql_body(response) == {"data": {"deactivateUser": {"changed": True}}}
    assert cors_headers(response) == {"access-control-allow-origin": ADMIN_CONSOLE}
    assert response.headers["vary"] == "Origin"
    assert await ben_status(database, world) is UserStatus.DEACTIVATED


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
async def test_a_simple_cross_origin_post_from_an_allowed_origin_still_executes_nothing(
    database, world, content_type
):
    # What a page can send with no preflight: a simple content type (and here the token,
    # as if the page had it). The origin being allowed changes nothing.
    headers = bearer(world["token"]) | {"Origin": APP, "Content-Type": content_type}
    async with http_client(database, cors_origins=ORIGINS) as client:
        response = await client.post("/graphql", content=deactivate_ben(world), headers=headers)

    assert response.status_code == 415
    assert graphql_body(response)["errors"][0]["extensions"] == {"code": "UNSUPPORTED_MEDIA_TYPE"}
    assert await ben_status(database, world) is UserStatus.ACTIVE


async def test_a_cross_origin_mutation_over_get_is_still_refused(database, world):
    params = json.loads(deactivate_ben(world))
    params["variables"] = json.dumps(params["variables"])
    headers = bearer(world["token"]) | {"Origin": APP}
    async with http_client(database, cors_origins=ORIGINS) as client:
        response = await client.get("/graphql", params=params, headers=headers)

    assert response.status_code == 405
    assert graphql_body(response)["errors"][0]["extensions"] == {"code": "METHOD_NOT_ALLOWED"}
    assert await ben_status(database, world) is UserStatus.ACTIVE


async def test_a_disallowed_origin_gets_no_allow_origin_on_preflight_or_answer(database, world):
    headers = bearer(world["token"]) | {"Origin": ELSEWHERE}
    async with http_client(database, cors_origins=ORIGINS) as client:
        refused = await client.options("/graphql", headers=preflight(ELSEWHERE))
        # Near misses of an allowed origin are other origins too.
        subdomain = await client.options("/graphql", headers=preflight("https://x.app.example.com"))
        scheme = await client.options("/graphql", headers=preflight("http://app.example.com"))
        answer = await client.post("/graphql", json={"query": "{ me { email } }"}, headers=headers)

    for response in (refused, subdomain, scheme):
        assert response.status_code == 400
        assert response.text == "Disallowed CORS origin"
        assert "access-control-allow-origin" not in response.headers
    # A request without a preflight is answered as without CORS, and the browser hides it.
    assert graphql_body(answer) == {"data": {"me": {"email": "ada.admin@acme.example"}}}
    assert cors_headers(answer) == {}
    assert answer.headers["vary"] == "Origin"


@pytest.mark.parametrize(
    ("method", "headers", "failure"),
    [
        ("PUT", None, "Disallowed CORS method"),
        ("POST", "authorization,cookie", "Disallowed CORS headers"),
        ("POST", "x-roster-subgraph-secret", "Disallowed CORS headers"),
    ],
)
async def test_a_preflight_for_another_method_or_header_is_refused(
    database, world, method, headers, failure
):
    async with http_client(database, cors_origins=ORIGINS) as client:
        response = await client.options("/graphql", headers=preflight(APP, method, headers))

    assert (response.status_code, response.text) == (400, failure)


async def test_an_options_request_that_is_no_preflight_is_answered_by_graphql(database, world):
    async with http_client(database, cors_origins=ORIGINS) as client:
        response = await client.options("/graphql", headers={"Origin": APP})

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.headers["access-control-allow-origin"] == APP


async def test_the_subgraph_endpoints_and_the_probes_answer_no_cors(database, world):
    headers = bearer(world["token"]) | {"Origin": APP}
    async with http_client(database, cors_origins=ORIGINS) as client:
        subgraph_preflight = await client.options(
            "/subgraphs/admin/graphql", headers=preflight(APP, headers="authorization")
        )
        subgraph = await client.post(
            "/subgraphs/admin/graphql", json={"query": "{ me { email } }"}, headers=headers
        )
        health = await client.get("/healthz", headers={"Origin": APP})

    assert subgraph_preflight.status_code == 405
    assert cors_headers(subgraph_preflight) == {}
    assert graphql_body(subgraph) == {"data": {"me": {"email": "ada.admin@acme.example"}}}
    assert cors_headers(subgraph) == {}
    assert "vary" not in subgraph.headers
    assert cors_headers(health) == {}


async def test_with_no_origin_configured_there_are_no_cors_headers_at_all(database, world):
    headers = bearer(world["token"]) | {"Origin": APP}
    async with http_client(database) as client:
        preflight_response = await client.options("/graphql", headers=preflight(APP))
        answer = await client.post("/graphql", json={"query": "{ me { email } }"}, headers=headers)

    assert preflight_response.status_code == 405
    assert cors_headers(preflight_response) == {}
    assert graphql_body(answer) == {"data": {"me": {"email": "ada.admin@acme.example"}}}
    assert cors_headers(answer) == {}
    assert "vary" not in answer.headers
