"""updateUser: the Edit dialog; its ``active`` checkbox takes the status code path."""

from resolvers.ids import pk_of
from resolvers.user_edit import edit_user
from schemas.admin.payloads import UpdateUserInput, UpdateUserPayload, UserStatusPayload
from schemas.context import Info
from schemas.errors import user_errors
from schemas.user import load_user


async def update_user(info: Info, input: UpdateUserInput) -> UpdateUserPayload:
    context = info.context
    pk = pk_of(input.user_id, "User")
    edit = await edit_user(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        user_id=pk,
        display_name=input.display_name,
        active=input.active,
        email=input.email,
        role=input.role,
        dry_run=bool(input.dry_run),
    )
    status_change = (
        UserStatusPayload.of(edit.status_change) if edit.status_change is not None else None
    )
    user = None if edit.user_errors else await load_user(info, pk)
    return UpdateUserPayload(
        user=user,
        status_change=status_change,
        dry_run=edit.dry_run,
        user_errors=user_errors(edit.user_errors),
    )
