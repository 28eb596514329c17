"""The callCenter subgraph's queries."""

import strawberry

from resolvers.call_center_report import call_center_report
from resolvers.loaders.call_center import (
    HadCallsByUserPeriodLoader,
    SeatByUserIdLoader,
    user_period,
)
from resolvers.product_lists import seat_map_rows
from schemas.call_center.period import PeriodEnd, PeriodStart, check_period
from schemas.call_center.types import CallCenterReportRow, Seat
from schemas.context import Info
from schemas.prefetch import prefetch_users, selections_below
from schemas.product_lists import chart_row_list
from schemas.subgraph import owned_by
from schemas.user import User


@owned_by("callCenter")
@strawberry.type
class CallCenterQuery:
    @strawberry.field(
        description="Every seat of the tenant by label; a deactivated user's seat stays, "
        "with no occupant."
    )
    async def seat_map(self, info: Info) -> list[Seat]:
        with_occupants = bool(selections_below(info, ()).get("occupant"))
        rows = await seat_map_rows(
            info.context.reader, tenant_id=info.context.tenant_id, with_occupants=with_occupants
        )
        seats = Seat.with_occupants(rows) if with_occupants else Seat.from_rows(rows)
        # The occupants' own `seat` and `visibleInSeatMap` then need no statement.
        info.context.loader(SeatByUserIdLoader).prime_many(
            (seat.user_pk, row)
            for seat, row in zip(seats, rows, strict=True)
            if seat.user_pk is not None
        )
        if not with_occupants:
            return seats
        shown = [seat.shown_occupant for seat in seats]
        await prefetch_users(
            info, [user.pk for user in shown if isinstance(user, User)], ("occupant",)
        )
        return seats

    realtime_monitor: list[User] = chart_row_list(
        "inRealtimeMonitor", screen="The User list of the Real-time monitor of MiiTel Call Center"
    )

    @strawberry.field(
        description="Calls per user in [from, to): every active user (zero rows included), "
        "plus deactivated users who made or answered a call in the period."
    )
    async def call_center_report(
        self, info: Info, start: PeriodStart, end: PeriodEnd
    ) -> list[CallCenterReportRow]:
        check_period(start, end)
        rows = await call_center_report(
            info.context.reader,
            tenant_id=info.context.tenant_id,
            time_zone=info.context.caller.time_zone,
            start=start,
            end=end,
        )
        # Each row already says whether its user had calls in this period.
        info.context.loader(HadCallsByUserPeriodLoader).prime_many(
            (
                user_period(row.id, start, end, info.context.caller.time_zone),
                row.inbound_count + row.outbound_count > 0,
            )
            for row in rows
        )
        await prefetch_users(info, [row.id for row in rows], ("user",))
        return [CallCenterReportRow.from_row(row) for row in rows]
