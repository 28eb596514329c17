import strawberry

from resolvers.groups.delete import delete_user_group as delete_group
from resolvers.ids import pk_of, to_global_id
from schemas.admin.group_payloads import DeleteUserGroupInput, DeleteUserGroupPayload
from schemas.context import Info
from schemas.errors import user_errors


async def delete_user_group(info: Info, input: DeleteUserGroupInput) -> DeleteUserGroupPayload:
    result = await delete_group(
        info.context, caller=info.context.caller, group_id=pk_of(input.group_id, "UserGroup")
    )
    deleted = result.deleted_group_id
    return DeleteUserGroupPayload(
        deleted_group_id=(
            strawberry.ID(to_global_id("UserGroup", deleted)) if deleted is not None else None
        ),
        user_errors=user_errors(result.user_errors),
    )
