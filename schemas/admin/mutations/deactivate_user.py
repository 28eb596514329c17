from db.enums import UserStatus
from schemas.admin.mutations.set_status import set_user_status
from schemas.admin.payloads import DeactivateUserInput, UserStatusPayload
from schemas.context import Info


async def deactivate_user(info: Info, input: DeactivateUserInput) -> UserStatusPayload:
    change = await set_user_status(
        info,
        user_id=input.user_id,
        target=UserStatus.DEACTIVATED,
        dry_run=input.dry_run,
        reassign_rules_to=input.reassign_incoming_call_rules_to,
    )
    return UserStatusPayload.of(change)
