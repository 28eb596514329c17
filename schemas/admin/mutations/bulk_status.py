"""activateUsers and deactivateUsers: each id on its own, in input order."""

from db.enums import UserStatus
from resolvers.errors import UserErrorCode, UserErrorData
from resolvers.ids import pk_of
from resolvers.status.bulk import change_users_status
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
    context = info.context
    changes = await change_users_status(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        user_ids=[pk_of(user_id, "User") for user_id in input.user_ids],
        target=target,
        dry_run=bool(input.dry_run),
    )
    return BulkUserStatusPayload(
        results=[UserStatusPayload.of(change) for change in changes], user_errors=[]
    )


async def activate_users(info: Info, input: BulkUserStatusInput) -> BulkUserStatusPayload:
    return await _bulk(info, input, UserStatus.ACTIVE)


async def deactivate_users(info: Info, input: BulkUserStatusInput) -> BulkUserStatusPayload:
    return await _bulk(info, input, UserStatus.DEACTIVATED)
