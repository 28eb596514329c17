"""createScimToken's and revokeScimToken's inputs and payloads."""

from datetime import datetime

import strawberry

from schemas.admin.scim_token import ScimToken
from schemas.errors import UserError
from schemas.subgraph import owned_by


@strawberry.input(description="A new SCIM provisioning token of your tenant.")
class CreateScimTokenInput:
    name: str = strawberry.field(
        description="What the token is for (e.g. the identity provider): 1-200 characters."
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working, in the future; null: never."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The new SCIM token, and its secret: shown here once, never again.")
class CreateScimTokenPayload:
    scim_token: ScimToken | None = strawberry.field(description="The new token; null when refused.")
    secret: str | None = strawberry.field(
        description="The bearer token the identity provider sends under /scim/v2 "
        "(Authorization: Bearer ...): in this answer only, stored nowhere; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(description="Which SCIM token to revoke.")
class RevokeScimTokenInput:
    token_id: strawberry.ID = strawberry.field(description="The token: a ScimToken id of yours.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The revoked SCIM token.")
class RevokeScimTokenPayload:
    scim_token: ScimToken | None = strawberry.field(
        description="The token, revoked (already revoked: unchanged); null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
