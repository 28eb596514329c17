"""An execution result as the GraphQL-over-HTTP response body (and each SSE ``next``)."""

from typing import Any

from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError


def is_request_error(result: ExecutionResult) -> bool:
    """True when the operation never started: nothing ran, so the response has no `data`."""
    if isinstance(result, PreExecutionError):
        return True
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


def result_body(result: ExecutionResult, *, request_error: bool | None = None) -> dict[str, Any]:
    """``data`` (unless the operation never started), ``errors`` and ``extensions``."""
    if request_error is None:
        request_error = is_request_error(result)
    body: dict[str, Any] = {}
    if not request_error:
        body["data"] = result.data
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    if result.extensions:
        body["extensions"] = result.extensions
    return body
