"""cancelScheduledStatusChange: a pending change called off; it never runs."""

from resolvers.ids import pk_of
from resolvers.schedule.cancel import cancel_scheduled_status_change as cancel_change
from schemas.admin.schedule_payloads import (
    CancelScheduledStatusChangeInput,
    CancelScheduledStatusChangePayload,
)
from schemas.context import Info


async def cancel_scheduled_status_change(
    info: Info, input: CancelScheduledStatusChangeInput
) -> CancelScheduledStatusChangePayload:
    context = info.context
    result = await cancel_change(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        change_id=pk_of(input.id, "ScheduledStatusChange"),
    )
    return CancelScheduledStatusChangePayload.of(result)
