"""The User fields the admin subgraph owns."""

from collections.abc import Awaitable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from resolvers import policy
from resolvers.loaders.admin import (
    GroupsByUserIdLoader,
    PhoneNumbersByUserIdLoader,
    StatusEventsByUserIdLoader,
)
from resolvers.loaders.schedule import ScheduledStatusChangesByUserIdLoader
from resolvers.policy_text import describe
from schemas.context import Info, may_see_private
from schemas.enums import Product, Role, UserStatus
from schemas.errors import forbidden_error
from schemas.prefetch import FieldSelection, loaded, prefetches
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.admin.scheduled_change import ScheduledStatusChange
    from schemas.admin.types import PhoneNumber, UserGroup, UserStatusEvent

_types = strawberry.lazy("schemas.admin.types")
_scheduled = strawberry.lazy("schemas.admin.scheduled_change")


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
    external_id: str | None = strawberry.field(
        description="The identity provider's id for this person (SCIM externalId); null "
        "when none is known."
    )

    @property
    def facts(self) -> policy.Facts:
        return policy.facts(self.active)

    @strawberry.field(description=describe("canLogIn"))
    def can_log_in(self, product: Product) -> bool:
        return policy.can_log_in(product, self.facts)

    @strawberry.field(description=describe("inAvailableUserList"))
    def in_available_user_list(self) -> bool:
        return policy.answer("inAvailableUserList", self.facts)

    @strawberry.field(description=describe("phoneNumbers"))
    def phone_numbers(self, info: Info) -> list[Annotated["PhoneNumber", _types]]:
        from schemas.admin.types import PhoneNumber

        loader = info.context.loader(PhoneNumbersByUserIdLoader)
        return loaded(loader, self.pk, lambda rows: [PhoneNumber.from_row(row) for row in rows])

    @strawberry.field(description=describe("groups"))
    def groups(self, info: Info) -> list[Annotated["UserGroup", _types]]:
        from schemas.admin.types import UserGroup

        loader = info.context.loader(GroupsByUserIdLoader)
        return loaded(loader, self.pk, lambda rows: [UserGroup.from_row(row) for row in rows])

    @strawberry.field(description="Status changes, newest first. Admins, or the user themself.")
    def status_history(self, info: Info) -> list[Annotated["UserStatusEvent", _types]]:
        from schemas.admin.types import UserStatusEvent

        if not may_see_private(info, self.pk):
            raise forbidden_error()
        loader = info.context.loader(StatusEventsByUserIdLoader)
        return loaded(loader, self.pk, lambda rows: [UserStatusEvent.from_row(r) for r in rows])

    # issue 13, a leave scheduled
    @strawberry.field(
        description="Status changes scheduled for this user, soonest first, in any state. "
        "Admins only."
    )
    def scheduled_status_changes(
        self, info: Info
    ) -> list[Annotated["ScheduledStatusChange", _scheduled]]:
        from schemas.admin.scheduled_change import ScheduledStatusChange

        if not info.context.caller.is_admin:
            raise forbidden_error()
        loader = info.context.loader(ScheduledStatusChangesByUserIdLoader)
        return loaded(
            loader, self.pk, lambda rows: [ScheduledStatusChange.from_row(r) for r in rows]
        )


@prefetches("phoneNumbers")
def _prefetch_phone_numbers(
    info: Info, user_pks: Sequence[int], _: FieldSelection
) -> list[Awaitable[Any]]:
    return [info.context.loader(PhoneNumbersByUserIdLoader).prefetch(user_pks)]


@prefetches("groups")
def _prefetch_groups(
    info: Info, user_pks: Sequence[int], _: FieldSelection
) -> list[Awaitable[Any]]:
    return [info.context.loader(GroupsByUserIdLoader).prefetch(user_pks)]


@prefetches("statusHistory")
def _prefetch_status_history(
    info: Info, user_pks: Sequence[int], _: FieldSelection
) -> list[Awaitable[Any]]:
    visible = [pk for pk in user_pks if may_see_private(info, pk)]
    return [info.context.loader(StatusEventsByUserIdLoader).prefetch(visible)] if visible else []


@prefetches("scheduledStatusChanges")
def _prefetch_scheduled_status_changes(
    info: Info, user_pks: Sequence[int], _: FieldSelection
) -> list[Awaitable[Any]]:
    if not info.context.caller.is_admin:
        return []
    return [info.context.loader(ScheduledStatusChangesByUserIdLoader).prefetch(user_pks)]
