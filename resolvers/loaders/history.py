"""Loaders of call and meeting history pages, keyed by (user id, what the page asks for)."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from sqlmodel import SQLModel

from db.models import Call, Meeting
from resolvers.history import HistoryPage, HistoryWindow, counts_statement, pages_statement
from resolvers.loaders.base import TenantLoader, group_rows

PageKey = tuple[int, HistoryWindow]
CountKey = tuple[int, datetime | None, datetime | None]


class HistoryPagesByUserLoader(TenantLoader):
    """One statement per distinct window in a batch: a list of users asks for one window."""

    model: ClassVar[type[SQLModel]]

    async def batch_load_fn(self, keys: Sequence[PageKey]) -> list[HistoryPage]:
        table = self.model.__table__  # type: ignore[attr-defined]
        user_ids_by_window: dict[HistoryWindow, list[int]] = defaultdict(list)
        for user_id, window in keys:
            user_ids_by_window[window].append(user_id)
        pages: dict[PageKey, HistoryPage] = {}
        for window, user_ids in user_ids_by_window.items():
            rows = await self.reader.rows(
                *pages_statement(table, tenant_id=self.tenant_id, user_ids=user_ids, window=window)
            )
            grouped = group_rows(user_ids, rows, lambda row: row.user_id)
            for user_id, user_rows in zip(user_ids, grouped, strict=True):
                pages[(user_id, window)] = HistoryPage(
                    rows=user_rows[: window.first], has_next_page=len(user_rows) > window.first
                )
        return [pages[key] for key in keys]


class HistoryCountsByUserLoader(TenantLoader):
    """How many rows each user has in [start, end), ignoring pages."""

    model: ClassVar[type[SQLModel]]

    async def batch_load_fn(self, keys: Sequence[CountKey]) -> list[int]:
        table = self.model.__table__  # type: ignore[attr-defined]
        user_ids_by_range: dict[tuple[datetime | None, datetime | None], list[int]] = defaultdict(
            list
        )
        for user_id, start, end in keys:
            user_ids_by_range[(start, end)].append(user_id)
        counts: dict[CountKey, int] = {}
        for (start, end), user_ids in user_ids_by_range.items():
            rows = await self.reader.rows(
                *counts_statement(
                    table, tenant_id=self.tenant_id, user_ids=user_ids, start=start, end=end
                )
            )
            totals = {row.user_id: int(row.total) for row in rows}
            for user_id in user_ids:
                counts[(user_id, start, end)] = totals.get(user_id, 0)
        return [counts[key] for key in keys]


class CallPagesByUserLoader(HistoryPagesByUserLoader):
    model = Call


class CallCountsByUserLoader(HistoryCountsByUserLoader):
    model = Call


class MeetingPagesByUserLoader(HistoryPagesByUserLoader):
    model = Meeting


class MeetingCountsByUserLoader(HistoryCountsByUserLoader):
    model = Meeting
