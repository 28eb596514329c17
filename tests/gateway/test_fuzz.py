"""Fuzzing over HTTP: generated operations, malformed documents, variables and bodies.

Whatever comes in, roster answers without a 5xx and without showing an internal
error: every error is a request error (parse, validation, variables), a field
error with a code, or the masked message. `make test` runs a bounded, derandomized
run; `make fuzz` sets ROSTER_FUZZ_EXAMPLES for a longer one.
"""

import json
import os
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import StringValueNode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries
from sqlmodel import SQLModel

from db.engine import Database
from gateway.extensions import MASKED_MESSAGE
from gateway.text import NUL_REFUSED
from schemas.graph import plain_schemas
from tests.gateway.authz_world import ADMIN, build_authz_world
from tests.http import graphql_body, http_client

FUZZ = settings(
    max_examples=int(os.environ.get("ROSTER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
SCHEMA = plain_schemas()["composed"]._schema
DATETIMES = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
CUSTOM_SCALARS = {
    "DateTime": DATETIMES.map(lambda moment: StringValueNode(value=moment.isoformat()))
}
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
# Where internals would show: a stack trace, a path on disk, a database driver's words.
LEAK_MARKERS = ("Traceback", 'File "', ".py", "sqlalchemy", "sqlite3", "asyncpg", "psycopg")
LIMIT_CODES = {"DEPTH_LIMIT_EXCEEDED", "ALIAS_LIMIT_EXCEEDED", "TOKEN_LIMIT_EXCEEDED"}
# The one 400 a generated document may get: it holds NUL, as a character or an escape.
NUL_REFUSAL = {"errors": [{"message": NUL_REFUSED, "extensions": {"code": "BAD_REQUEST"}}]}
NUL_IN_DOCUMENT = re.compile(r"\x00|\\u(?:0000|\{0+\})")

# Operations whose variables the variables fuzzer fills with any JSON at all.
WITH_VARIABLES = [
    "query($id: ID!) { user(id: $id) { email groups { name } } node(id: $id) { id } }",
    "query($first: Int, $after: String, $filter: UserFilter) { users(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { email } } } }",
    "query($first: Int, $after: String, $search: String) { availableUsers(first: $first, after: $after, search: $search) { totalCount } }",
    "query($receivable: Boolean) { incomingCallRules(receivable: $receivable) { name receivable } }",
    "query($from: DateTime!, $to: DateTime!, $users: [ID!], $groups: [ID!], $g: Granularity!) { dashboard(from: $from, to: $to, userIds: $users, groupIds: $groups) { overview { callCount } byUser { callCount } byPeriod(granularity: $g) { periodStart callCount } } }",
    "query($q: String!, $first: Int) { mentionSuggestions(query: $q, first: $first) { email } }",
    "query($id: ID!) { comments(callId: $id) { body } }",
    "query($from: DateTime!, $to: DateTime!) { callCenterReport(from: $from, to: $to) { inboundCount } }",
    "query($id: ID!, $first: Int, $after: String, $from: DateTime, $to: DateTime) { user(id: $id) { callHistory(first: $first, after: $after, from: $from, to: $to) { totalCount } meetingHistory(first: $first, after: $after) { totalCount } } }",
    "mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { changed userErrors { code } } }",
    "mutation($input: BulkUserStatusInput!) { activateUsers(input: $input) { results { changed } userErrors { code } } }",
    "mutation($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }",
    "mutation($input: AddCommentInput!) { addComment(input: $input) { userErrors { code } } }",
    "mutation($input: ConnectVideoIntegrationInput!) { connectVideoIntegration(input: $input) { userErrors { code } } }",
]  # fmt: skip
VARIABLE_NAMES = ["id", "first", "after", "filter", "search", "receivable", "from", "to", "users", "groups", "g", "q", "input"]  # fmt: skip


def encode(value: Any) -> bytes:
    return json.dumps(value).encode()  # not orjson: integers past 64 bits must reach the server


def assert_answered_cleanly(response: httpx.Response, statuses: set[int]) -> dict[str, Any]:
    """The response is GraphQL-shaped JSON with an expected status and no internals.

    A marker of internals counts only if the request did not carry it: messages may
    quote the caller's own input.
    """
    sent = response.request.content.decode("utf-8", errors="replace")
    markers = [marker for marker in LEAK_MARKERS if marker not in sent]
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body: dict[str, Any] = graphql_body(response)
    assert set(body) <= {"data", "errors", "extensions"}
    assert body, "an empty response"
    for error in body.get("errors", []):
        message = error["message"]
        assert not any(marker in message for marker in markers), message
        if message == MASKED_MESSAGE:
            continue
        if "path" in error:
            # A field error is raised on purpose, with a code; anything else would be masked.
            assert error.get("extensions", {}).get("code"), error
    return body


def assert_answered_or_nul_refused(
    response: httpx.Response, document: str
) -> dict[str, Any] | None:
    """As ``assert_answered_cleanly`` with 200; for a document holding NUL, exactly the
    NUL refusal as well (None then: there is nothing more to check)."""
    if response.status_code == 400 and NUL_IN_DOCUMENT.search(document):
        assert graphql_body(response) == NUL_REFUSAL
        return None
    return assert_answered_cleanly(response, {200})


@pytest.fixture
async def admin_client(
    database: Database,
) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    """A client of the app over the authorization matrix's two tenants, as acme's admin."""
    world = await build_authz_world(database)
    async with http_client(database) as client:
        yield client, world.headers(ADMIN)


@FUZZ
@given(query=queries(SCHEMA, custom_scalars=CUSTOM_SCALARS))
async def test_generated_queries_are_answered_without_internal_errors(admin_client, query):
    client, headers = admin_client
    response = await client.post("/graphql", json={"query": query}, headers=headers)

    body = assert_answered_or_nul_refused(response, query)
    assert (
        body is None
        or "data" in body
        or {e.get("extensions", {}).get("code") for e in body["errors"]} <= LIMIT_CODES
    )


@FUZZ
@given(query=queries(SCHEMA, custom_scalars=CUSTOM_SCALARS, mode=Mode.NEGATIVE))
async def test_generated_invalid_queries_are_request_errors(admin_client, query):
    client, headers = admin_client
    response = await client.post("/graphql", json={"query": query}, headers=headers)

    body = assert_answered_or_nul_refused(response, query)
    assert body is None or ("data" not in body and body["errors"])


@FUZZ
@given(document=st.text(max_size=300))
async def test_any_text_as_a_document_is_answered_cleanly(admin_client, document):
    client, headers = admin_client
    response = await client.post("/graphql", json={"query": document}, headers=headers)

    assert_answered_cleanly(response, {200, 400})


@FUZZ
@given(
    document=st.sampled_from(WITH_VARIABLES),
    variables=st.dictionaries(st.sampled_from(VARIABLE_NAMES), JSON_VALUES, max_size=6),
)
async def test_any_variables_are_answered_cleanly(admin_client, document, variables):
    client, headers = admin_client
    response = await client.post(
        "/graphql", json={"query": document, "variables": variables}, headers=headers
    )

    assert_answered_cleanly(response, {200, 400})


@FUZZ
@given(
    body=st.binary(max_size=300)
    | JSON_VALUES.map(encode)
    | st.dictionaries(st.sampled_from(["query", "variables", "operationName", "extensions"]), JSON_VALUES).map(encode)
)  # fmt: skip
async def test_any_request_body_is_answered_cleanly(admin_client, body):
    client, headers = admin_client
    response = await client.post(
        "/graphql", content=body, headers=headers | {"Content-Type": "application/json"}
    )

    assert_answered_cleanly(response, {200, 400})


@FUZZ
@given(mutation=mutations(SCHEMA, custom_scalars=CUSTOM_SCALARS))
async def test_generated_mutations_on_a_throwaway_database(tmp_path: Path, mutation):
    # Mutations write: each one gets a database of its own.
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/{uuid.uuid4().hex}.db")
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        world = await build_authz_world(database)
        async with http_client(database) as client:
            response = await client.post(
                "/graphql", json={"query": mutation}, headers=world.headers(ADMIN)
            )
    finally:
        await database.dispose()

    body = assert_answered_or_nul_refused(response, mutation)
    assert (
        body is None
        or "data" in body
        or {e.get("extensions", {}).get("code") for e in body["errors"]} <= LIMIT_CODES
    )


async def test_a_field_error_does_not_cancel_what_other_fields_load(admin_client):
    # Found by the fuzzer: graphql-core cancels the siblings of a failed non-null field; a
    # DataLoader future they shared with fields elsewhere was cancelled too, and the request
    # ended in a 500.
    client, headers = admin_client
    query = "{ me { seat { label } callHistory(first: 0) { totalCount } } realtimeMonitor { email seat { label } } }"
    response = await client.post("/graphql", json={"query": query}, headers=headers)

    assert response.status_code == 200
    assert graphql_body(response) == {
        "data": {"me": None, "realtimeMonitor": [
            {"email": "ada.admin@acme.example", "seat": None},
            {"email": "ben.bell@acme.example", "seat": None},
            {"email": "cai.chen@acme.example", "seat": {"label": "A-1"}},
        ]},
        "errors": [{
            "message": "`first` must be between 1 and 100; got 0.",
            "locations": [{"line": 1, "column": 23}],
            "path": ["me", "callHistory"],
            "extensions": {"code": "INVALID_INPUT"},
        }],
    }  # fmt: skip
