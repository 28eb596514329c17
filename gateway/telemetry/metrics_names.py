"""Label values a client can influence, bounded: a metric's series stay few whatever is sent.

A label value becomes a time series of its own in Prometheus; one per operation name a
client makes up would grow without end. So only names of a plain shape are kept, and only
the first ``limit`` distinct ones; every other is counted as ``other``.
"""

import re

ANONYMOUS = "anonymous"
OTHER = "other"
# GraphQL's Name token, and no longer than a name a frontend really gives an operation.
OPERATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
# Error codes are roster's own (SCREAMING_SNAKE_CASE), bounded all the same.
ERROR_CODE = re.compile(r"[A-Z_][A-Z0-9_]{0,63}")
OPERATION_TYPES = frozenset({"query", "mutation", "subscription"})
TRANSPORTS = frozenset({"http", "sse", "websocket"})
SCIM_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


class BoundedNames:
    """The first ``limit`` distinct values of ``shape`` pass; any other is ``other``."""

    def __init__(self, shape: re.Pattern[str], limit: int) -> None:
        self.shape = shape
        self.limit = limit
        self._seen: set[str] = set()

    def label(self, value: str) -> str:
        if value in self._seen:
            return value
        if not self.shape.fullmatch(value) or len(self._seen) >= self.limit:
            return OTHER
        self._seen.add(value)
        return value


def operation_type_label(operation_type: str | None) -> str:
    """The operation's type; ``unknown`` when the document never parsed."""
    return operation_type if operation_type in OPERATION_TYPES else "unknown"


def transport_label(transport: str) -> str:
    return transport if transport in TRANSPORTS else OTHER


def status_class(status: int) -> str:
    """``2xx``, ``4xx``, ...; ``other`` for anything outside 100-599 (none was sent)."""
    return f"{status // 100}xx" if 100 <= status <= 599 else OTHER


def scim_method_label(method: str) -> str:
    upper = method.upper()
    return upper if upper in SCIM_METHODS else OTHER
