"""A GraphQL-over-HTTP request's parameters, from a GET query string or a JSON POST body."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from gateway.responses import Refusal
from gateway.text import NUL_REFUSED, holds_nul

BAD_REQUEST = "BAD_REQUEST"
MEDIA_TYPE_HINT = (
    "POST bodies must be application/json. Other content types (text/plain, forms, "
    "multipart) are refused: a web page could send them without a CORS preflight."
)


@dataclass(frozen=True)
class GraphQLParams:
    query: str
    operation_name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None


# A GraphQL string literal's escapes for U+0000: fixed-width \u0000 and variable-width
# \u{0}. Refused wherever they stand (a comment, an escaped backslash before them): a
# document that only looks as if it held NUL loses nothing it could have meant.
_NUL_ESCAPE = re.compile(r"\\u(?:0000|\{0+\})")


def _bad(message: str) -> Refusal:
    return Refusal(400, message, BAD_REQUEST)


def _parse_json(text: str | bytes, what: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise _bad(f"{what} is not valid JSON.") from error


def _check_content_type(content_type: str | None) -> None:
    if not content_type:
        raise Refusal(
            415, f"Send a Content-Type header. {MEDIA_TYPE_HINT}", "UNSUPPORTED_MEDIA_TYPE"
        )
    media_type, *parameters = (piece.strip() for piece in content_type.split(";"))
    if media_type.lower() != "application/json":
        raise Refusal(415, MEDIA_TYPE_HINT, "UNSUPPORTED_MEDIA_TYPE")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in {
            "utf-8",
            "utf8",
        }:
            raise Refusal(415, "The request body must be UTF-8.", "UNSUPPORTED_MEDIA_TYPE")


def _object_or_null(value: Any, name: str) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    raise _bad(f"`{name}` must be an object or null.")


def _params(fields: Mapping[str, Any]) -> GraphQLParams:
    query = fields.get("query")
    if query is None:
        raise _bad("Send the operation in the `query` parameter.")
    if not isinstance(query, str):
        raise _bad("`query` must be a string holding a GraphQL document.")
    if not query.strip():
        raise _bad("`query` is empty: send a GraphQL document.")
    operation_name = fields.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise _bad("`operationName` must be a string or null.")
    variables = _object_or_null(fields.get("variables"), "variables")
    # PostgreSQL's text refuses NUL (and SQLite would keep what PostgreSQL refuses): no
    # NUL reaches a resolver, whether sent in a variable or written into the document.
    if holds_nul(variables) or "\x00" in query or _NUL_ESCAPE.search(query):
        raise _bad(NUL_REFUSED)
    return GraphQLParams(
        query=query,
        operation_name=operation_name or None,
        variables=variables,
        extensions=_object_or_null(fields.get("extensions"), "extensions"),
    )


def params_from_query_string(query_params: Mapping[str, str]) -> GraphQLParams:
    """GET: query and operationName as text, variables and extensions as JSON text."""
    fields: dict[str, Any] = {
        name: query_params[name] for name in ("query", "operationName") if query_params.get(name)
    }
    for name in ("variables", "extensions"):
        if query_params.get(name):
            fields[name] = _parse_json(query_params[name], f"The `{name}` parameter")
    return _params(fields)


def params_from_body(content_type: str | None, body: bytes) -> GraphQLParams:
    """POST: one JSON object; batches (a JSON array) and other content types are refused."""
    _check_content_type(content_type)
    if not body.strip():
        raise _bad("The request body is empty: send a JSON object with a `query`.")
    payload = _parse_json(body, "The request body")
    if isinstance(payload, list):
        raise _bad(
            "Batched requests (a JSON array of operations) are not supported: "
            "send one operation per request."
        )
    if not isinstance(payload, dict):
        raise _bad("The request body must be a JSON object with a `query`.")
    return _params(payload)


def params_of(fields: Mapping[str, Any]) -> GraphQLParams:
    """The parameters of an operation sent as a JSON object by other means (a WebSocket
    Subscribe message's payload): the same checks as a POST body's."""
    return _params(fields)
