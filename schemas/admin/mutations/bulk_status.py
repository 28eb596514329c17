"""activateUsers and deactivateUsers: each id on its own, in input order."""

from db.enums import UserStatus
from resolvers.errors import UserErrorCode, UserErrorData
from schemas.admin.mutations.set_status import set_user_status
from schemas.admin.payloads import BulkUserStatusInput, BulkUserStatusPayload, UserStatusPayload
from schemas.context import Info
from schemas.errors import user_errors

MAX_BULK_IDS = 500


async def _bulk(
    info: Info, input: BulkUserStatusInput, target: UserStatus
) -> BulkUserStatusPayload:
    if len(input.user_ids) > MAX_BULK_IDS:
        error = UserErrorData(
            UserErrorCode.INVALID_INPUT,
            f"At most {MAX_BULK_IDS} ids at once; got {len(input.user_ids)}.",
            ("input", "userIds"),
        )
        return BulkUserStatusPayload(results=[], user_errors=user_errors([error]))
    results = []
    for user_id in input.user_ids:
        change = await set_user_status(info, user_id=user_id, target=target, dry_run=input.dry_run)
        results.append(UserStatusPayload.of(change))
    return BulkUserStatusPayload(results=results, user_errors=[])


async def activate_users(info: Info, input: BulkUserStatusInput) -> BulkUserStatusPayload:
    return await _bulk(info, input, UserStatus.ACTIVE)


async def deactivate_users(info: Info, input: BulkUserStatusInput) -> BulkUserStatusPayload:
    return await _bulk(info, input, UserStatus.DEACTIVATED)
