"""createApiToken's and revokeApiToken's inputs and payloads."""

from datetime import datetime

import strawberry

from schemas.admin.api_token import ApiToken
from schemas.errors import UserError
from schemas.subgraph import owned_by


@strawberry.input(description="A new API token of a user of your tenant.")
class CreateApiTokenInput:
    user_id: strawberry.ID = strawberry.field(description="The user the token acts as: active.")
    name: str = strawberry.field(description="What the token is for: 1-200 characters.")
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working, in the future; null: never."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The new token, and its secret: shown here once, never again.")
class CreateApiTokenPayload:
    api_token: ApiToken | None = strawberry.field(description="The new token; null when refused.")
    secret: str | None = strawberry.field(
        description="The bearer token to send (Authorization: Bearer ...): in this answer "
        "only, stored nowhere; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(description="Which API token to revoke.")
class RevokeApiTokenInput:
    token_id: strawberry.ID = strawberry.field(
        description="The token: any of your tenant's for an admin, your own for a member."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The revoked token.")
class RevokeApiTokenPayload:
    api_token: ApiToken | None = strawberry.field(
        description="The token, revoked (already revoked: unchanged); null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
