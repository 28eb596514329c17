"""createUser's input and payload."""

import strawberry

from db.enums import Role as RoleValue
from schemas.enums import Role
from schemas.errors import UserError
from schemas.subgraph import owned_by
from schemas.user import User


@strawberry.input(description="A new user of your tenant: ACTIVE from the start.")
class CreateUserInput:
    email: str = strawberry.field(
        description="Sign-in email: trimmed, an address, unique in the tenant in any case "
        "(ALREADY_EXISTS)."
    )
    display_name: str = strawberry.field(
        description="The name the products show: 1-200 characters."
    )
    role: Role | None = strawberry.field(
        default=RoleValue.MEMBER, description="ADMIN or MEMBER (null: MEMBER)."
    )
    external_id: str | None = strawberry.field(
        default=None, description="The identity provider's id for this person: 1-200 characters."
    )


@owned_by("admin", except_fields=())
@strawberry.type(description="The user createUser made.")
class CreateUserPayload:
    user: User | None = strawberry.field(description="The new user; null when refused.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
