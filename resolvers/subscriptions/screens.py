"""seatMapChanged and realtimeMonitorChanged: what a committed status change redraws on
the Call Center's Seat map and Real-time monitor, by the chart's rows."""

from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

from resolvers import policy
from resolvers.context import RosterContext
from resolvers.loaders.admin import UserByIdLoader
from resolvers.loaders.call_center import SeatByUserIdLoader
from resolvers.subscriptions.status import ACTIVE_AFTER, is_status_change
from resolvers.subscriptions.watch import checked_notices


@dataclass(frozen=True, slots=True)
class MonitorMove:
    """A user entering (``shown``) or leaving the Real-time monitor."""

    user: Any
    shown: bool


def _shown_after(field: str, active: bool, has_seat: bool | None = None) -> bool:
    return policy.answer(field, policy.facts(active, has_seat))


async def seat_redraws(context: RosterContext) -> AsyncGenerator[Any, None]:
    """The seat rows whose occupant, as the chart shows it, a status change changed:
    only users with a seat have one to redraw."""
    async with aclosing(checked_notices(context)) as notices:
        async for notice in notices:
            if not is_status_change(notice):
                continue
            active = ACTIVE_AFTER[notice.type]
            if _shown_after("visibleInSeatMap", active, True) == _shown_after(
                "visibleInSeatMap", not active, True
            ):
                continue
            seat = await context.loader(SeatByUserIdLoader).load(notice.user_id)
            if seat is not None:
                yield seat


async def monitor_moves(context: RosterContext) -> AsyncGenerator[MonitorMove, None]:
    """The users a status change brings into or takes out of the Real-time monitor."""
    async with aclosing(checked_notices(context)) as notices:
        async for notice in notices:
            if not is_status_change(notice):
                continue
            shown = _shown_after("inRealtimeMonitor", ACTIVE_AFTER[notice.type])
            if shown == _shown_after("inRealtimeMonitor", not ACTIVE_AFTER[notice.type]):
                continue
            user = await context.loader(UserByIdLoader).load(notice.user_id)
            if user is not None:
                yield MonitorMove(user=user, shown=shown)
