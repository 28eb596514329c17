"""The Analytics dashboard: Overview, Table (By user) and Table (By day, week, month)."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers import dashboard
from resolvers.periods import MAX_PERIOD_WINDOW
from schemas.analytics.enums import Granularity
from schemas.context import Info
from schemas.errors import invalid_input_error
from schemas.prefetch import prefetch_users
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.user import User

_user = strawberry.lazy("schemas.user")


@owned_by("analytics", except_fields=())
@strawberry.type(description="Calls counted together.")
class DashboardTotals:
    call_count: int = strawberry.field(description="How many calls.")
    total_duration_seconds: int = strawberry.field(description="Their summed duration.")


@owned_by("analytics", except_fields=())
@strawberry.type(description="One row of Table (By user).")
class DashboardUserRow:
    user: Annotated["User", _user] = strawberry.field(description="The user; always active.")
    call_count: int = strawberry.field(description="Calls the user made or answered.")
    total_duration_seconds: int = strawberry.field(description="Their summed duration.")


@owned_by("analytics", except_fields=())
@strawberry.type(description="One row of Table (By day, By week, By month).")
class DashboardPeriodRow:
    period_start: datetime = strawberry.field(
        description="Local midnight starting the period, in the tenant's time zone."
    )
    call_count: int = strawberry.field(description="Calls started in the period.")
    total_duration_seconds: int = strawberry.field(description="Their summed duration.")


@owned_by("analytics", except_fields=())
@strawberry.type(
    description="The dashboard for calls started in [from, to) by the users its conditions name."
)
class Dashboard:
    conditions: strawberry.Private[dashboard.DashboardConditions]

    @strawberry.field(
        description="Overview: every user in the conditions, deactivated users included."
    )
    async def overview(self, info: Info) -> DashboardTotals:
        totals = await dashboard.overview(info.context.reader, self.conditions)
        return DashboardTotals(
            call_count=totals.call_count, total_duration_seconds=totals.total_duration_seconds
        )

    @strawberry.field(
        description="Table (By user): active users in the conditions only, by display name; "
        "a user without calls has zeros."
    )
    async def by_user(self, info: Info) -> list[DashboardUserRow]:
        from schemas.user import User

        rows = await dashboard.by_user(info.context.reader, self.conditions)
        await prefetch_users(info, [row.user.id for row in rows], ("user",))
        return [
            DashboardUserRow(
                user=User.from_row(row.user),
                call_count=row.call_count,
                total_duration_seconds=row.total_duration_seconds,
            )
            for row in rows
        ]

    @strawberry.field(
        description="Table (By day, By week, By month): every user in the conditions, "
        "deactivated users included; oldest period first; periods without calls are left out. "
        f"[from, to) may span at most {MAX_PERIOD_WINDOW.days:,} days (about ten years); "
        "a longer window is INVALID_INPUT."
    )
    async def by_period(self, info: Info, granularity: Granularity) -> list[DashboardPeriodRow]:
        if self.conditions.end - self.conditions.start > MAX_PERIOD_WINDOW:
            raise invalid_input_error(
                f"A table by period spans at most {MAX_PERIOD_WINDOW.days:,} days; "
                "narrow [from, to)."
            )
        rows = await dashboard.by_period(info.context.reader, self.conditions, granularity)
        return [
            DashboardPeriodRow(
                period_start=row.period_start,
                call_count=row.call_count,
                total_duration_seconds=row.total_duration_seconds,
            )
            for row in rows
        ]
