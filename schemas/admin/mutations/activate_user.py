from db.enums import UserStatus
from schemas.admin.mutations.set_status import set_user_status
from schemas.admin.payloads import ActivateUserInput, UserStatusPayload
from schemas.context import Info


async def activate_user(info: Info, input: ActivateUserInput) -> UserStatusPayload:
    change = await set_user_status(
        info, user_id=input.user_id, target=UserStatus.ACTIVE, dry_run=input.dry_run
    )
    return UserStatusPayload.of(change)
