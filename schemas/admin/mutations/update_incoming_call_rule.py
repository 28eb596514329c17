"""updateIncomingCallRule: change what is given of a rule."""

from db.enums import IncomingCallAction
from resolvers.call_rules.update import update_incoming_call_rule as update
from resolvers.ids import pk_of
from schemas.admin.call_rule_payloads import IncomingCallRulePayload, UpdateIncomingCallRuleInput
from schemas.admin.mutations.rule_targets import given_id
from schemas.context import Info


async def update_incoming_call_rule(
    info: Info, input: UpdateIncomingCallRuleInput
) -> IncomingCallRulePayload:
    context = info.context
    change = await update(
        context,
        caller=context.caller,
        rule_id=pk_of(input.rule_id, "IncomingCallRule"),
        name=input.name,
        action=IncomingCallAction(input.action) if input.action is not None else None,
        target_user=given_id(input.target_user_id, "User"),
        target_group=given_id(input.target_group_id, "UserGroup"),
    )
    return IncomingCallRulePayload.of(change)
