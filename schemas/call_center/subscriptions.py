"""The callCenter subgraph's subscriptions: what the live screens redraw."""

from collections.abc import AsyncGenerator
from contextlib import aclosing
from enum import Enum

import strawberry

from resolvers.subscriptions.screens import monitor_moves, seat_redraws
from schemas.call_center.types import Seat
from schemas.context import Info
from schemas.subgraph import owned_by
from schemas.subscription_errors import ended_with_codes
from schemas.user import User


@strawberry.enum(description="Whether a user came into the Real-time monitor or left it.")
class RealtimeMonitorChangeKind(Enum):
    ENTERED = "ENTERED"
    LEFT = "LEFT"


@owned_by("callCenter", except_fields=())
@strawberry.type(description="A seat of the seat map to redraw.")
class SeatMapChange:
    seat: Seat = strawberry.field(
        description="The seat, its occupant as the seat map shows it now (null when the "
        "seated user is deactivated)."
    )


@owned_by("callCenter", except_fields=())
@strawberry.type(description="A user who entered or left the Real-time monitor.")
class RealtimeMonitorChange:
    user: User = strawberry.field(description="The user, as they are after the change.")
    in_realtime_monitor: bool = strawberry.field(
        description="Whether the monitor shows the user now (inRealtimeMonitor)."
    )
    change: RealtimeMonitorChangeKind = strawberry.field(
        description="ENTERED: add the user to the monitor; LEFT: take them off it."
    )


@owned_by("callCenter")
@strawberry.type
class CallCenterSubscription:
    @strawberry.subscription(
        description="Each seat whose occupant, as the seat map shows it, a committed status "
        "change changed (only users with a seat have one). Ends with UNAUTHENTICATED "
        "once the caller may no longer log in."
    )
    async def seat_map_changed(self, info: Info) -> AsyncGenerator[SeatMapChange, None]:
        async with aclosing(ended_with_codes(seat_redraws(info.context))) as rows:
            async for row in rows:
                yield SeatMapChange(seat=Seat.from_row(row))

    @strawberry.subscription(
        description="Each user a committed status change brings into or takes out of the "
        "Real-time monitor. Ends with UNAUTHENTICATED once the caller may no longer log in."
    )
    async def realtime_monitor_changed(
        self, info: Info
    ) -> AsyncGenerator[RealtimeMonitorChange, None]:
        async with aclosing(ended_with_codes(monitor_moves(info.context))) as moves:
            async for move in moves:
                yield RealtimeMonitorChange(
                    user=User.from_row(move.user),
                    in_realtime_monitor=move.shown,
                    change=(
                        RealtimeMonitorChangeKind.ENTERED
                        if move.shown
                        else RealtimeMonitorChangeKind.LEFT
                    ),
                )
