"""Loaders behind the callCenter subgraph."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, and_, case, func, select

from db.models import Call, Seat
from resolvers.loaders.base import RowByIdLoader, TenantLoader

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

    async def batch_load_fn(self, keys: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(
            select(_seats).where(_seats.c.user_id.in_(keys), _seats.c.tenant_id == self.tenant_id)
        )
        by_user = {row.user_id: row for row in rows}
        return [by_user.get(key) for key in keys]


class HadCallsByUserPeriodLoader(TenantLoader):
    """Whether each user made or answered a call in each period asked about.

    A batch may mix periods (one per distinct ``from``/``to`` in the operation): one
    GROUP BY statement answers them all, a column per period.
    """

    async def batch_load_fn(self, keys: Sequence[UserPeriod]) -> list[bool]:
        periods = sorted({(start, end) for _, start, end in keys})
        columns = [
            func.max(
                case((and_(_calls.c.started_at >= start, _calls.c.started_at < end), 1), else_=0)
            ).label(f"in_period_{index}")
            for index, (start, end) in enumerate(periods)
        ]
        rows = await self.reader.rows(
            select(_calls.c.user_id, *columns)
            .where(
                _calls.c.tenant_id == self.tenant_id,
                _calls.c.user_id.in_({user_pk for user_pk, _, _ in keys}),
                _calls.c.started_at >= min(start for start, _ in periods),
                _calls.c.started_at < max(end for _, end in periods),
            )
            .group_by(_calls.c.user_id)
        )
        had_calls = {
            (row.user_id, *period)
            for row in rows
            for index, period in enumerate(periods)
            if row[index + 1]
        }
        return [key in had_calls for key in keys]
