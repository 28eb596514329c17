"""/metrics counts each GraphQL request by endpoint, operation and transport, with its
duration, status class, error codes and SQL statements, as its record says."""

from typing import Any

from tests.http import bearer
from tests.telemetry.scrape import metrics_client, scrape

ME = "query Me { me { id } }"
API = {"endpoint": "api", "transport": "http"}


async def _post(client, token: str | None, query: str, **extra: Any) -> dict[str, Any]:
    headers = bearer(token) if token else {}
    response = await client.post("/graphql", json={"query": query, **extra}, headers=headers)
    return response.json()


async def test_requests_are_counted_by_endpoint_operation_name_type_and_transport(database, world):
    async with metrics_client(database) as (client, _, recorded):
        for _ in range(2):
            await _post(client, world["token"], ME)
        await _post(client, world["token"], "{ me { id } }")
        await _post(
            client,
            world["token"],
            "mutation Nothing($id: ID!) { deactivateUser(input: {userId: $id, dryRun: true}) "
            "{ userErrors { code } } }",
            variables={"id": "VXNlcjow"},
        )
        subgraph = await client.post(
            "/subgraphs/admin/graphql",
            json={"query": "query Me { me { id } }"},
            headers=bearer(world["token"]),
        )
        assert subgraph.json()["data"]["me"]["id"]
        metrics = await scrape(client)
    assert metrics.series("roster_requests_total") == {
        tuple(sorted({**API, "operation_name": "Me", "operation_type": "query"}.items())): 2.0,
        tuple(
            sorted({**API, "operation_name": "anonymous", "operation_type": "query"}.items())
        ): 1.0,
        tuple(
            sorted({**API, "operation_name": "Nothing", "operation_type": "mutation"}.items())
        ): 1.0,
        tuple(
            sorted(
                {
                    "endpoint": "admin",
                    "transport": "http",
                    "operation_name": "Me",
                    "operation_type": "query",
                }.items()
            )
        ): 1.0,
    }
    me = {**API, "operation_name": "Me", "operation_type": "query"}
    assert metrics.value("roster_request_duration_seconds_count", **me) == 2
    durations = [r.duration_seconds for r in recorded.requests if r.operation_name == "Me"]
    assert metrics.value("roster_request_duration_seconds_sum", **me) == sum(durations[:2])
    assert metrics.value("roster_responses_total", **API, status_class="2xx") == 4
    assert metrics.value("roster_responses_total", **API, status_class="4xx") == 0


async def test_errors_are_counted_by_code_with_their_status_class(database, world):
    async with metrics_client(database) as (client, _, _):
        await _post(client, None, ME)
        await _post(client, None, ME)
        await _post(client, world["token"], "{ me { id ")
        await _post(client, world["token"], "{ me { nope } }")
        metrics = await scrape(client)
    assert metrics.series("roster_request_errors_total") == {
        (("code", "UNAUTHENTICATED"), ("endpoint", "api")): 2.0,
        (("code", "GRAPHQL_PARSE_FAILED"), ("endpoint", "api")): 1.0,
        (("code", "GRAPHQL_VALIDATION_FAILED"), ("endpoint", "api")): 1.0,
    }
    assert metrics.value("roster_responses_total", **API, status_class="4xx") == 2
    # application/json (httpx's Accept: */*): a request error is a 200, as older clients expect.
    assert metrics.value("roster_responses_total", **API, status_class="2xx") == 2
    # Refused before parsing (no token) or unparsable: no operation type is known.
    unknown = {**API, "operation_name": "anonymous", "operation_type": "unknown"}
    assert metrics.value("roster_requests_total", **unknown) == 3


async def test_the_statements_histogram_adds_up_to_the_records(database, world):
    async with metrics_client(database) as (client, _, recorded):
        await _post(client, world["token"], ME)
        await _post(client, world["token"], "{ users(first: 5) { edges { node { id email } } } }")
        await _post(client, None, ME)
        metrics = await scrape(client)
    statements = [record.statements for record in recorded.requests]
    assert len(statements) == 3 and sum(statements) > 0 and 0 in statements
    histogram = "roster_request_sql_statements"
    assert metrics.value(f"{histogram}_count", endpoint="api") == 3
    assert metrics.value(f"{histogram}_sum", endpoint="api") == sum(statements)
    assert metrics.value(f"{histogram}_bucket", endpoint="api", le="0.0") == statements.count(0)
    assert metrics.value(f"{histogram}_bucket", endpoint="api", le="+Inf") == 3


async def test_operation_names_past_the_limit_or_of_another_shape_count_as_other(database, world):
    long_name = "N" * 65
    async with metrics_client(database, metrics_operation_names=2) as (client, _, _):
        for name in ("First", "Second", "Third", "First", long_name):
            await _post(client, world["token"], f"query {name} {{ me {{ id }} }}")
        metrics = await scrape(client)
    names = {
        dict(labels)["operation_name"]: value
        for labels, value in metrics.series("roster_requests_total").items()
    }
    assert names == {"First": 2.0, "Second": 1.0, "other": 2.0}


async def test_process_and_platform_collectors_are_exposed(database):
    async with metrics_client(database) as (client, _, _):
        metrics = await scrape(client)
    assert metrics.value("process_resident_memory_bytes") > 0
    assert {name for name, _, _ in metrics.samples} >= {
        "python_info",
        "process_start_time_seconds",
        "python_gc_objects_collected_total",
    }
