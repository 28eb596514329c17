"""GraphQL over SSE's own rules: keep-alives, one next then complete for a query, GET for
a subscription, the per-token limit (429), the subgraph secret, and a subscription sent
as plain JSON refused."""

import httpx

from resolvers.ids import to_global_id
from tests.factories import make_token
from tests.http import graphql_body
from tests.subscriptions.live_server import live_server, sse, until
from tests.subscriptions.world import MONITOR, people

TOO_MANY = (
    "This API token already holds 2 open subscriptions, the most allowed "
    "(ROSTER_SUBSCRIPTIONS_PER_TOKEN): close one first."
)


async def test_a_quiet_stream_sends_keep_alives_and_a_query_answers_once(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    async with live_server(database, subscription_keep_alive_seconds=0.05) as server:
        async with sse(server, MONITOR, token=token) as stream:
            assert stream.response.headers["content-type"] == "text/event-stream; charset=utf-8"
            assert stream.response.headers["cache-control"] == "no-cache"
            await until(lambda: stream.keep_alives >= 3)
            assert stream.messages.empty()
        async with sse(server, "{ me { id displayName } }", token=token) as stream:
            assert await stream.next() == (
                "next",
                {"data": {"me": {"id": to_global_id("User", ada.id), "displayName": "Ada Admin"}}},
            )
            assert await stream.next() == ("complete", None)


async def test_a_subscription_over_get_streams_and_one_over_json_is_refused(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        live_server(database) as server,
        httpx.AsyncClient(base_url=server.base_url, timeout=20) as client,
    ):
        refused = await client.post("/graphql", json={"query": MONITOR}, headers=headers)
        assert refused.status_code == 400
        assert graphql_body(refused) == {"errors": [{
            "message": "Subscriptions are served as a stream: send this request with Accept: "
            "text/event-stream (GraphQL over SSE), or over WebSocket (graphql-transport-ws).",
            "extensions": {"code": "SUBSCRIPTION_NEEDS_A_STREAM"},
        }]}  # fmt: skip
        async with client.stream(
            "GET",
            "/graphql",
            params={"query": MONITOR},
            headers={**headers, "Accept": "text/event-stream"},
        ) as response:
            assert response.status_code == 200
            await server.wait_for_open(1)
        await server.wait_for_open(0)


async def test_a_token_holds_at_most_its_limit_of_open_streams(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    async with (
        live_server(database, subscriptions_per_token=2) as server,
        sse(server, MONITOR, token=token),
        sse(server, MONITOR, token=token),
    ):
        await server.wait_for_open(2)
        async with sse(server, MONITOR, token=token) as third:
            assert third.response.status_code == 429
            await third.response.aread()
            assert graphql_body(third.response) == {
                "errors": [{"message": TOO_MANY, "extensions": {"code": "TOO_MANY_SUBSCRIPTIONS"}}]
            }
        # Another token has slots of its own.
        other = await make_token(database, ada)
        async with sse(server, MONITOR, token=other) as stream:
            assert stream.response.status_code == 200
            await server.wait_for_open(3)


async def test_a_subgraph_stream_needs_the_routers_secret(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    path = "/subgraphs/callCenter/graphql"
    document = "subscription { realtimeMonitorChanged { change } }"
    async with live_server(database, subgraph_secret="s3cret-for-the-router-only") as server:
        async with sse(server, document, token=token, path=path) as refused:
            assert refused.response.status_code == 403
        secret = {"X-Roster-Subgraph-Secret": "s3cret-for-the-router-only"}
        async with sse(server, document, token=token, path=path, headers=secret) as stream:
            assert stream.response.status_code == 200
            await server.wait_for_open(1)
