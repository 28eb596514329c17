"""createIncomingCallRule: a rule on one of the tenant's numbers."""

from db.enums import IncomingCallAction
from resolvers.call_rules.create import create_incoming_call_rule as create
from resolvers.ids import pk_of
from schemas.admin.call_rule_payloads import CreateIncomingCallRuleInput, IncomingCallRulePayload
from schemas.admin.mutations.rule_targets import given_id
from schemas.context import Info


async def create_incoming_call_rule(
    info: Info, input: CreateIncomingCallRuleInput
) -> IncomingCallRulePayload:
    context = info.context
    change = await create(
        context,
        caller=context.caller,
        name=input.name,
        phone_number_id=pk_of(input.phone_number_id, "PhoneNumber"),
        action=IncomingCallAction(input.action),
        target_user=given_id(input.target_user_id, "User"),
        target_group=given_id(input.target_group_id, "UserGroup"),
    )
    return IncomingCallRulePayload.of(change)
