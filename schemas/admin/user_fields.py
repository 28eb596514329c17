"""The User fields the admin subgraph owns."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers import policy
from resolvers.loaders.admin import (
    GroupsByUserIdLoader,
    PhoneNumbersByUserIdLoader,
    StatusEventsByUserIdLoader,
)
from schemas.context import Info, may_see_private
from schemas.enums import Product, Role, UserStatus
from schemas.errors import forbidden_error
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.admin.types import PhoneNumber, UserGroup, UserStatusEvent

_types = strawberry.lazy("schemas.admin.types")


@owned_by("admin")
@strawberry.type
class AdminUserFields:
    pk: strawberry.Private[int]
    email: str = strawberry.field(description="Sign-in email, unique in the tenant.")
    display_name: str = strawberry.field(description="The name the products show.")
    role: Role = strawberry.field(description="ADMIN or MEMBER.")
    status: UserStatus = strawberry.field(description="ACTIVE or DEACTIVATED.")
    active: bool = strawberry.field(description="True when status is ACTIVE.")
    deactivated_at: datetime | None = strawberry.field(
        description="When the user was deactivated; null while active."
    )

    @property
    def facts(self) -> policy.Facts:
        return policy.Facts(active=self.active)

    @strawberry.field(description='Chart, every product: "Can this user log in to ...?"')
    def can_log_in(self, product: Product) -> bool:
        return policy.can_log_in(product, self.facts)

    @strawberry.field(
        description='Chart, Admin: "Will this user be included in the list of available users?"'
    )
    def in_available_user_list(self) -> bool:
        return policy.answer("inAvailableUserList", self.facts)

    @strawberry.field(
        description='Chart, Admin: "Will this user keep their phone number?" '
        "(kept when deactivated)."
    )
    async def phone_numbers(self, info: Info) -> list[Annotated["PhoneNumber", _types]]:
        from schemas.admin.types import PhoneNumber

        rows = await info.context.loader(PhoneNumbersByUserIdLoader).load(self.pk)
        return [PhoneNumber.from_row(row) for row in rows]

    @strawberry.field(
        description='Chart, Admin: "Will this user still be included in the user group?" '
        "(kept when deactivated)."
    )
    async def groups(self, info: Info) -> list[Annotated["UserGroup", _types]]:
        from schemas.admin.types import UserGroup

        rows = await info.context.loader(GroupsByUserIdLoader).load(self.pk)
        return [UserGroup.from_row(row) for row in rows]

    @strawberry.field(description="Status changes, newest first. Admins, or the user themself.")
    async def status_history(self, info: Info) -> list[Annotated["UserStatusEvent", _types]]:
        from schemas.admin.types import UserStatusEvent

        if not may_see_private(info, self.pk):
            raise forbidden_error()
        rows = await info.context.loader(StatusEventsByUserIdLoader).load(self.pk)
        return [UserStatusEvent.from_row(row) for row in rows]
