"""``User``: the entity every subgraph extends, assembled from each product's fields."""

from typing import Any, Self

import strawberry

from db.enums import Role as RoleValue
from db.enums import UserStatus as UserStatusValue
from resolvers.ids import to_global_id
from resolvers.loaders.admin import UserByIdLoader
from schemas.admin.user_fields import AdminUserFields
from schemas.analytics.user_fields import AnalyticsUserFields
from schemas.call_center.user_fields import CallCenterUserFields
from schemas.context import Info
from schemas.node import Node
from schemas.node_lookup import resolve_entity
from schemas.phone.user_fields import PhoneUserFields
from schemas.phone_mobile.user_fields import PhoneMobileUserFields


@strawberry.federation.type(
    keys=["id"], description="A person of the tenant; admin owns it, every product extends it."
)
class User(
    AdminUserFields,
    AnalyticsUserFields,
    PhoneUserFields,
    PhoneMobileUserFields,
    CallCenterUserFields,
    Node,
):
    @classmethod
    def from_row(cls, row: Any) -> Self:
        status = UserStatusValue(row.status)
        return cls(
            id=strawberry.ID(to_global_id("User", row.id)),
            pk=row.id,
            email=row.email,
            display_name=row.display_name,
            role=RoleValue(row.role),
            status=status,
            active=status is UserStatusValue.ACTIVE,
            deactivated_at=row.deactivated_at,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        return await resolve_entity(info, "User", id)


async def load_user(info: Info, pk: int | None) -> User | None:
    if pk is None:
        return None
    row = await info.context.loader(UserByIdLoader).load(pk)
    return User.from_row(row) if row is not None else None
