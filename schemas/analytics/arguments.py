"""Checks of the analytics subgraph's arguments, raised as readable GraphQL errors."""

from datetime import datetime

from schemas.errors import invalid_input_error


def check_range(start: datetime | None, end: datetime | None) -> None:
    """``[from, to)`` must have ``from`` before ``to`` (the DateTime scalar makes each an
    instant with an offset)."""
    if start is not None and end is not None and start >= end:
        raise invalid_input_error("`from` must be before `to`.")
