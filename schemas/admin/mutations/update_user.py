"""updateUser: the Edit dialog; its ``active`` checkbox takes the status code path."""

from db.enums import Role, UserStatus
from resolvers.errors import UserErrorCode, UserErrorData, forbidden, not_found
from resolvers.ids import pk_of
from resolvers.rename_user import rename_user
from schemas.admin.mutations.set_status import set_user_status
from schemas.admin.payloads import UpdateUserInput, UpdateUserPayload, UserStatusPayload
from schemas.context import Info
from schemas.errors import user_errors
from schemas.user import load_user

MAX_DISPLAY_NAME = 200


async def update_user(info: Info, input: UpdateUserInput) -> UpdateUserPayload:
    context = info.context
    if context.caller.role is not Role.ADMIN:
        return UpdateUserPayload(
            user=None, status_change=None, user_errors=user_errors([forbidden()])
        )
    pk = pk_of(input.user_id, "User")
    if pk is None or await load_user(info, pk) is None:
        error = not_found(("input", "userId"))
        return UpdateUserPayload(user=None, status_change=None, user_errors=user_errors([error]))
    if input.display_name is not None:
        name = input.display_name.strip()
        if not name or len(name) > MAX_DISPLAY_NAME:
            error = UserErrorData(
                UserErrorCode.INVALID_INPUT,
                f"A display name has 1 to {MAX_DISPLAY_NAME} characters.",
                ("input", "displayName"),
            )
            return UpdateUserPayload(
                user=None, status_change=None, user_errors=user_errors([error])
            )

    status_change = None
    if input.active is not None:
        change = await set_user_status(
            info,
            user_id=input.user_id,
            target=UserStatus.ACTIVE if input.active else UserStatus.DEACTIVATED,
            dry_run=False,
        )
        status_change = UserStatusPayload.of(change)
        if change.user_errors:
            return UpdateUserPayload(
                user=None, status_change=status_change, user_errors=status_change.user_errors
            )

    if input.display_name is not None:
        await _rename(info, pk, input.display_name.strip())
    return UpdateUserPayload(
        user=await load_user(info, pk), status_change=status_change, user_errors=[]
    )


async def _rename(info: Info, pk: int, name: str) -> None:
    context = info.context
    await context.before_write()
    await rename_user(context.database, tenant_id=context.tenant_id, user_id=pk, name=name)
    await context.after_write()
