"""A masked internal error is logged once, at ERROR, with its traceback and the id of the
request it failed (the response's X-Request-Id and each error's ``requestId``): an admin's
"request X failed" is one grep away."""

from gateway.extensions import MASKED_MESSAGE
from schemas.admin.user_fields import AdminUserFields
from tests.http import bearer
from tests.telemetry.log_capture import captured_log
from tests.telemetry.recording import recording_client

FACTS = "{ me { inAvailableUserList } }"


async def test_a_field_fault_is_one_error_line_with_traceback_and_request_id(
    database, world, monkeypatch
):
    def broken(self):
        raise RuntimeError("the policy module broke")

    monkeypatch.setattr(AdminUserFields, "facts", property(broken))
    with captured_log() as log:
        async with recording_client(database) as (client, _):
            response = await client.post(
                "/graphql", json={"query": FACTS}, headers=bearer(world["token"])
            )
    request_id = response.headers["x-request-id"]
    assert response.json() == {
        "data": {"me": None},
        "errors": [{
            "message": MASKED_MESSAGE,
            "locations": [{"line": 1, "column": 8}],
            "path": ["me", "inAvailableUserList"],
            "extensions": {"requestId": request_id},
        }],
    }  # fmt: skip
    [error] = log.errors()
    traceback = error.pop("traceback")
    assert traceback.startswith("Traceback (most recent call last):")
    assert traceback.endswith("RuntimeError: the policy module broke")
    error.pop("timestamp")
    assert error == {
        "level": "ERROR",
        "logger": "strawberry.execution",
        "message": "masked internal error in me.inAvailableUserList: RuntimeError",
        "request_id": request_id,
    }
    [line] = log.events("request")
    assert (line["request_id"], line["status"], line["error_codes"]) == (
        request_id,
        200,
        ["INTERNAL_SERVER_ERROR"],
    )
    # "request id X failed": grep finds the request's line and its traceback's.
    assert [line["logger"] for line in log.lines() if line.get("request_id") == request_id] == [
        "strawberry.execution",
        "roster.request",
    ]


async def test_a_fault_outside_execution_is_one_error_line_and_a_500(database, world, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("authentication broke")

    monkeypatch.setattr("gateway.auth.authenticate.Authenticator.authenticate", broken)
    with captured_log() as log:
        async with recording_client(database) as (client, _):
            response = await client.post(
                "/graphql",
                json={"query": "{ me { id } }"},
                headers={**bearer(world["token"]), "X-Request-Id": "admin-report-0042"},
            )
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "admin-report-0042"
    assert response.json() == {
        "errors": [{
            "message": MASKED_MESSAGE,
            "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": "admin-report-0042"},
        }]
    }  # fmt: skip
    [error] = log.errors()
    assert error["traceback"].endswith("RuntimeError: authentication broke")
    assert (error["logger"], error["message"], error["request_id"]) == (
        "gateway.view",
        "unexpected failure answering a GraphQL request",
        "admin-report-0042",
    )
    [line] = log.events("request")
    assert (line["request_id"], line["status"], line["error_codes"]) == (
        "admin-report-0042",
        500,
        ["INTERNAL_SERVER_ERROR"],
    )


async def test_a_request_error_writes_no_error_line(database, world):
    with captured_log() as log:
        async with recording_client(database) as (client, _):
            await client.post(
                "/graphql", json={"query": "{ me { emial } }"}, headers=bearer(world["token"])
            )
            await client.post(
                "/graphql",
                json={"query": "{ users(first: 500) { totalCount } }"},
                headers=bearer(world["token"]),
            )
    assert log.errors() == []
    assert [line["error_codes"] for line in log.events("request")] == [
        ["GRAPHQL_VALIDATION_FAILED"],
        ["INVALID_INPUT"],
    ]
