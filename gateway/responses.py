"""GraphQL-over-HTTP responses: refusals before execution, and execution results."""

from collections.abc import Mapping
from typing import Any

import orjson
from starlette.responses import Response

JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


class Refusal(Exception):
    """A request refused before execution: an HTTP status and one GraphQL error with a code."""

    def __init__(
        self, status_code: int, message: str, code: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.code = code
        self.headers = dict(headers or {})


def json_response(
    body: Mapping[str, Any],
    status_code: int,
    media_type: str = JSON,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return Response(
        orjson.dumps(body),
        status_code=status_code,
        headers={**(headers or {}), "content-type": f"{media_type}; charset=utf-8"},
    )


def coded_error(message: str, code: str, request_id: str | None) -> dict[str, Any]:
    """One GraphQL error with its code and, to quote in a report, the request's id."""
    extensions: dict[str, Any] = {"code": code}
    if request_id is not None:
        extensions["requestId"] = request_id
    return {"message": message, "extensions": extensions}


def graphql_error_response(
    status_code: int,
    message: str,
    code: str,
    headers: Mapping[str, str] | None = None,
    media_type: str = JSON,
    *,
    request_id: str | None,
) -> Response:
    body = {"errors": [coded_error(message, code, request_id)]}
    return json_response(body, status_code, media_type, headers)


def refusal_response(
    refusal: Refusal, media_type: str = JSON, *, request_id: str | None
) -> Response:
    return graphql_error_response(
        refusal.status_code,
        refusal.message,
        refusal.code,
        refusal.headers,
        media_type,
        request_id=request_id,
    )
