"""``ApiToken``: a bearer token's name and lifecycle; never its secret nor its hash."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.loaders.admin import ApiTokenByIdLoader, UserByIdLoader
from resolvers.tokens import TokenState, token_state
from schemas.context import Info
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.prefetch import loaded
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.user import User

_user = strawberry.lazy("schemas.user")


@node_entity(ApiTokenByIdLoader, private_to="user_id")
@owned_by("admin")
@strawberry.federation.type(
    keys=["id"],
    description="An API token (Authorization: Bearer): admins see the tenant's, a member "
    "their own. Its secret is shown once, by createApiToken, and never again.",
)
class ApiToken(Node):
    user_pk: strawberry.Private[int]
    name: str = strawberry.field(description="What the token is for.")
    created_at: datetime = strawberry.field(description="When it was created.")
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a request, to the minute (written at most "
        "once a minute); null if never."
    )
    expires_at: datetime | None = strawberry.field(
        description="When it stops working; null: it does not expire."
    )
    revoked_at: datetime | None = strawberry.field(
        description="When it was revoked; null while not revoked."
    )
    active: bool = strawberry.field(
        description="True while it lets its user in: neither revoked nor expired."
    )

    @classmethod
    def from_row(cls, row: Any) -> Self:
        state = token_state(revoked_at=row.revoked_at, expires_at=row.expires_at, now=utcnow())
        return cls(
            id=strawberry.ID(to_global_id("ApiToken", row.id)),
            user_pk=row.user_id,
            name=row.name,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            active=state is TokenState.ACTIVE,
        )

    @strawberry.field(description="The user the token acts as.")
    def user(self, info: Info) -> Annotated["User", _user]:
        from schemas.user import User

        loader = info.context.loader(UserByIdLoader)
        return loaded(loader, self.user_pk, User.from_row)
