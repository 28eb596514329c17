"""Pages of call and meeting history, newest first, with keyset cursors."""

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, Self, TypeVar

import strawberry
from graphql import GraphQLError

from resolvers.history import HistoryPage, HistoryWindow
from resolvers.loaders.base import NOT_LOADED
from resolvers.loaders.history import (
    CallCountsByUserLoader,
    CallPagesByUserLoader,
    HistoryCountsByUserLoader,
    HistoryPagesByUserLoader,
    MeetingCountsByUserLoader,
    MeetingPagesByUserLoader,
)
from schemas.analytics.arguments import check_range, decode_activity_cursor
from schemas.analytics.types import Call, Meeting
from schemas.context import Info
from schemas.pagination import PageInfo, check_first, encode_cursor
from schemas.prefetch import FieldSelection, later, selects_directly
from schemas.subgraph import owned_by

C = TypeVar("C")


def _cursor(started_at: datetime, pk: int) -> str:
    return encode_cursor(started_at.isoformat(), pk)


def _page_info(cursors: list[str], page: HistoryPage) -> PageInfo:
    return PageInfo(has_next_page=page.has_next_page, end_cursor=cursors[-1] if cursors else None)


@owned_by("analytics", except_fields=())
@strawberry.type(description="A call in a page of call history.")
class CallEdge:
    node: Call = strawberry.field(description="The call.")
    cursor: str = strawberry.field(description="Pass as `after` to continue after this call.")


@owned_by("analytics", except_fields=())
@strawberry.type(description="A page of a user's call history, newest first.")
class CallConnection:
    edges: list[CallEdge] = strawberry.field(description="The calls of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int = strawberry.field(description="How many calls match, over all pages.")

    @classmethod
    def of(cls, page: HistoryPage, total_count: int) -> Self:
        edges = [
            CallEdge(node=Call.from_row(row), cursor=_cursor(row.started_at, row.id))
            for row in page.rows
        ]
        return cls(
            edges=edges,
            page_info=_page_info([edge.cursor for edge in edges], page),
            total_count=total_count,
        )


@owned_by("analytics", except_fields=())
@strawberry.type(description="A meeting in a page of meeting history.")
class MeetingEdge:
    node: Meeting = strawberry.field(description="The meeting.")
    cursor: str = strawberry.field(description="Pass as `after` to continue after this meeting.")


@owned_by("analytics", except_fields=())
@strawberry.type(description="A page of a user's meeting history, newest first.")
class MeetingConnection:
    edges: list[MeetingEdge] = strawberry.field(description="The meetings of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int = strawberry.field(description="How many meetings match, over all pages.")

    @classmethod
    def of(cls, page: HistoryPage, total_count: int) -> Self:
        edges = [
            MeetingEdge(node=Meeting.from_row(row), cursor=_cursor(row.started_at, row.id))
            for row in page.rows
        ]
        return cls(
            edges=edges,
            page_info=_page_info([edge.cursor for edge in edges], page),
            total_count=total_count,
        )


PageKey = tuple[int, HistoryWindow]
CountKey = tuple[int, datetime | None, datetime | None]


def history_keys(
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> tuple[PageKey, CountKey]:
    """The keys of one user's page and of its count in the history loaders; the
    arguments checked (a readable GraphQL error when they are wrong)."""
    first = check_first(first)
    check_range(start, end)
    window = HistoryWindow(first=first, after=decode_activity_cursor(after), start=start, end=end)
    return (user_pk, window), (user_pk, start, end)


def _history(
    info: Info,
    pages: type[HistoryPagesByUserLoader],
    counts: type[HistoryCountsByUserLoader],
    make: Callable[[HistoryPage, int], C],
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> C:
    page_key, count_key = history_keys(
        user_pk=user_pk, first=first, after=after, start=start, end=end
    )
    page_loader = info.context.loader(pages)
    count_loader = info.context.loader(counts) if selects_directly(info, "totalCount") else None
    page = page_loader.peek(page_key)
    total = 0 if count_loader is None else count_loader.peek(count_key)
    if page is not NOT_LOADED and total is not NOT_LOADED:
        return make(page, total)
    return later(_load_history(page_loader, page_key, count_loader, count_key, make))


async def _load_history(
    page_loader: HistoryPagesByUserLoader,
    page_key: PageKey,
    count_loader: HistoryCountsByUserLoader | None,
    count_key: CountKey,
    make: Callable[[HistoryPage, int], C],
) -> C:
    # Both loads are queued before either is awaited, so each batches across the list.
    page = page_loader.load(page_key)
    total = count_loader.load(count_key) if count_loader is not None else None
    return make(await page, await total if total is not None else 0)


def prefetch_history(
    info: Info,
    user_pks: Sequence[int],
    selection: FieldSelection,
    pages: type[HistoryPagesByUserLoader],
    counts: type[HistoryCountsByUserLoader],
) -> list[Awaitable[Any]]:
    """The loads of a history field for every user of a list (see schemas/prefetch.py)."""
    arguments = selection.arguments
    try:
        keys = [
            history_keys(
                user_pk=pk,
                first=arguments.get("first"),
                after=arguments.get("after"),
                start=arguments.get("from"),
                end=arguments.get("to"),
            )
            for pk in user_pks
        ]
    except GraphQLError:
        return []  # the field reports it, item by item
    loads: list[Awaitable[Any]] = [
        info.context.loader(pages).prefetch([page_key for page_key, _ in keys])
    ]
    if selection.selects("totalCount"):
        loads.append(info.context.loader(counts).prefetch([count for _, count in keys]))
    return loads


def call_history(
    info: Info,
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> CallConnection:
    return _history(
        info,
        CallPagesByUserLoader,
        CallCountsByUserLoader,
        CallConnection.of,
        user_pk=user_pk,
        first=first,
        after=after,
        start=start,
        end=end,
    )


def meeting_history(
    info: Info,
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> MeetingConnection:
    return _history(
        info,
        MeetingPagesByUserLoader,
        MeetingCountsByUserLoader,
        MeetingConnection.of,
        user_pk=user_pk,
        first=first,
        after=after,
        start=start,
        end=end,
    )
