from resolvers.groups.update import update_user_group as update_group
from resolvers.ids import pk_of
from schemas.admin.group_payloads import UpdateUserGroupInput, UserGroupPayload
from schemas.admin.mutations.member_ids import user_pks
from schemas.admin.types import UserGroup
from schemas.context import Info
from schemas.errors import user_errors


async def update_user_group(info: Info, input: UpdateUserGroupInput) -> UserGroupPayload:
    result = await update_group(
        info.context,
        caller=info.context.caller,
        group_id=pk_of(input.group_id, "UserGroup"),
        name=input.name,
        add_member_ids=user_pks(input.add_member_ids),
        remove_member_ids=user_pks(input.remove_member_ids),
    )
    return UserGroupPayload(
        user_group=UserGroup.from_row(result.group) if result.group is not None else None,
        user_errors=user_errors(result.user_errors),
    )
