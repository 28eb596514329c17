"""Limits refuse abusive requests before execution, each saying which limit."""

import asyncio
import time

import pytest
from sqlalchemy import select

import schemas.admin.queries
from db.enums import Role, UserStatus
from db.models import User
from gateway.extensions import MASKED_MESSAGE
from resolvers.ids import to_global_id
from schemas.admin.user_fields import AdminUserFields
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, graphql_body, http_client

GRAPHQL_RESPONSE = "application/graphql-response+json"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
async def acme(database):
    return await make_tenant(database)


@pytest.fixture
async def token(database, acme):
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    return await make_token(database, admin)


async def _post(database, token, query, variables=None, *, accept=None, **settings):
    headers = bearer(token) | ({"Accept": accept} if accept else {})
    async with http_client(database, **settings) as client:
        return await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )


def _error(response):
    (error,) = graphql_body(response)["errors"]
    return error


async def test_depth_limit(database, token):
    deep = "{ me { groups { members { groups { members { groups { members { id } } } } } } } }"
    refused = await _post(database, token, deep, max_depth=5, accept=GRAPHQL_RESPONSE)
    allowed = await _post(database, token, deep, max_depth=7)

    assert refused.status_code == 400
    assert graphql_body(refused) == {
        "errors": [
            {
                "message": "Operation 'anonymous' nests fields 7 levels deep; the depth limit is 5.",
                "locations": [{"line": 1, "column": 1}],
                "extensions": {"code": "DEPTH_LIMIT_EXCEEDED"},
            }
        ]
    }
    assert graphql_body(allowed) == {"data": {"me": {"groups": []}}}


async def test_depth_counts_the_fields_fragments_add(database, token):
    query = """query Deep { me { ...Groups } }
      fragment Groups on User { groups { members { ...More } } }
      fragment More on User { groups { members { id } } }"""
    response = await _post(database, token, query, max_depth=4)

    assert response.status_code == 200
    assert _error(response)["message"] == (
        "Operation 'Deep' nests fields 5 levels deep; the depth limit is 4."
    )
    assert "data" not in graphql_body(response)


async def test_alias_limit(database, token):
    aliases = "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(4)) + " }"
    response = await _post(database, token, aliases, max_aliases=3)
    assert _error(response) == {
        "message": "Operation 'anonymous' uses 4 aliases (fragments included); the alias limit is 3.",
        "locations": [{"line": 1, "column": 1}],
        "extensions": {"code": "ALIAS_LIMIT_EXCEEDED"},
    }


async def test_aliases_inside_fragments_count_once_per_spread(database, token):
    query = """{ me { ...Names ...Names } a: me { ...Names } }
      fragment Names on User { n1: email n2: displayName }"""
    refused = await _post(database, token, query, max_aliases=6)
    allowed = await _post(database, token, query, max_aliases=7)

    assert _error(refused)["message"] == (
        "Operation 'anonymous' uses 7 aliases (fragments included); the alias limit is 6."
    )
    assert graphql_body(allowed) == {
        "data": {
            "me": {"n1": "ada.admin@acme.example", "n2": "Ada Admin"},
            "a": {"n1": "ada.admin@acme.example", "n2": "Ada Admin"},
        }
    }


async def test_fragments_that_double_at_each_level_are_measured_in_linear_time(database, token):
    # 2**60 aliases behind 60 levels of spreads: walking each spread again would never end.
    levels = 60
    fragments = " ".join(
        f"fragment F{i} on User {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    query = f"{{ me {{ ...F0 }} }} {fragments} fragment F{levels} on User {{ a: id }}"
    started = time.perf_counter()
    response = await _post(database, token, query)
    elapsed = time.perf_counter() - started

    # Exponential work would take centuries; a wide bound keeps a busy machine out of it.
    assert elapsed < 60
    assert _error(response)["message"] == (
        f"Operation 'anonymous' uses {2**levels} aliases (fragments included); "
        "the alias limit is 30."
    )


async def test_token_limit(database, token):
    response = await _post(database, token, "{ " + "me { id } " * 50 + "}", max_tokens=40)
    assert _error(response) == {
        "message": "Syntax Error: Document contains more than 40 tokens. Parsing aborted.",
        "locations": [{"line": 1, "column": 101}],
        "extensions": {"code": "TOKEN_LIMIT_EXCEEDED"},
    }


async def test_circular_fragments_are_refused(database, token):
    query = """{ me { ...A } }
      fragment A on User { id groups { members { ...B } } }
      fragment B on User { email ...A }"""
    response = await _post(database, token, query, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    assert graphql_body(response) == {
        "errors": [
            {
                "message": "Cannot spread fragment 'A' within itself via 'B'.",
                "locations": [{"line": 2, "column": 50}, {"line": 3, "column": 34}],
            }
        ]
    }


async def test_first_over_100_is_invalid_input(database, token):
    response = await _post(database, token, "{ users(first: 101) { totalCount } }")
    assert graphql_body(response) == {
        "data": None,
        "errors": [
            {
                "message": "`first` must be between 1 and 100; got 101.",
                "locations": [{"line": 1, "column": 3}],
                "path": ["users"],
                "extensions": {"code": "INVALID_INPUT"},
            }
        ],
    }


async def test_bulk_over_500_ids_is_refused_whole_and_changes_nobody(database, acme, token):
    members = [await make_user(database, acme, name) for name in ("Ben Bell", "Cai Chen")]
    ids = [to_global_id("User", user.id) for user in members] * 251
    mutation = """mutation($ids: [ID!]!) { deactivateUsers(input: {userIds: $ids}) {
      results { changed } userErrors { code message field } } }"""
    response = await _post(database, token, mutation, {"ids": ids})

    assert graphql_body(response) == {
        "data": {
            "deactivateUsers": {
                "results": [],
                "userErrors": [
                    {
                        "code": "INVALID_INPUT",
                        "message": "At most 500 ids at once; got 502.",
                        "field": ["input", "userIds"],
                    }
                ],
            }
        }
    }
    async with database.session() as session:
        statuses = (await session.execute(select(User.status))).scalars().all()
    assert set(statuses) == {UserStatus.ACTIVE}


async def test_body_over_the_limit_is_413(database, token):
    async with http_client(database, max_body_bytes=1000) as client:
        response = await client.post(
            "/graphql", json={"query": "{ me { id } }", "pad": "x" * 2000}, headers=bearer(token)
        )
    assert response.status_code == 413
    assert graphql_body(response) == {
        "errors": [
            {
                "message": "The request body is larger than 1000 bytes.",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }


async def test_the_default_body_limit_is_one_megabyte(database, token):
    padding = "#" * 1_000_001
    async with http_client(database) as client:
        response = await client.post(
            "/graphql", json={"query": f"{padding}\n{{ me {{ id }} }}"}, headers=bearer(token)
        )
    assert response.status_code == 413
    assert _error(response)["message"] == "The request body is larger than 1000000 bytes."


SLOW_SECONDS = 30


async def test_a_request_over_the_time_limit_is_cut_off_with_503(database, token, monkeypatch):
    load_user = schemas.admin.queries.load_user

    async def slow_load_user(info, pk):
        await asyncio.sleep(SLOW_SECONDS)
        return await load_user(info, pk)

    monkeypatch.setattr(schemas.admin.queries, "load_user", slow_load_user)
    async with http_client(database, request_timeout_seconds=0.05) as client:
        started = time.perf_counter()
        slow = await client.post("/graphql", json={"query": "{ me { id } }"}, headers=bearer(token))
        elapsed = time.perf_counter() - started
        fast = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers=bearer(token)
        )

    # Cut off, not waited out (a bound far from the limit: no timing assertion on a busy machine).
    assert elapsed < SLOW_SECONDS
    assert slow.status_code == 503
    assert graphql_body(slow) == {
        "errors": [
            {
                "message": "The request took longer than the time limit of 0.05 s.",
                "extensions": {"code": "TIMEOUT"},
            }
        ]
    }
    assert graphql_body(fast) == {"data": {"__typename": "Query"}}


async def test_validation_errors_stay_readable(database, token):
    response = await _post(database, token, "{ me { emial } }")
    assert graphql_body(response)["errors"][0]["message"] == (
        "Cannot query field 'emial' on type 'User'. Did you mean 'email'?"
    )


async def test_development_has_introspection_and_graphiql(database, token):
    async with http_client(database) as client:
        introspection = await client.post(
            "/graphql", json={"query": "{ __schema { queryType { name } } }"}, headers=bearer(token)
        )
        page = await client.get("/graphql", headers={"Accept": BROWSER_ACCEPT})

    assert graphql_body(introspection) == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"


async def test_production_has_no_introspection_no_graphiql_and_no_suggestions(database, token):
    # Free text, to see what production answers it (trusted documents have tests of their own).
    async with http_client(
        database, env="production", subgraphs_enabled=False, trusted_documents_only=False
    ) as client:
        schema = await client.post(
            "/graphql", json={"query": "{ __schema { queryType { name } } }"}, headers=bearer(token)
        )
        type_ = await client.post(
            "/graphql", json={"query": '{ __type(name: "User") { name } }'}, headers=bearer(token)
        )
        typename = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers=bearer(token)
        )
        field = await client.post(
            "/graphql", json={"query": "{ me { emial } }"}, headers=bearer(token)
        )
        argument = await client.post(
            "/graphql", json={"query": "{ users(frist: 1) { totalCount } }"}, headers=bearer(token)
        )
        enum_variable = await client.post(
            "/graphql",
            json={
                "query": "query($s: UserStatus) { users(filter: {status: $s}) { totalCount } }",
                "variables": {"s": "ACTIV"},
            },
            headers=bearer(token),
        )
        page = await client.get("/graphql", headers={"Accept": BROWSER_ACCEPT})

    assert [error["message"] for error in graphql_body(schema)["errors"]] == [
        "GraphQL introspection has been disabled, but the requested query contained the field "
        f"'{field}'."
        for field in ("__schema", "queryType")
    ]
    assert [error["message"] for error in graphql_body(type_)["errors"]] == [
        "GraphQL introspection has been disabled, but the requested query contained the field "
        "'__type'."
    ]
    assert graphql_body(typename) == {"data": {"__typename": "Query"}}
    assert _error(field)["message"] == "Cannot query field 'emial' on type 'User'."
    assert _error(argument)["message"] == "Unknown argument 'frist' on field 'Query.users'."
    assert _error(enum_variable)["message"] == (
        "Variable '$s' has invalid value: Value 'ACTIV' does not exist in 'UserStatus' enum."
    )
    assert "Did you mean" not in page.text
    assert page.status_code == 400
    assert page.headers["content-type"] == "application/json; charset=utf-8"
    assert _error(page) == {
        "message": "Send the operation in the `query` parameter.",
        "extensions": {"code": "BAD_REQUEST"},
    }


async def test_internal_errors_are_masked(database, token, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: /etc/passwd")

    # The field breaks; authentication (which reads the same policy module) must not.
    monkeypatch.setattr(AdminUserFields, "facts", property(broken))
    response = await _post(database, token, "{ me { email inAvailableUserList } }")
    assert graphql_body(response) == {
        "data": {"me": None},
        "errors": [
            {
                "message": MASKED_MESSAGE,
                "locations": [{"line": 1, "column": 14}],
                "path": ["me", "inAvailableUserList"],
            }
        ],
    }
    assert "secret" not in response.text


async def test_a_failure_outside_execution_is_a_masked_500(database, token, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr("gateway.auth.authenticate.Authenticator.authenticate", broken)
    response = await _post(database, token, "{ me { id } }")

    assert response.status_code == 500
    assert graphql_body(response) == {
        "errors": [
            {
                "message": MASKED_MESSAGE,
                "extensions": {"code": "INTERNAL_SERVER_ERROR"},
            }
        ]
    }


async def test_a_cancellation_from_within_execution_is_a_masked_500(database, token, monkeypatch):
    async def cancelled(info, pk):
        raise asyncio.CancelledError

    monkeypatch.setattr(schemas.admin.queries, "load_user", cancelled)
    async with http_client(database) as client:
        broken = await client.post(
            "/graphql", json={"query": "{ me { id } }"}, headers=bearer(token)
        )
        fine = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers=bearer(token)
        )

    assert broken.status_code == 500
    assert graphql_body(broken) == {
        "errors": [{"message": MASKED_MESSAGE, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
    }
    assert graphql_body(fine) == {"data": {"__typename": "Query"}}


async def test_a_scalar_the_caller_got_wrong_is_not_masked(database, token):
    query = "query($from: DateTime!, $to: DateTime!) { callCenterReport(from: $from, to: $to) { inboundCount } }"
    response = await _post(
        database, token, query, {"from": "yesterday", "to": "2030-01-01T00:00:00+00:00"}
    )

    assert graphql_body(response) == {
        "errors": [
            {
                "message": "Variable '$from' has invalid value: Value cannot represent a DateTime: "
                "\"yesterday\". Expected 4 digits, got 'yest'",
                "locations": [{"line": 1, "column": 7}],
                "extensions": {"code": "INVALID_INPUT"},
            }
        ]
    }
