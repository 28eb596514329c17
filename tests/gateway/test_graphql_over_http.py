"""GraphQL over HTTP: media types, GET and POST, CSRF-safe content types, no batches."""

import json

import pytest

from db.enums import UserStatus
from gateway.text import NUL_REFUSED
from resolvers.ids import to_global_id
from tests.gateway.admin_and_ben import ben_status
from tests.http import bearer, graphql_body, http_client
from tests.table_rows import every_row

GRAPHQL_RESPONSE = "application/graphql-response+json"
DEACTIVATE = "mutation Off($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }"


def ben_variables(world) -> dict[str, str]:
    return {"id": to_global_id("User", world["ben"].id)}


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"application/json;q=0.9, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, application/json", "application/json"),
    ],
)
async def test_the_response_media_type_follows_accept(database, world, accept, media_type):
    headers = bearer(world["token"]) | ({"Accept": accept} if accept else {})
    async with http_client(database) as client:
        response = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=headers
        )

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert graphql_body(response) == {"data": {"me": {"email": "ada.admin@acme.example"}}}


async def test_an_accept_without_a_json_type_is_406(database, world):
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ me { email } }"},
            headers=bearer(world["token"]) | {"Accept": "text/plain"},
        )
    assert response.status_code == 406
    assert graphql_body(response) == {
        "errors": [
            {
                "message": f"Accept must allow {GRAPHQL_RESPONSE} or application/json.",
                "extensions": {"code": "NOT_ACCEPTABLE"},
            }
        ]
    }


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ("{ me { email }", None, "Syntax Error: Expected Name, found <EOF>."),
        (
            "{ me { emial } }",
            None,
            "Cannot query field 'emial' on type 'User'. Did you mean 'email'?",
        ),
        (
            "query($id: ID!) { user(id: $id) { email } }",
            {"id": None},
            "Variable '$id' has invalid value: "
            "Expected value of non-null type 'ID!' not to be None.",
        ),
    ],
    ids=["parse", "validation", "variables"],
)
async def test_a_request_error_has_no_data_and_is_400_only_with_the_graphql_media_type(
    database, world, query, variables, message
):
    body = {"query": query, "variables": variables}
    async with http_client(database) as client:
        as_json = await client.post("/graphql", json=body, headers=bearer(world["token"]))
        as_graphql = await client.post(
            "/graphql", json=body, headers=bearer(world["token"]) | {"Accept": GRAPHQL_RESPONSE}
        )

    assert (as_json.status_code, as_graphql.status_code) == (200, 400)
    for response in (as_json, as_graphql):
        assert set(graphql_body(response)) == {"errors"}
        assert [error["message"] for error in graphql_body(response)["errors"]] == [message]


async def test_a_field_error_keeps_data_and_200_with_the_graphql_media_type(database, world):
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ me { email } users(first: 0) { totalCount } }"},
            headers=bearer(world["token"]) | {"Accept": GRAPHQL_RESPONSE},
        )
    assert response.status_code == 200
    assert graphql_body(response)["data"] is None
    assert graphql_body(response)["errors"][0]["extensions"] == {"code": "INVALID_INPUT"}


async def test_an_unknown_operation_name_is_a_request_error(database, world):
    async with http_client(database) as client:
        unknown = await client.post(
            "/graphql",
            json={"query": "query A { me { id } }", "operationName": "B"},
            headers=bearer(world["token"]) | {"Accept": GRAPHQL_RESPONSE},
        )
        unnamed = await client.post(
            "/graphql",
            json={"query": "query A { me { id } } query B { me { email } }"},
            headers=bearer(world["token"]),
        )
        chosen = await client.post(
            "/graphql",
            json={"query": "query A { me { id } } query B { me { email } }", "operationName": "B"},
            headers=bearer(world["token"]),
        )
    assert (unknown.status_code, graphql_body(unknown)) == (
        400,
        {"errors": [{"message": 'Unknown operation named "B".'}]},
    )
    assert (unnamed.status_code, graphql_body(unnamed)) == (
        200,
        {
            "errors": [
                {
                    "message": "The document has several operations: "
                    "name the one to run in `operationName`.",
                    "locations": [{"line": 1, "column": 1}, {"line": 1, "column": 23}],
                }
            ]
        },
    )
    assert graphql_body(chosen) == {"data": {"me": {"email": "ada.admin@acme.example"}}}


async def test_queries_work_over_get_with_variables(database, world):
    async with http_client(database) as client:
        response = await client.get(
            "/graphql",
            params={
                "query": "query Who($id: ID!) { user(id: $id) { email } }",
                "variables": json.dumps(ben_variables(world)),
                "operationName": "Who",
            },
            headers=bearer(world["token"]),
        )
    assert response.status_code == 200
    assert graphql_body(response) == {"data": {"user": {"email": "ben.bell@acme.example"}}}


@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_a_mutation_over_get_is_405_with_allow_post_and_runs_nothing(database, world, accept):
    async with http_client(database) as client:
        response = await client.get(
            "/graphql",
            params={"query": DEACTIVATE, "variables": json.dumps(ben_variables(world))},
            headers=bearer(world["token"]) | {"Accept": accept},
        )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert graphql_body(response) == {
        "errors": [
            {
                "message": "Only queries are accepted over GET: send mutations with POST.",
                "extensions": {"code": "METHOD_NOT_ALLOWED"},
            }
        ]
    }
    assert await ben_status(database, world) is UserStatus.ACTIVE


async def test_the_same_mutation_over_post_runs(database, world):
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            json={"query": DEACTIVATE, "variables": ben_variables(world)},
            headers=bearer(world["token"]),
        )
    assert graphql_body(response) == {"data": {"deactivateUser": {"changed": True}}}
    assert await ben_status(database, world) is UserStatus.DEACTIVATED


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        None,
    ],
)
async def test_a_post_a_page_could_send_without_preflight_executes_nothing(
    database, world, content_type
):
    body = json.dumps({"query": DEACTIVATE, "variables": ben_variables(world)})
    headers = bearer(world["token"]) | ({"Content-Type": content_type} if content_type else {})
    async with http_client(database) as client:
        response = await client.post("/graphql", content=body, headers=headers)

    assert response.status_code == 415
    (error,) = graphql_body(response)["errors"]
    assert error["extensions"] == {"code": "UNSUPPORTED_MEDIA_TYPE"}
    assert "POST bodies must be application/json" in error["message"]
    assert await ben_status(database, world) is UserStatus.ACTIVE


async def test_a_batch_is_refused_whole_with_400(database, world):
    batch = [
        {"query": DEACTIVATE, "variables": ben_variables(world)},
        {"query": "{ me { id } }"},
    ]
    async with http_client(database) as client:
        response = await client.post("/graphql", json=batch, headers=bearer(world["token"]))

    assert response.status_code == 400
    assert graphql_body(response) == {
        "errors": [
            {
                "message": "Batched requests (a JSON array of operations) are not supported: "
                "send one operation per request.",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }
    assert await ben_status(database, world) is UserStatus.ACTIVE


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "The request body is empty: send a JSON object with a `query`."),
        (b'{"query": ', "The request body is not valid JSON."),
        (b'"{ me { id } }"', "The request body must be a JSON object with a `query`."),
        (b'{"qeury": "{ me { id } }"}', "Send the operation in the `query` parameter."),
        (b'{"query": 1}', "`query` must be a string holding a GraphQL document."),
        (b'{"query": "  "}', "`query` is empty: send a GraphQL document."),
        (b'{"query": "{ me { id } }", "variables": "x"}', "`variables` must be an object or null."),
        (b'{"query": "{ me { id } }", "extensions": []}', "`extensions` must be an object or null."),
        (b'{"query": "{ me { id } }", "operationName": 0}', "`operationName` must be a string or null."),
        (b'{"query": "{ me { id } }\xff"}', "The request body is not valid JSON."),
    ],
    ids=[
        "empty", "broken-json", "not-an-object", "no-query", "query-not-a-string", "blank-query",
        "variables", "extensions", "operation-name", "not-utf-8",
    ],
)  # fmt: skip
async def test_malformed_requests_are_400_with_what_is_wrong(database, world, body, message):
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            content=body,
            headers=bearer(world["token"]) | {"Content-Type": "application/json"},
        )
    assert response.status_code == 400
    assert graphql_body(response) == {
        "errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]
    }


async def test_get_variables_that_are_not_json_are_400(database, world):
    async with http_client(database) as client:
        response = await client.get(
            "/graphql",
            params={"query": "{ me { id } }", "variables": "{id:"},
            headers=bearer(world["token"]),
        )
    assert response.status_code == 400
    assert (
        graphql_body(response)["errors"][0]["message"]
        == "The `variables` parameter is not valid JSON."
    )


async def test_a_body_in_another_charset_is_415(database, world):
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            content='{"query": "{ me { id } }"}'.encode("utf-16"),
            headers=bearer(world["token"]) | {"Content-Type": "application/json; charset=utf-16"},
        )
    assert response.status_code == 415
    assert graphql_body(response)["errors"][0]["message"] == "The request body must be UTF-8."


async def test_a_mutation_hidden_behind_a_query_over_get_runs_nothing(database, world):
    document = f"query Me {{ me {{ id }} }} {DEACTIVATE}"
    variables = json.dumps(ben_variables(world))
    async with http_client(database) as client:
        unnamed = await client.get(
            "/graphql",
            params={"query": document, "variables": variables},
            headers=bearer(world["token"]),
        )
        named = await client.get(
            "/graphql",
            params={"query": document, "variables": variables, "operationName": "Off"},
            headers=bearer(world["token"]),
        )
    assert graphql_body(unnamed)["errors"][0]["message"] == (
        "The document has several operations: name the one to run in `operationName`."
    )
    assert "data" not in graphql_body(unnamed)
    assert named.status_code == 405
    assert await ben_status(database, world) is UserStatus.ACTIVE


async def test_a_document_without_an_operation_is_a_request_error(database, world):
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            json={"query": "fragment F on User { id }"},
            headers=bearer(world["token"]) | {"Accept": GRAPHQL_RESPONSE},
        )
    assert response.status_code == 400
    assert graphql_body(response) == {
        "errors": [{"message": "The document has no operation: send a query or a mutation."}]
    }


# PostgreSQL's text refuses NUL: it is refused before anything runs, wherever it stands.
CREATE_USER = "mutation($input: CreateUserInput!) { createUser(input: $input) { user { email } userErrors { code } } }"  # fmt: skip
NUL_REFUSAL = {"errors": [{"message": NUL_REFUSED, "extensions": {"code": "BAD_REQUEST"}}]}


def _inline_create_user(display_name_literal: str) -> str:
    return (
        'mutation { createUser(input: {email: "nul@acme.example", displayName: '
        f'"{display_name_literal}"}}) {{ user {{ email }} userErrors {{ code }} }} }}'
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"query": CREATE_USER, "variables": {"input": {"email": "nul@acme.example", "displayName": "a\x00b"}}},
        {"query": CREATE_USER, "variables": {"input": {"email": "nul@acme.example", "displayName": "ab", "externalId": "\x00"}}},
        {"query": CREATE_USER, "variables": {"input": {"email": "nul@acme.example", "displayName": "ab"}, "x\x00": 1}},
        {"query": CREATE_USER, "variables": {"input": {"email": "nul@acme.example", "displayName": "ab"}, "deep": [{"a": ["\x00"]}]}},
        {"query": _inline_create_user("a\\u0000b")},
        {"query": _inline_create_user("a\\u{0}b")},
        {"query": _inline_create_user("a\\u{000000}b")},
        {"query": _inline_create_user("a\x00b")},
        {"query": "# a comment holding \x00\n" + _inline_create_user("ab")},
    ],
    ids=[
        "variable", "another-variable", "variable-key", "nested-variable", "escape",
        "variable-width-escape", "padded-variable-width-escape", "raw-character", "comment",
    ],
)  # fmt: skip
async def test_nul_in_any_text_is_refused_400_and_writes_nothing(database, world, payload):
    before = await every_row(database)
    async with http_client(database) as client:
        response = await client.post("/graphql", json=payload, headers=bearer(world["token"]))
    assert (response.status_code, graphql_body(response)) == (400, NUL_REFUSAL)
    assert await every_row(database) == before


async def test_nul_in_get_variables_is_refused_400(database, world):
    async with http_client(database) as client:
        response = await client.get(
            "/graphql",
            params={
                "query": "query($id: ID!) { user(id: $id) { email } }",
                "variables": json.dumps({"id": "VXNlcjox\x00"}),
            },
            headers=bearer(world["token"]),
        )
    assert (response.status_code, graphql_body(response)) == (400, NUL_REFUSAL)


async def test_text_beside_nul_is_kept_as_sent(database, world):
    # The refusal is NUL's alone: U+0001, by a variable or by an escape, is kept.
    async with http_client(database) as client:
        by_variable = await client.post(
            "/graphql",
            json={
                "query": CREATE_USER,
                "variables": {"input": {"email": "one@acme.example", "displayName": "a\x01b"}},
            },
            headers=bearer(world["token"]),
        )
        inline = await client.post(
            "/graphql",
            json={"query": _inline_create_user("a\\u0001b").replace("nul@", "two@")},
            headers=bearer(world["token"]),
        )
    assert graphql_body(by_variable) == {
        "data": {"createUser": {"user": {"email": "one@acme.example"}, "userErrors": []}}
    }
    assert graphql_body(inline) == {
        "data": {"createUser": {"user": {"email": "two@acme.example"}, "userErrors": []}}
    }
