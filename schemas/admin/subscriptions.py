"""The admin subgraph's subscriptions."""

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers.subscriptions.status import status_changes
from schemas.context import Info
from schemas.errors import forbidden_error
from schemas.subgraph import owned_by
from schemas.subscription_errors import ended_with_codes
from schemas.user import User

if TYPE_CHECKING:
    from schemas.admin.types import UserStatusEvent

_types = strawberry.lazy("schemas.admin.types")


@owned_by("admin", except_fields=())
@strawberry.type(description="A user's status changed: the user as they are now, and the event.")
class UserStatusChange:
    user: User = strawberry.field(description="Whose status changed, as they are after it.")
    event: Annotated["UserStatusEvent", _types] = strawberry.field(
        description="The status event (audit) the change wrote."
    )


@owned_by("admin")
@strawberry.type
class AdminSubscription:
    @strawberry.subscription(
        description="Every status change of the tenant as it commits (never a dry run, a "
        "refused change or a repeat). Admins only, as other users' status history is; "
        "ends with UNAUTHENTICATED once the caller may no longer log in."
    )
    async def user_status_changed(self, info: Info) -> AsyncGenerator[UserStatusChange, None]:
        from schemas.admin.types import UserStatusEvent

        caller = info.context.caller
        if not caller.is_admin:
            raise forbidden_error("Only an admin may follow the tenant's status changes.")
        async with aclosing(ended_with_codes(status_changes(info.context))) as changes:
            async for change in changes:
                yield UserStatusChange(
                    user=User.from_row(change.user),
                    event=UserStatusEvent.from_row(change.event),
                )
