"""``ScheduledStatusChange``: a leave (or a return) queued to run at a given instant."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from db.enums import ScheduledChangeState as ScheduledChangeStateValue
from db.enums import UserStatusAction as UserStatusActionValue
from resolvers.errors import UserErrorCode as UserErrorCodeValue
from resolvers.ids import to_global_id
from resolvers.loaders.admin import UserStatusEventByIdLoader
from resolvers.loaders.schedule import ScheduledStatusChangeByIdLoader
from schemas.admin.types import UserStatusEvent
from schemas.context import Info
from schemas.enums import ScheduledChangeState, UserErrorCode, UserStatusAction
from schemas.node import Node
from schemas.node_lookup import node_entity
from schemas.subgraph import owned_by

if TYPE_CHECKING:
    from schemas.user import User

_user = strawberry.lazy("schemas.user")


async def _load_user(info: Info, pk: int | None) -> Any:
    from schemas.user import load_user

    return await load_user(info, pk)


@node_entity(ScheduledStatusChangeByIdLoader, admin_only=True)
@owned_by("admin")
@strawberry.federation.type(
    keys=["id"],
    description="An activation or deactivation queued to run at `at`, through the same "
    "code path as activateUser/deactivateUser, as the admin who scheduled it. Admins only.",
)
class ScheduledStatusChange(Node):
    user_pk: strawberry.Private[int]
    created_by_pk: strawberry.Private[int | None]
    reassign_to_pk: strawberry.Private[int | None]
    status_event_pk: strawberry.Private[int | None]
    action: UserStatusAction = strawberry.field(
        description="The transition to make: ACTIVATED (a return) or DEACTIVATED (a leave)."
    )
    at: datetime = strawberry.field(description="When the change is due.")
    created_at: datetime = strawberry.field(description="When it was scheduled.")
    state: ScheduledChangeState = strawberry.field(description="Where the change stands.")
    ran_at: datetime | None = strawberry.field(
        description="When the scheduler ran it (DONE or FAILED); null until then."
    )
    changed: bool | None = strawberry.field(
        description="Once DONE: false when the user already had the target status (no event, "
        "no effect). Null unless DONE."
    )
    error_code: UserErrorCode | None = strawberry.field(
        description="Once FAILED: the refusal the change met when it ran (e.g. LAST_ADMIN, or "
        "FORBIDDEN when its creator is no longer an active admin); INTERNAL after repeated "
        "unexpected errors."
    )
    error_message: str | None = strawberry.field(description="Once FAILED: the refusal, in words.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("ScheduledStatusChange", row.id)),
            user_pk=row.user_id,
            created_by_pk=row.created_by_id,
            reassign_to_pk=row.reassign_rules_to_id,
            status_event_pk=row.status_event_id,
            action=UserStatusActionValue(row.action),
            at=row.at,
            created_at=row.created_at,
            state=ScheduledChangeStateValue(row.state),
            ran_at=row.ran_at,
            changed=row.changed,
            error_code=UserErrorCodeValue(row.error_code) if row.error_code else None,
            error_message=row.error_message,
        )

    @strawberry.field(description="Whose status is to change.")
    async def user(self, info: Info) -> Annotated["User", _user]:
        return await _load_user(info, self.user_pk)

    @strawberry.field(description="The admin who scheduled it; the change runs as them.")
    async def created_by(self, info: Info) -> Annotated["User", _user] | None:
        return await _load_user(info, self.created_by_pk)

    @strawberry.field(
        description="For a deactivation: the user its CALL_SPECIFIC_USER rules move to when it "
        "runs (who must then be active)."
    )
    async def reassign_incoming_call_rules_to(self, info: Info) -> Annotated["User", _user] | None:
        return await _load_user(info, self.reassign_to_pk)

    @strawberry.field(
        description="What it did: the status event it wrote. Null unless DONE with changed."
    )
    async def status_event(self, info: Info) -> UserStatusEvent | None:
        if self.status_event_pk is None:
            return None
        row = await info.context.loader(UserStatusEventByIdLoader).load(self.status_event_pk)
        return UserStatusEvent.from_row(row) if row is not None else None
