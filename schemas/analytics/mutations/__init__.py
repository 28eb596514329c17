"""The analytics subgraph's mutations, one per file."""

import strawberry

from schemas.analytics.mutations.add_comment import add_comment
from schemas.analytics.mutations.connect_video_integration import connect_video_integration
from schemas.analytics.mutations.record_calls import record_calls
from schemas.subgraph import owned_by


@owned_by("analytics")
@strawberry.type
class AnalyticsMutation:
    add_comment = strawberry.mutation(
        resolver=add_comment,
        description="Comment on a call; mentioning a deactivated user is USER_DEACTIVATED.",
    )
    connect_video_integration = strawberry.mutation(
        resolver=connect_video_integration,
        description="Connect a Zoom, Microsoft Teams or Google Meet account (again: replaces "
        "that provider's account); for a deactivated user it is USER_DEACTIVATED.",
    )
    record_calls = strawberry.mutation(
        resolver=record_calls,
        description="Record the Phone product's calls, at most 1,000 at once, each accepted "
        "or refused on its own; idempotent by externalId in the tenant (a retry counts "
        "once). For the tenant's service token or an admin.",
    )
