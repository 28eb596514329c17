"""Pages of call and meeting history, newest first, with keyset cursors."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
from schemas.analytics.arguments import check_range
from schemas.analytics.types import Call, Meeting
from schemas.connections import Connection, connection
from schemas.context import Info
from schemas.cursors import CALL_HISTORY as CALL_CURSORS
from schemas.cursors import MEETING_HISTORY as MEETING_CURSORS
from schemas.cursors import CursorKind, PageCursors
from schemas.pagination import check_first
from schemas.prefetch import FieldSelection, later, selects_directly


@connection(
    owner="analytics",
    node_type=Call,
    noun="call",
    plural="calls",
    list_name="call history",
    description="A page of a user's call history, newest first.",
)
class CallConnection(Connection[Call]):
    pass


@connection(
    owner="analytics",
    node_type=Meeting,
    noun="meeting",
    plural="meetings",
    list_name="meeting history",
    description="A page of a user's meeting history, newest first.",
)
class MeetingConnection(Connection[Meeting]):
    pass


@dataclass(frozen=True, slots=True)
class HistoryList:
    """What a history field pages: its loaders, its cursors, its rows as nodes."""

    pages: type[HistoryPagesByUserLoader]
    counts: type[HistoryCountsByUserLoader]
    cursors: CursorKind
    connection: type[Connection[Any]]
    node: Callable[[Any], Any]

    def page(self, page: HistoryPage, total_count: int, cursors: PageCursors) -> Any:
        return self.connection.of(
            page.rows,
            node=self.node,
            key=_sort_key,
            cursors=cursors,
            has_next_page=page.has_next_page,
            total_count=total_count,
        )


def _sort_key(row: Any) -> tuple[datetime, int]:
    return row.started_at, row.id


CALL_HISTORY = HistoryList(
    CallPagesByUserLoader, CallCountsByUserLoader, CALL_CURSORS, CallConnection, Call.from_row
)
MEETING_HISTORY = HistoryList(
    MeetingPagesByUserLoader,
    MeetingCountsByUserLoader,
    MEETING_CURSORS,
    MeetingConnection,
    Meeting.from_row,
)


PageKey = tuple[int, HistoryWindow]
CountKey = tuple[int, datetime | None, datetime | None]


def history_keys(
    history: HistoryList,
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> tuple[PageKey, CountKey, PageCursors]:
    """The keys of one user's page and of its count in the history loaders, and the
    page's cursors; the arguments checked (a readable GraphQL error when they are wrong)."""
    first = check_first(first)
    check_range(start, end)
    cursors = history.cursors.of(start, end)
    window = HistoryWindow(first=first, after=cursors.decode(after), start=start, end=end)
    return (user_pk, window), (user_pk, start, end), cursors


def history_page(
    info: Info,
    history: HistoryList,
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> Any:
    """One user's page of ``history``: at once if a prefetch loaded it, else awaitable."""
    page_key, count_key, cursors = history_keys(
        history, user_pk=user_pk, first=first, after=after, start=start, end=end
    )
    page_loader = info.context.loader(history.pages)
    counts = history.counts
    count_loader = info.context.loader(counts) if selects_directly(info, "totalCount") else None
    page = page_loader.peek(page_key)
    total = 0 if count_loader is None else count_loader.peek(count_key)
    if page is not NOT_LOADED and total is not NOT_LOADED:
        return history.page(page, total, cursors)
    return later(_load_history(page_loader, page_key, count_loader, count_key, history, cursors))


async def _load_history(
    page_loader: HistoryPagesByUserLoader,
    page_key: PageKey,
    count_loader: HistoryCountsByUserLoader | None,
    count_key: CountKey,
    history: HistoryList,
    cursors: PageCursors,
) -> Any:
    # Both loads are queued before either is awaited, so each batches across the list.
    page = page_loader.load(page_key)
    total = count_loader.load(count_key) if count_loader is not None else None
    return history.page(await page, await total if total is not None else 0, cursors)


def prefetch_history(
    info: Info, user_pks: Sequence[int], selection: FieldSelection, history: HistoryList
) -> list[Awaitable[Any]]:
    """The loads of a history field for every user of a list (see schemas/prefetch.py)."""
    arguments = selection.arguments
    try:
        keys = [
            history_keys(
                history,
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
        info.context.loader(history.pages).prefetch([page_key for page_key, _, _ in keys])
    ]
    if selection.selects("totalCount"):
        loads.append(info.context.loader(history.counts).prefetch([c for _, c, _ in keys]))
    return loads
