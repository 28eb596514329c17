"""The analytics subgraph's mutations, one per file."""

import strawberry

from schemas.analytics.mutations.add_comment import add_comment
from schemas.analytics.mutations.connect_video_integration import connect_video_integration
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
