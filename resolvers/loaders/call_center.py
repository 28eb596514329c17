"""Loaders behind the callCenter subgraph."""

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, and_, bindparam, case, func, select

from db.models import Call, Seat
from resolvers.loaders.base import RowByIdLoader, TenantLoader
from resolvers.parameters import KEYS, TENANT_ID

_seats = Seat.__table__  # type: ignore[attr-defined]
_calls = Call.__table__  # type: ignore[attr-defined]

# (user pk, start, end): whether the user made or answered a call in [start, end).
UserPeriod = tuple[int, datetime, datetime]


def user_period(user_pk: int, start: datetime, end: datetime) -> UserPeriod:
    """The cache key of ``HadCallsByUserPeriodLoader``: the same instant, however it was written."""
    return (user_pk, start.astimezone(UTC), end.astimezone(UTC))


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
    GROUP BY statement answers them all, a column per period.
    """

    @classmethod
    @cache
    def statement(cls, period_count: int) -> Select[Any]:
        """Columns ``in_period_0``.. for periods bound as ``start_0``/``end_0``..; the scan
        is bounded by ``earliest`` and ``latest``."""
        columns = [
            func.max(
                case(
                    (
                        and_(
                            _calls.c.started_at >= bindparam(f"start_{index}"),
                            _calls.c.started_at < bindparam(f"end_{index}"),
                        ),
                        1,
                    ),
                    else_=0,
                )
            ).label(f"in_period_{index}")
            for index in range(period_count)
        ]
        return (
            select(_calls.c.user_id, *columns)
            .where(
                _calls.c.tenant_id == TENANT_ID,
                _calls.c.user_id.in_(KEYS),
                _calls.c.started_at >= bindparam("earliest"),
                _calls.c.started_at < bindparam("latest"),
            )
            .group_by(_calls.c.user_id)
        )

    async def batch_load_fn(self, keys: Sequence[UserPeriod]) -> list[bool]:
        periods = sorted({(start, end) for _, start, end in keys})
        parameters: dict[str, Any] = {
            "tenant_id": self.tenant_id,
            "keys": sorted({user_pk for user_pk, _, _ in keys}),
            "earliest": min(start for start, _ in periods),
            "latest": max(end for _, end in periods),
        }
        for index, (start, end) in enumerate(periods):
            parameters[f"start_{index}"], parameters[f"end_{index}"] = start, end
        rows = await self.reader.rows(self.statement(len(periods)), parameters)
        had_calls = {
            (row.user_id, *period)
            for row in rows
            for index, period in enumerate(periods)
            if row[index + 1]
        }
        return [key in had_calls for key in keys]
