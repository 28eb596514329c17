"""Relay-style pages: the shared PageInfo and the page size (cursors: schemas/cursors.py)."""

import strawberry

from schemas.errors import invalid_input_error

MAX_PAGE_SIZE = 100


@strawberry.federation.type(shareable=True, description="Where a page stands in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to get the next page; null on an empty page."
    )


def check_first(first: int | None, default: int = 50) -> int:
    """The page size asked for (``default`` when null), refused outside 1..100."""
    if first is None:
        return default
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise invalid_input_error(f"`first` must be between 1 and {MAX_PAGE_SIZE}; got {first}.")
    return first
