"""unassignPhoneNumber: the number stays in the tenant, with its call rules."""

from resolvers.ids import pk_of
from resolvers.phone_numbers.unassign import unassign_phone_number as unassign
from schemas.admin.phone_number_payloads import (
    UnassignPhoneNumberInput,
    UnassignPhoneNumberPayload,
)
from schemas.context import Info


async def unassign_phone_number(
    info: Info, input: UnassignPhoneNumberInput
) -> UnassignPhoneNumberPayload:
    context = info.context
    change = await unassign(
        context,
        caller=context.caller,
        phone_number_id=pk_of(input.phone_number_id, "PhoneNumber"),
    )
    return UnassignPhoneNumberPayload.of(change)
