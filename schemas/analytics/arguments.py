"""Checks of the analytics subgraph's arguments, raised as readable GraphQL errors."""

from datetime import datetime

from schemas.errors import invalid_input_error
from schemas.pagination import decode_cursor


def check_range(start: datetime | None, end: datetime | None) -> None:
    """``[from, to)`` must have ``from`` before ``to`` (the DateTime scalar makes each an
    instant with an offset)."""
    if start is not None and end is not None and start >= end:
        raise invalid_input_error("`from` must be before `to`.")


def decode_activity_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """The (started_at, id) a history cursor names."""
    if cursor is None:
        return None
    at, pk = decode_cursor(cursor, 2)
    try:
        started_at = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        started_at = None
    if started_at is None or started_at.utcoffset() is None or not isinstance(pk, int):
        raise invalid_input_error("`after` is not a cursor this list gave out.")
    return started_at, pk
