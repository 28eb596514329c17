"""One request as logs and metrics see it: filled in as the request is answered, handed to
the observers once its response is sent. It holds no personal data: ids and codes only."""

import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.datastructures import Headers

from gateway.extensions import MASKED_MESSAGE

REQUEST_ID_HEADER = "x-request-id"
# A request id a client or the router sent is kept when it is a plain token; anything else
# (too long, or with characters a log line could be forged with) is replaced.
_ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def request_id_of(headers: Headers | None) -> str:
    """The incoming ``X-Request-Id`` if it is a plain token, else a new one."""
    given = headers.get(REQUEST_ID_HEADER) if headers is not None else None
    if given is not None and _ACCEPTED_REQUEST_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


@dataclass(slots=True)
class RequestRecord:
    """What one GraphQL request (or one stream) did, as far as it got."""

    request_id: str
    # "api" for the composed graph, else the subgraph's name.
    endpoint: str
    # "http", "sse" or "websocket".
    transport: str = "http"
    operation_name: str | None = None
    # "query", "mutation" or "subscription"; None when the document never parsed.
    operation_type: str | None = None
    tenant_id: int | None = None
    status: int = 0
    error_codes: list[str] = field(default_factory=list)
    statements: int = 0
    duration_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def finish(self, *, status: int, statements: int) -> None:
        self.status = status
        self.statements = statements
        self.duration_seconds = time.perf_counter() - self.started

    def add_error_codes(self, errors: Iterable[dict[str, Any]]) -> None:
        """The codes of a response's errors; one graphql-core gave none is named by kind."""
        for error in errors:
            self.error_codes.append(error_code(error))


def error_code(error: dict[str, Any]) -> str:
    """A formatted error's code, as Apollo's servers name those that come without one."""
    code = (error.get("extensions") or {}).get("code")
    if isinstance(code, str):
        return code
    message = str(error.get("message", ""))
    if message == MASKED_MESSAGE:
        return "INTERNAL_SERVER_ERROR"
    if message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if "path" not in error:
        return "GRAPHQL_VALIDATION_FAILED"
    return "FIELD_ERROR"


class RequestObserver(Protocol):
    def request_finished(self, record: RequestRecord) -> None:
        """Called once the response is sent, on the event loop's thread: must not block."""


class RequestObservers:
    """The observers of every endpoint of one app; each failure is its own."""

    def __init__(self, observers: Iterable[RequestObserver] = ()) -> None:
        self.observers = list(observers)

    def add(self, observer: RequestObserver) -> None:
        self.observers.append(observer)

    def request_finished(self, record: RequestRecord) -> None:
        for observer in self.observers:
            observer.request_finished(record)
