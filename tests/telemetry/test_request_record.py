"""Each GraphQL request's record: what logs and metrics are made of."""

import re

from tests.graphql import StatementCounter
from tests.http import bearer
from tests.telemetry.recording import recording_client

USERS = {"query": "query Users { users(first: 5) { edges { node { displayName } } } }"}


async def test_a_query_is_recorded_with_its_operation_tenant_status_and_statements(database, world):
    async with recording_client(database) as (client, recorded):
        with StatementCounter(database) as counted:
            response = await client.post("/graphql", json=USERS, headers=bearer(world["token"]))
    assert response.status_code == 200
    [record] = recorded.requests
    assert re.fullmatch(r"[0-9a-f]{32}", record.request_id)
    assert response.headers["x-request-id"] == record.request_id
    assert (
        record.endpoint,
        record.transport,
        record.operation_name,
        record.operation_type,
        record.tenant_id,
        record.status,
        record.error_codes,
    ) == ("api", "http", "Users", "query", world["ben"].tenant_id, 200, [])
    # The token's use is recorded after the response, outside the request's count.
    assert 0 < record.statements <= counted.count
    assert record.duration_seconds > 0


async def test_a_plain_request_id_sent_is_kept_and_a_forged_one_is_replaced(database, world):
    async with recording_client(database) as (client, recorded):
        kept = await client.post(
            "/graphql",
            json=USERS,
            headers={**bearer(world["token"]), "X-Request-Id": "router-4f1c-9a2e"},
        )
        forged = await client.post(
            "/graphql",
            json=USERS,
            headers={**bearer(world["token"]), "X-Request-Id": "x level=ERROR forged"},
        )
    assert kept.headers["x-request-id"] == "router-4f1c-9a2e"
    assert re.fullmatch(r"[0-9a-f]{32}", forged.headers["x-request-id"])
    assert [record.request_id for record in recorded.requests] == [
        "router-4f1c-9a2e",
        forged.headers["x-request-id"],
    ]


async def test_refusals_and_request_errors_are_recorded_with_their_codes(database, world):
    async with recording_client(database) as (client, recorded):
        await client.post("/graphql", json=USERS)
        await client.post("/graphql", json={"query": "{ nope }"}, headers=bearer(world["token"]))
        await client.post("/subgraphs/admin/graphql", json=USERS, headers=bearer(world["token"]))
    assert [
        (r.endpoint, r.status, r.error_codes, r.operation_type, r.tenant_id)
        for r in recorded.requests
    ] == [
        ("api", 401, ["UNAUTHENTICATED"], None, None),
        ("api", 200, ["GRAPHQL_VALIDATION_FAILED"], "query", world["ben"].tenant_id),
        ("admin", 200, [], "query", world["ben"].tenant_id),
    ]
