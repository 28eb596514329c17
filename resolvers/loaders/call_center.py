"""Loaders behind the callCenter subgraph."""

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, bindparam, literal_column, select, union_all

from db.models import Seat
from resolvers.calls.window import split_window
from resolvers.calls.window_calls import raw_calls, rollup_days
from resolvers.loaders.base import RowByIdLoader, TenantLoader
from resolvers.parameters import KEYS, TENANT_ID

_seats = Seat.__table__  # type: ignore[attr-defined]

# (user pk, start, end, the tenant's time zone): whether the user made or answered a call
# in [start, end); the zone says which local days the rollups hold.
UserPeriod = tuple[int, datetime, datetime, str]


def user_period(user_pk: int, start: datetime, end: datetime, time_zone: str) -> UserPeriod:
    """The cache key of ``HadCallsByUserPeriodLoader``: the same instant, however it was written."""
    return (user_pk, start.astimezone(UTC), end.astimezone(UTC), time_zone)


class SeatByIdLoader(RowByIdLoader):
    model = Seat


class SeatByUserIdLoader(TenantLoader):
    """The seat assigned to each user, or None; a user has at most one seat."""

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        return select(_seats).where(_seats.c.user_id.in_(KEYS), _seats.c.tenant_id == TENANT_ID)

    async def batch_load_fn(self, keys: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(
            self.statement(), {"keys": list(keys), "tenant_id": self.tenant_id}
        )
        by_user = {row.user_id: row for row in rows}
        return [by_user.get(key) for key in keys]


class HadCallsByUserPeriodLoader(TenantLoader):
    """Whether each user made or answered a call in each period asked about.

    A batch may mix periods (one per distinct ``from``/``to`` in the operation): one
    statement answers them all, the rollup days and raw edges of every period in a
    UNION ALL, each row tagged with its period's index.
    """

    @classmethod
    @cache
    def statement(cls, with_days: tuple[bool, ...]) -> Select[Any]:
        """Distinct (``user_id``, ``period_index``) for periods bound as ``start_0``,
        ``end_0``.. (and ``first_day_0``, ``end_day_0``, ``days_start_0``, ``days_end_0``
        for a period read partly from the rollups: ``with_days[index]``)."""
        branches: list[Select[Any]] = []
        for index, has_days in enumerate(with_days):
            tag: list[ColumnElement[Any]] = [literal_column(str(index)).label("period_index")]
            start: Any = bindparam(f"start_{index}")
            end: Any = bindparam(f"end_{index}")
            if not has_days:
                branches.append(raw_calls(TENANT_ID, [(start, end)], user_ids=KEYS, extra=tag))
                continue
            branches.append(
                rollup_days(
                    TENANT_ID,
                    bindparam(f"first_day_{index}"),
                    bindparam(f"end_day_{index}"),
                    user_ids=KEYS,
                    extra=tag,
                )
            )
            edges = [
                (start, bindparam(f"days_start_{index}")),
                (bindparam(f"days_end_{index}"), end),
            ]
            branches.append(raw_calls(TENANT_ID, edges, user_ids=KEYS, extra=tag))
        calls = union_all(*branches).subquery("window_calls")
        return select(calls.c.user_id, calls.c.period_index).distinct()

    async def batch_load_fn(self, keys: Sequence[UserPeriod]) -> list[bool]:
        periods = sorted({(start, end, zone) for _, start, end, zone in keys})
        splits = [split_window(zone, start, end) for start, end, zone in periods]
        parameters: dict[str, Any] = {
            "tenant_id": self.tenant_id,
            "keys": sorted({user_pk for user_pk, _, _, _ in keys}),
        }
        for index, split in enumerate(splits):
            parameters[f"start_{index}"], parameters[f"end_{index}"] = split.start, split.end
            if split.has_days:
                parameters[f"first_day_{index}"] = split.first_day
                parameters[f"end_day_{index}"] = split.end_day
                parameters[f"days_start_{index}"] = split.days_start
                parameters[f"days_end_{index}"] = split.days_end
        statement = self.statement(tuple(split.has_days for split in splits))
        rows = await self.reader.rows(statement, parameters)
        had_calls = {(row.user_id, *periods[row.period_index]) for row in rows}
        return [key in had_calls for key in keys]
