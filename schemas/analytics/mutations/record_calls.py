from db.types import utcnow
from resolvers.calls.access import refusal_to_record
from resolvers.calls.record import record_calls as record
from resolvers.calls.records import CallRecord, RecordCallsResult
from resolvers.ids import pk_of
from schemas.analytics.recorded_calls import RecordCallsInput, RecordCallsPayload
from schemas.context import Info


async def record_calls(info: Info, input: RecordCallsInput) -> RecordCallsPayload:
    context = info.context
    refusal = refusal_to_record(context.caller)
    if refusal is not None:
        return RecordCallsPayload.of(RecordCallsResult(user_errors=[refusal]))
    await context.before_write()
    result = await record(
        context.database,
        tenant_id=context.tenant_id,
        calls=[
            CallRecord(
                external_id=call.external_id,
                user_id=pk_of(call.user_id, "User"),
                direction=call.direction.value,
                started_at=call.started_at,
                duration_seconds=call.duration_seconds,
                counterpart_number=call.counterpart_number,
            )
            for call in input.calls
        ],
        now=utcnow(),
    )
    await context.after_write()
    return RecordCallsPayload.of(result)
