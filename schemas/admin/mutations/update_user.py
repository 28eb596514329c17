"""updateUser: the Edit dialog; its ``active`` checkbox takes the status code path."""

from sqlalchemy import update

from db.enums import Role, UserStatus
from db.models import User as UserRow
from resolvers.errors import UserErrorCode, UserErrorData, forbidden, not_found
from resolvers.ids import pk_of
from resolvers.retry import retry_on_lock
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
    table = UserRow.__table__  # type: ignore[attr-defined]
    database = info.context.database

    async def write() -> None:
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(table)
                .where(table.c.id == pk, table.c.tenant_id == info.context.tenant_id)
                .values(display_name=name)
            )

    await info.context.before_write()
    await retry_on_lock(write)
    await info.context.after_write()
