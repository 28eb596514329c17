"""The id of the request being answered, for whatever logs on its behalf (a masked error's
traceback, a status change) without being handed the request."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current_request_id: ContextVar[str | None] = ContextVar("roster_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request (or WebSocket subscription) this code runs for, if any."""
    return _current_request_id.get()


@contextmanager
def request_id_set(request_id: str) -> Iterator[None]:
    """``request_id`` is the current one inside the block (and in the tasks it starts)."""
    token = _current_request_id.set(request_id)
    try:
        yield
    finally:
        _current_request_id.reset(token)
