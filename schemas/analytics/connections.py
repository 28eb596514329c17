"""Pages of call and meeting history, newest first, with keyset cursors."""

from datetime import datetime
from typing import Self

import strawberry

from resolvers.history import HistoryPage, HistoryWindow
from resolvers.loaders.history import (
    CallCountsByUserLoader,
    CallPagesByUserLoader,
    HistoryCountsByUserLoader,
    HistoryPagesByUserLoader,
    MeetingCountsByUserLoader,
    MeetingPagesByUserLoader,
)
from schemas.analytics.arguments import check_range, decode_activity_cursor, selects
from schemas.analytics.types import Call, Meeting
from schemas.context import Info
from schemas.pagination import PageInfo, check_first, encode_cursor
from schemas.subgraph import owned_by


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


async def _history(
    info: Info,
    pages: type[HistoryPagesByUserLoader],
    counts: type[HistoryCountsByUserLoader],
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> tuple[HistoryPage, int]:
    first = check_first(first)
    check_range(start, end)
    window = HistoryWindow(first=first, after=decode_activity_cursor(after), start=start, end=end)
    # Both loads are queued before either is awaited, so each batches across the list.
    page = info.context.loader(pages).load((user_pk, window))
    total = (
        info.context.loader(counts).load((user_pk, start, end))
        if selects(info, "totalCount")
        else None
    )
    return await page, (await total if total is not None else 0)


async def call_history(
    info: Info,
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> CallConnection:
    page, total = await _history(
        info,
        CallPagesByUserLoader,
        CallCountsByUserLoader,
        user_pk=user_pk,
        first=first,
        after=after,
        start=start,
        end=end,
    )
    return CallConnection.of(page, total)


async def meeting_history(
    info: Info,
    *,
    user_pk: int,
    first: int | None,
    after: str | None,
    start: datetime | None,
    end: datetime | None,
) -> MeetingConnection:
    page, total = await _history(
        info,
        MeetingPagesByUserLoader,
        MeetingCountsByUserLoader,
        user_pk=user_pk,
        first=first,
        after=after,
        start=start,
        end=end,
    )
    return MeetingConnection.of(page, total)
