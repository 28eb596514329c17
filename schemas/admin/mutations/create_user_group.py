from resolvers.groups.create import create_user_group as create_group
from schemas.admin.group_payloads import CreateUserGroupInput, UserGroupPayload
from schemas.admin.mutations.member_ids import user_pks
from schemas.admin.types import UserGroup
from schemas.context import Info
from schemas.errors import user_errors


async def create_user_group(info: Info, input: CreateUserGroupInput) -> UserGroupPayload:
    result = await create_group(
        info.context,
        caller=info.context.caller,
        name=input.name,
        member_ids=user_pks(input.member_ids),
    )
    return UserGroupPayload(
        user_group=UserGroup.from_row(result.group) if result.group is not None else None,
        user_errors=user_errors(result.user_errors),
    )
