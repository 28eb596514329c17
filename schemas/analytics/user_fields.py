"""The User fields the analytics subgraph owns: MiiTel Analytics' rows of the chart."""

from collections.abc import Awaitable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from resolvers import policy
from resolvers.loaders.analytics import VideoIntegrationsByUserIdLoader
from resolvers.policy_text import describe
from schemas.analytics.connections import (
    CALL_HISTORY,
    MEETING_HISTORY,
    CallConnection,
    MeetingConnection,
    history_page,
    prefetch_history,
)
from schemas.context import Info, may_see_private
from schemas.errors import forbidden_error
from schemas.prefetch import FieldSelection, loaded, prefetches
from schemas.subgraph import owned_by
from schemas.video import VideoIntegration

FROM = strawberry.argument(name="from", description="Only activity that started at or after this.")
TO = strawberry.argument(description="Only activity that started before this.")
FIRST = strawberry.argument(description="How many, 1 to 100.")
AFTER = strawberry.argument(description="The cursor of the last item already seen.")


@owned_by("analytics")
@strawberry.type
class AnalyticsUserFields:
    if TYPE_CHECKING:
        # Declared by AdminUserFields, which every User also inherits.
        pk: int

        @property
        def facts(self) -> policy.Facts: ...

    @strawberry.field(
        description=describe(
            "videoIntegrations",
            then="Deleted on deactivation, not restored on activation. Admins, or the user "
            "themself.",
        )
    )
    def video_integrations(self, info: Info) -> list[VideoIntegration]:
        if not may_see_private(info, self.pk):
            raise forbidden_error()
        loader = info.context.loader(VideoIntegrationsByUserIdLoader)
        return loaded(loader, self.pk, lambda rows: [VideoIntegration.from_row(r) for r in rows])

    @strawberry.field(
        description=describe("callHistory", then="Newest first; admins, or the user themself.")
    )
    def call_history(
        self,
        info: Info,
        first: Annotated[int | None, FIRST] = 50,
        after: Annotated[str | None, AFTER] = None,
        from_: Annotated[datetime | None, FROM] = None,
        to: Annotated[datetime | None, TO] = None,
    ) -> CallConnection:
        if not may_see_private(info, self.pk):
            raise forbidden_error()
        return history_page(  # type: ignore[no-any-return]
            info, CALL_HISTORY, user_pk=self.pk, first=first, after=after, start=from_, end=to
        )

    @strawberry.field(
        description=describe("meetingHistory", then="Newest first; admins, or the user themself.")
    )
    def meeting_history(
        self,
        info: Info,
        first: Annotated[int | None, FIRST] = 50,
        after: Annotated[str | None, AFTER] = None,
        from_: Annotated[datetime | None, FROM] = None,
        to: Annotated[datetime | None, TO] = None,
    ) -> MeetingConnection:
        if not may_see_private(info, self.pk):
            raise forbidden_error()
        return history_page(  # type: ignore[no-any-return]
            info, MEETING_HISTORY, user_pk=self.pk, first=first, after=after, start=from_, end=to
        )

    @strawberry.field(description=describe("inDashboardConditions"))
    def in_dashboard_conditions(self) -> bool:
        return policy.answer("inDashboardConditions", self.facts)

    @strawberry.field(description=describe("inDashboardOverview"))
    def in_dashboard_overview(self) -> bool:
        return policy.answer("inDashboardOverview", self.facts)

    @strawberry.field(description=describe("inDashboardByUser"))
    def in_dashboard_by_user(self) -> bool:
        return policy.answer("inDashboardByUser", self.facts)

    @strawberry.field(description=describe("inDashboardByPeriod"))
    def in_dashboard_by_period(self) -> bool:
        return policy.answer("inDashboardByPeriod", self.facts)

    @strawberry.field(description=describe("mentionable"))
    def mentionable(self) -> bool:
        return policy.answer("mentionable", self.facts)


def _visible(info: Info, user_pks: Sequence[int]) -> list[int]:
    return [pk for pk in user_pks if may_see_private(info, pk)]


@prefetches("videoIntegrations")
def _prefetch_video_integrations(
    info: Info, user_pks: Sequence[int], _: FieldSelection
) -> list[Awaitable[Any]]:
    visible = _visible(info, user_pks)
    loader = info.context.loader(VideoIntegrationsByUserIdLoader)
    return [loader.prefetch(visible)] if visible else []


@prefetches("callHistory")
def _prefetch_call_history(
    info: Info, user_pks: Sequence[int], selection: FieldSelection
) -> list[Awaitable[Any]]:
    visible = _visible(info, user_pks)
    return prefetch_history(info, visible, selection, CALL_HISTORY) if visible else []


@prefetches("meetingHistory")
def _prefetch_meeting_history(
    info: Info, user_pks: Sequence[int], selection: FieldSelection
) -> list[Awaitable[Any]]:
    visible = _visible(info, user_pks)
    return prefetch_history(info, visible, selection, MEETING_HISTORY) if visible else []
