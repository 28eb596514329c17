"""deleteIncomingCallRule: delete a rule."""

from resolvers.call_rules.delete import delete_incoming_call_rule as delete
from resolvers.ids import pk_of
from schemas.admin.call_rule_payloads import (
    DeleteIncomingCallRuleInput,
    DeleteIncomingCallRulePayload,
)
from schemas.context import Info


async def delete_incoming_call_rule(
    info: Info, input: DeleteIncomingCallRuleInput
) -> DeleteIncomingCallRulePayload:
    context = info.context
    change = await delete(
        context, caller=context.caller, rule_id=pk_of(input.rule_id, "IncomingCallRule")
    )
    return DeleteIncomingCallRulePayload.of(change)
