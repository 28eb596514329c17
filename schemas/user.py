"""``User``: the entity every subgraph extends, assembled from each product's fields."""

from datetime import datetime
from typing import Any, Self

import strawberry

from db.enums import Role as RoleValue
from db.enums import UserStatus as UserStatusValue
from resolvers import policy
from resolvers.ids import to_global_id
from resolvers.loaders.admin import UserByIdLoader
from schemas.admin.user_fields import AdminUserFields
from schemas.analytics.user_fields import AnalyticsUserFields
from schemas.call_center.user_fields import CallCenterUserFields
from schemas.context import Info
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.phone.user_fields import PhoneUserFields
from schemas.phone_mobile.user_fields import PhoneMobileUserFields

# Stored values to members by a dict: an Enum call per value costs a seat map of
# thousands of users more than the rest of building them.
_STATUSES = {member.value: member for member in UserStatusValue}
_ROLES = {member.value: member for member in RoleValue}
_ACTIVE = {member.value: policy.is_active(member) for member in UserStatusValue}


@node_entity(UserByIdLoader)
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
        return cls.from_values(
            row.id,
            row.email,
            row.display_name,
            row.role,
            row.status,
            row.deactivated_at,
            row.external_id,
        )

    @classmethod
    def from_values(
        cls,
        pk: int,
        email: str,
        display_name: str,
        role: str,
        status: str,
        deactivated_at: datetime | None,
        external_id: str | None,
    ) -> Self:
        """A User from its stored columns, as a list unpacks them from its rows."""
        status_value = _STATUSES[status]
        return cls(
            id=strawberry.ID(to_global_id("User", pk)),
            pk=pk,
            email=email,
            display_name=display_name,
            role=_ROLES[role],
            status=status_value,
            active=_ACTIVE[status],
            deactivated_at=deactivated_at,
            external_id=external_id,
        )


async def load_user(info: Info, pk: int | None) -> User | None:
    if pk is None:
        return None
    row = await info.context.loader(UserByIdLoader).load(pk)
    return User.from_row(row) if row is not None else None
