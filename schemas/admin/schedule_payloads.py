"""Inputs and payloads of the scheduling mutations."""

from datetime import datetime
from typing import Self

import strawberry

from resolvers.schedule.outcome import ScheduledChangeResult
from schemas.admin.scheduled_change import ScheduledStatusChange
from schemas.enums import UserStatusAction
from schemas.errors import UserError, user_errors
from schemas.subgraph import owned_by


@strawberry.input(description="A status change to make later, e.g. a leave and its return.")
class ScheduleUserStatusChangeInput:
    user_id: strawberry.ID = strawberry.field(description="The user.")
    action: UserStatusAction = strawberry.field(
        description="The transition: DEACTIVATED (a leave) or ACTIVATED (a return)."
    )
    at: datetime = strawberry.field(
        description="When to make it; in the future. It runs at most a few seconds late."
    )
    reassign_incoming_call_rules_to: strawberry.ID | None = strawberry.field(
        default=None,
        description="For a deactivation: the user CALL_SPECIFIC_USER rules ringing userId move "
        "to when it runs (as deactivateUser's); they must be active then.",
    )


@strawberry.input(description="Which scheduled status change to call off.")
class CancelScheduledStatusChangeInput:
    id: strawberry.ID = strawberry.field(description="The scheduled change; it must be PENDING.")


@owned_by("admin", except_fields=())
@strawberry.type(description="The status change scheduled, or why it was refused.")
class ScheduleUserStatusChangePayload:
    scheduled_status_change: ScheduledStatusChange | None = strawberry.field(
        description="The change, PENDING; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")

    @classmethod
    def of(cls, result: ScheduledChangeResult) -> Self:
        return cls(
            scheduled_status_change=_change_of(result),
            user_errors=user_errors(result.user_errors),
        )


@owned_by("admin", except_fields=())
@strawberry.type(description="The status change called off, or why it could not be.")
class CancelScheduledStatusChangePayload:
    scheduled_status_change: ScheduledStatusChange | None = strawberry.field(
        description="The change, CANCELLED; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")

    @classmethod
    def of(cls, result: ScheduledChangeResult) -> Self:
        return cls(
            scheduled_status_change=_change_of(result),
            user_errors=user_errors(result.user_errors),
        )


def _change_of(result: ScheduledChangeResult) -> ScheduledStatusChange | None:
    return ScheduledStatusChange.from_row(result.change) if result.change is not None else None
