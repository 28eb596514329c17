"""scheduleUserStatusChange: a leave, or a return, queued to run at ``at``."""

from db.enums import UserStatusAction
from resolvers.ids import pk_of
from resolvers.schedule.schedule import schedule_status_change
from schemas.admin.schedule_payloads import (
    ScheduleUserStatusChangeInput,
    ScheduleUserStatusChangePayload,
)
from schemas.context import Info


async def schedule_user_status_change(
    info: Info, input: ScheduleUserStatusChangeInput
) -> ScheduleUserStatusChangePayload:
    context = info.context
    reassign_to = input.reassign_incoming_call_rules_to
    result = await schedule_status_change(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        user_id=pk_of(input.user_id, "User"),
        action=UserStatusAction(input.action),
        at=input.at,
        reassign_rules_to=pk_of(reassign_to, "User") if reassign_to is not None else None,
        reassign_given=reassign_to is not None,
    )
    return ScheduleUserStatusChangePayload.of(result)
