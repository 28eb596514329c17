"""The User fields the callCenter subgraph owns."""

from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers import policy
from resolvers.loaders.call_center import (
    HadCallsByUserPeriodLoader,
    SeatByUserIdLoader,
    user_period,
)
from schemas.call_center.period import PeriodEnd, PeriodStart, check_period
from schemas.context import Info
from schemas.subgraph import owned_by
from schemas.user_facts import UserFacts

if TYPE_CHECKING:
    from schemas.call_center.types import Seat

_types = strawberry.lazy("schemas.call_center.types")


@owned_by("callCenter")
@strawberry.type
class CallCenterUserFields:
    @strawberry.field(
        description='Chart, Call Center: "Will this user be displayed in the User list of the '
        'Real-time monitor?" (active only).'
    )
    def in_realtime_monitor(self: UserFacts) -> bool:
        return policy.answer("inRealtimeMonitor", self.facts)

    @strawberry.field(
        description="The seat assigned to the user, if any; kept when they are deactivated."
    )
    async def seat(self: UserFacts, info: Info) -> Annotated["Seat", _types] | None:
        from schemas.call_center.types import Seat

        row = await info.context.loader(SeatByUserIdLoader).load(self.pk)
        return Seat.from_row(row) if row is not None else None

    @strawberry.field(
        description='Chart, Call Center: "Will this user be displayed in the Seat map?" '
        "(active and assigned a seat)."
    )
    async def visible_in_seat_map(self: UserFacts, info: Info) -> bool:
        seat = await info.context.loader(SeatByUserIdLoader).load(self.pk)
        facts = policy.Facts(active=self.active, has_seat=seat is not None)
        return policy.answer("visibleInSeatMap", facts)

    @strawberry.field(
        description='Chart, Call Center: "Will this user be displayed in the report?" for the '
        "report of [from, to): active, or made or answered a call in that period."
    )
    async def in_call_center_report(
        self: UserFacts, info: Info, start: PeriodStart, end: PeriodEnd
    ) -> bool:
        check_period(start, end)
        loader = info.context.loader(HadCallsByUserPeriodLoader)
        had_calls = await loader.load(user_period(self.pk, start, end))
        facts = policy.Facts(active=self.active, had_calls_in_period=had_calls)
        return policy.answer("inCallCenterReport", facts)
