"""The User fields the callCenter subgraph owns."""

from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from graphql import GraphQLError

from resolvers import policy
from resolvers.loaders.call_center import (
    HadCallsByUserPeriodLoader,
    SeatByUserIdLoader,
    user_period,
)
from resolvers.policy_text import describe
from schemas.call_center.period import PeriodEnd, PeriodStart, check_period
from schemas.context import Info
from schemas.prefetch import FieldSelection, loaded, prefetches
from schemas.subgraph import owned_by
from schemas.user_facts import UserFacts

if TYPE_CHECKING:
    from schemas.call_center.types import Seat

_types = strawberry.lazy("schemas.call_center.types")


@owned_by("callCenter")
@strawberry.type
class CallCenterUserFields:
    @strawberry.field(description=describe("inRealtimeMonitor"))
    def in_realtime_monitor(self: UserFacts) -> bool:
        return policy.answer("inRealtimeMonitor", self.facts)

    @strawberry.field(
        description="The seat assigned to the user, if any; kept when they are deactivated."
    )
    def seat(self: UserFacts, info: Info) -> Annotated["Seat", _types] | None:
        from schemas.call_center.types import Seat

        loader = info.context.loader(SeatByUserIdLoader)
        return loaded(loader, self.pk, lambda row: Seat.from_row(row) if row is not None else None)

    @strawberry.field(
        description=describe("visibleInSeatMap", then="Active users with a seat are shown.")
    )
    def visible_in_seat_map(self: UserFacts, info: Info) -> bool:
        active = self.active

        def answer(seat: Any) -> bool:
            facts = policy.facts(active, seat is not None)
            return policy.answer("visibleInSeatMap", facts)

        return loaded(info.context.loader(SeatByUserIdLoader), self.pk, answer)

    @strawberry.field(
        description=describe("inCallCenterReport", then="For the report of [from, to).")
    )
    def in_call_center_report(
        self: UserFacts, info: Info, start: PeriodStart, end: PeriodEnd
    ) -> bool:
        check_period(start, end)
        active = self.active

        def answer(had_calls: bool) -> bool:
            facts = policy.facts(active, None, had_calls)
            return policy.answer("inCallCenterReport", facts)

        loader = info.context.loader(HadCallsByUserPeriodLoader)
        return loaded(
            loader, user_period(self.pk, start, end, info.context.caller.time_zone), answer
        )


def _prefetch_seats(info: Info, user_pks: Sequence[int], _: FieldSelection) -> list[Awaitable[Any]]:
    return [info.context.loader(SeatByUserIdLoader).prefetch(user_pks)]


prefetches("seat")(_prefetch_seats)
prefetches("visibleInSeatMap")(_prefetch_seats)


@prefetches("inCallCenterReport")
def _prefetch_had_calls(
    info: Info, user_pks: Sequence[int], selection: FieldSelection
) -> list[Awaitable[Any]]:
    start, end = selection.arguments["from"], selection.arguments["to"]
    try:
        check_period(start, end)
    except GraphQLError:
        return []  # the field reports it, item by item
    loader = info.context.loader(HadCallsByUserPeriodLoader)
    return [
        loader.prefetch(
            [user_period(pk, start, end, info.context.caller.time_zone) for pk in user_pks]
        )
    ]
