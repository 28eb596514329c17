"""A GraphQL-over-HTTP request's parameters, from a GET query string or a JSON POST body.

The operation is the document in ``query``, or a registered one named by ``documentId``
(GraphQL over HTTP's persisted documents) or by Apollo's ``extensions.persistedQuery``;
gateway/documents/requests.py finds the registered text."""

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
    # None until the registered document named by the ids below is found.
    query: str | None
    operation_name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None
    document_id: str | None = None  # `documentId` as sent
    persisted_hash: str | None = None  # `extensions.persistedQuery.sha256Hash`, lower-case


# A GraphQL string literal's escapes for U+0000: fixed-width \u0000 and variable-width
# \u{0}. Refused wherever they stand (a comment, an escaped backslash before them): a
# document that only looks as if it held NUL loses nothing it could have meant.
_NUL_ESCAPE = re.compile(r"\\u(?:0000|\{0+\})")
_SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


def holds_nul_escape(document: str) -> bool:
    return _NUL_ESCAPE.search(document) is not None


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


def _document_id(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise _bad("`documentId` must be a registered document's id: sha256:<64 hex digits>.")
    return value


def _persisted_hash(extensions: dict[str, Any] | None) -> str | None:
    """Apollo's automatic persisted queries: ``{"version": 1, "sha256Hash": HEX}``."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise _bad(
            "Unsupported persisted query version: send `extensions.persistedQuery` "
            'as {"version": 1, "sha256Hash": "<64 hex digits>"}.'
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _SHA256_HEX.match(digest):
        raise _bad("`extensions.persistedQuery.sha256Hash` must be 64 hex digits.")
    return digest.lower()


def _params(fields: Mapping[str, Any]) -> GraphQLParams:
    query = fields.get("query")
    extensions = _object_or_null(fields.get("extensions"), "extensions")
    document_id = _document_id(fields.get("documentId"))
    persisted_hash = _persisted_hash(extensions)
    if query is None and document_id is None and persisted_hash is None:
        raise _bad("Send the operation in the `query` parameter.")
    if query is not None and not isinstance(query, str):
        raise _bad("`query` must be a string holding a GraphQL document.")
    if query is not None and not query.strip():
        raise _bad("`query` is empty: send a GraphQL document.")
    operation_name = fields.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise _bad("`operationName` must be a string or null.")
    variables = _object_or_null(fields.get("variables"), "variables")
    # PostgreSQL's text refuses NUL (and SQLite would keep what PostgreSQL refuses): no
    # NUL reaches a resolver, whether sent in a variable or written into the document.
    if holds_nul(variables) or (query is not None and ("\x00" in query or holds_nul_escape(query))):
        raise _bad(NUL_REFUSED)
    return GraphQLParams(
        query=query,
        operation_name=operation_name or None,
        variables=variables,
        extensions=extensions,
        document_id=document_id,
        persisted_hash=persisted_hash,
    )


def params_from_query_string(query_params: Mapping[str, str]) -> GraphQLParams:
    """GET: query, documentId and operationName as text, variables and extensions as JSON
    text."""
    fields: dict[str, Any] = {
        name: query_params[name]
        for name in ("query", "documentId", "operationName")
        if query_params.get(name)
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
