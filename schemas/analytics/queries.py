"""The analytics subgraph's queries."""

from datetime import datetime
from typing import Annotated

import strawberry

from resolvers.dashboard import DashboardConditions
from resolvers.ids import pk_of
from resolvers.loaders.analytics import CommentsByCallIdLoader
from resolvers.mentions import mention_suggestions
from schemas.analytics.arguments import check_range
from schemas.analytics.dashboard import Dashboard
from schemas.analytics.types import Comment
from schemas.context import Info
from schemas.pagination import check_first
from schemas.prefetch import prefetch_users
from schemas.subgraph import owned_by
from schemas.user import User


def _pks(ids: list[strawberry.ID] | None, type_name: str) -> tuple[int, ...] | None:
    """Decoded ids; one that does not decode names nothing, like another tenant's id."""
    if ids is None:
        return None
    return tuple(pk for pk in (pk_of(global_id, type_name) for global_id in ids) if pk is not None)


@owned_by("analytics")
@strawberry.type
class AnalyticsQuery:
    @strawberry.field(
        description="The dashboard for calls started in [from, to). The conditions may name "
        "deactivated users; userIds and groupIds together name the union of both; neither "
        "names everyone."
    )
    def dashboard(
        self,
        info: Info,
        from_: Annotated[
            datetime, strawberry.argument(name="from", description="Start, inclusive.")
        ],
        to: Annotated[datetime, strawberry.argument(description="End, exclusive.")],
        user_ids: Annotated[
            list[strawberry.ID] | None, strawberry.argument(description="These users.")
        ] = None,
        group_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="The members of these groups."),
        ] = None,
    ) -> Dashboard:
        check_range(from_, to)
        caller = info.context.caller
        conditions = DashboardConditions(
            tenant_id=caller.tenant_id,
            time_zone=caller.time_zone,
            start=from_,
            end=to,
            user_ids=_pks(user_ids, "User"),
            group_ids=_pks(group_ids, "UserGroup"),
        )
        return Dashboard(conditions=conditions)

    @strawberry.field(
        description="Who the comment box suggests for a mention: active users only, whose "
        "display name or email contains `query` (any case), by display name."
    )
    async def mention_suggestions(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description="What was typed after @.")],
        first: Annotated[int | None, strawberry.argument(description="How many, 1 to 100.")] = 10,
    ) -> list[User]:
        first = check_first(first, default=10)
        rows = await mention_suggestions(
            info.context.reader, tenant_id=info.context.tenant_id, query=query, first=first
        )
        await prefetch_users(info, [row.id for row in rows])
        return [User.from_row(row) for row in rows]

    @strawberry.field(
        description="The comments on a call, oldest first; empty for a call not in your tenant."
    )
    async def comments(
        self,
        info: Info,
        call_id: Annotated[strawberry.ID, strawberry.argument(description="The call.")],
    ) -> list[Comment]:
        pk = pk_of(call_id, "Call")
        if pk is None:
            return []
        rows = await info.context.loader(CommentsByCallIdLoader).load(pk)
        return [Comment.from_row(row) for row in rows]
