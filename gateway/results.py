"""An execution result as the GraphQL-over-HTTP response body (and each SSE ``next``)."""

from typing import Any

from graphql import GraphQLError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError


def is_request_error(result: ExecutionResult) -> bool:
    """True when the operation never started: nothing ran, so the response has no `data`."""
    if isinstance(result, PreExecutionError):
        return True
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


def formatted_error(error: GraphQLError, request_id: str | None) -> dict[str, Any]:
    """The error as the response shows it, ``extensions.requestId`` added (a copy: a
    validation error is shared by every request that sends its document)."""
    formatted: dict[str, Any] = dict(error.formatted)
    if request_id is not None:
        extensions = formatted.get("extensions") or {}
        formatted["extensions"] = {**extensions, "requestId": request_id}
    return formatted


def result_body(
    result: ExecutionResult, *, request_id: str | None, request_error: bool | None = None
) -> dict[str, Any]:
    """``data`` (unless the operation never started), ``errors`` and ``extensions``; each
    error names the request (``extensions.requestId``) so that a report can quote it."""
    if request_error is None:
        request_error = is_request_error(result)
    body: dict[str, Any] = {}
    if not request_error:
        body["data"] = result.data
    if result.errors:
        body["errors"] = [formatted_error(error, request_id) for error in result.errors]
    if result.extensions:
        body["extensions"] = result.extensions
    return body
