"""One JSON line per request: what it ran, for which tenant, how it ended, how long it took,
how many statements; never a variable, the query's text, an email or a token."""

import re
from typing import Any

from tests.http import bearer, graphql_body
from tests.telemetry.log_capture import captured_log
from tests.telemetry.recording import recording_client

USERS = {"query": "query Users { users(first: 5) { edges { node { displayName } } } }"}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")


def request_line(**fields: Any) -> dict[str, Any]:
    """A request's line as expected, the fields that differ by request given."""
    return {
        "level": "INFO",
        "logger": "roster.request",
        "message": "request",
        "event": "request",
        "endpoint": "api",
        "transport": "http",
        "operation_name": None,
        "operation_type": None,
        "tenant_id": None,
        "error_codes": [],
        **fields,
    }


def timed(line: dict[str, Any], duration_seconds: float) -> dict[str, Any]:
    """``line`` without its timestamp and duration, once both are checked."""
    assert TIMESTAMP.fullmatch(line.pop("timestamp")), line
    assert line.pop("duration_ms") == round(duration_seconds * 1000, 3)
    return line


async def test_a_query_is_one_line_with_its_operation_tenant_status_and_statements(database, world):
    with captured_log() as log:
        async with recording_client(database) as (client, recorded):
            response = await client.post("/graphql", json=USERS, headers=bearer(world["token"]))
    assert response.status_code == 200
    [record] = recorded.requests
    assert record.statements > 0
    [line] = log.events("request")
    assert timed(line, record.duration_seconds) == request_line(
        request_id=response.headers["x-request-id"],
        operation_name="Users",
        operation_type="query",
        tenant_id=world["ben"].tenant_id,
        status=200,
        statements=record.statements,
    )


async def test_a_refusal_and_a_request_error_are_lines_with_their_codes(database, world):
    with captured_log() as log:
        async with recording_client(database) as (client, recorded):
            refused = await client.post("/graphql", json=USERS)
            invalid = await client.post(
                "/graphql", json={"query": "{ nope }"}, headers=bearer(world["token"])
            )
    assert (refused.status_code, invalid.status_code) == (401, 200)
    assert graphql_body(refused)["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    unauthenticated, not_valid = log.events("request")
    assert timed(unauthenticated, recorded.requests[0].duration_seconds) == request_line(
        request_id=refused.headers["x-request-id"],
        status=401,
        error_codes=["UNAUTHENTICATED"],
        statements=0,
    )
    assert timed(not_valid, recorded.requests[1].duration_seconds) == request_line(
        request_id=invalid.headers["x-request-id"],
        operation_type="query",
        tenant_id=world["ben"].tenant_id,
        status=200,
        error_codes=["GRAPHQL_VALIDATION_FAILED"],
        statements=recorded.requests[1].statements,
    )
    # Nothing went wrong in roster: no line above INFO.
    assert [line for line in log.lines() if line["level"] not in ("INFO", "WARNING")] == []


async def test_no_variable_query_text_email_or_token_reaches_the_log(database, world):
    create = {
        "query": "mutation New($input: CreateUserInput!) { createUser(input: $input) "
        "{ user { id } userErrors { code } } }",
        "variables": {"input": {"displayName": "Zed Quiet", "email": "zed.quiet@acme.example"}},
    }
    search = {
        "query": "query Find($f: UserFilter) { users(filter: $f) { totalCount } }",
        "variables": {"f": {"search": "Quietsearchterm"}},
    }
    literal = {"query": '{ users(filter: {search: "literal.person@acme.example"}) { nope } }'}
    with captured_log() as log:
        async with recording_client(database) as (client, _):
            for body in (create, search, literal):
                response = await client.post("/graphql", json=body, headers=bearer(world["token"]))
                assert response.status_code == 200
    assert [(line["operation_name"], line["error_codes"]) for line in log.events("request")] == [
        ("New", []),
        ("Find", []),
        (None, ["GRAPHQL_VALIDATION_FAILED"]),
    ]
    text = log.text()
    for secret in (
        "zed.quiet@acme.example",
        "Zed Quiet",
        "Quietsearchterm",
        "literal.person",
        "users(",
        "CreateUserInput",
        world["token"],
        world["token"][-12:],
    ):
        assert secret not in text


async def test_the_text_format_is_one_aligned_line_per_request(database, world):
    with captured_log("text") as log:
        async with recording_client(database) as (client, recorded):
            ok = await client.post("/graphql", json=USERS, headers=bearer(world["token"]))
            refused = await client.post("/graphql", json=USERS)
    lines = [line for line in log.text().splitlines() if " id=" in line]
    assert len(lines) == 2
    first, second = recorded.requests
    tenant = world["ben"].tenant_id
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO    "
        + re.escape(
            f"200 query        Users                        api/http               "
            f"{round(first.duration_seconds * 1000, 3):>9.1f} ms {first.statements:>4} sql  "
            f"tenant={tenant!s:<6} id={ok.headers['x-request-id']}"
        ),
        lines[0],
    ), lines[0]
    assert lines[1].endswith(
        f"INFO    401 -            -                            api/http               "
        f"{round(second.duration_seconds * 1000, 3):>9.1f} ms    0 sql  tenant=-      "
        f"id={refused.headers['x-request-id']}  errors=UNAUTHENTICATED"
    ), lines[1]
    # The columns start at the same place on both lines.
    assert lines[0].index(" ms ") == lines[1].index(" ms ")
    assert lines[0].index("tenant=") == lines[1].index("tenant=")
