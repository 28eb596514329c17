"""Inputs and payloads of the analytics mutations."""

import strawberry

from schemas.analytics.types import Comment
from schemas.enums import VideoProvider
from schemas.errors import UserError
from schemas.subgraph import owned_by
from schemas.video import VideoIntegration


@strawberry.input(description="A comment to write on a call.")
class AddCommentInput:
    call_id: strawberry.ID = strawberry.field(description="The call to comment on.")
    body: str = strawberry.field(description="The text, 1 to 10,000 characters.")
    mention_user_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Users to mention; each must be active (at most 100)."
    )


@owned_by("analytics", except_fields=())
@strawberry.type(description="The comment written, or why not.")
class AddCommentPayload:
    comment: Comment | None = strawberry.field(description="The new comment.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(description="A video meeting account to connect to a user.")
class ConnectVideoIntegrationInput:
    user_id: strawberry.ID = strawberry.field(
        description="The user; members may only name themselves."
    )
    provider: VideoProvider = strawberry.field(description="The meeting service.")
    account_email: str = strawberry.field(description="The account at the service.")


@owned_by("analytics", except_fields=())
@strawberry.type(description="The integration connected, or why not.")
class ConnectVideoIntegrationPayload:
    video_integration: VideoIntegration | None = strawberry.field(
        description="The user's integration with the provider, as now connected."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
