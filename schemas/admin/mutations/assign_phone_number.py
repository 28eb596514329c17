"""assignPhoneNumber: give a user a number, in E.164."""

from resolvers.ids import pk_of
from resolvers.phone_numbers.assign import assign_phone_number as assign
from schemas.admin.phone_number_payloads import AssignPhoneNumberInput, AssignPhoneNumberPayload
from schemas.context import Info


async def assign_phone_number(
    info: Info, input: AssignPhoneNumberInput
) -> AssignPhoneNumberPayload:
    context = info.context
    change = await assign(
        context, caller=context.caller, user_id=pk_of(input.user_id, "User"), number=input.number
    )
    return AssignPhoneNumberPayload.of(change)
