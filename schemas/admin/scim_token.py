"""``ScimToken``: a tenant's SCIM provisioning token, its name and lifecycle; never its
secret nor its hash. Admins only."""

from datetime import datetime
from typing import Any, Self

import strawberry

from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.loaders.admin import ScimTokenByIdLoader
from resolvers.tokens import TokenState, token_state
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.subgraph import owned_by


@node_entity(ScimTokenByIdLoader, admin_only=True)
@owned_by("admin")
@strawberry.federation.type(
    keys=["id"],
    description="A SCIM provisioning token of your tenant (Authorization: Bearer under "
    "/scim/v2 only; GraphQL refuses it): it acts as no person. Admins only. Its secret is "
    "shown once, by createScimToken, and never again.",
)
class ScimToken(Node):
    name: str = strawberry.field(description="What the token is for, e.g. the identity provider.")
    created_at: datetime = strawberry.field(description="When it was created.")
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a SCIM request, to the minute (written at "
        "most once a minute); null if never."
    )
    expires_at: datetime | None = strawberry.field(
        description="When it stops working; null: it does not expire."
    )
    revoked_at: datetime | None = strawberry.field(
        description="When it was revoked; null while not revoked."
    )
    active: bool = strawberry.field(
        description="True while SCIM accepts it: neither revoked nor expired."
    )

    @classmethod
    def from_row(cls, row: Any) -> Self:
        state = token_state(revoked_at=row.revoked_at, expires_at=row.expires_at, now=utcnow())
        return cls(
            id=strawberry.ID(to_global_id("ScimToken", row.id)),
            name=row.name,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            active=state is TokenState.ACTIVE,
        )
