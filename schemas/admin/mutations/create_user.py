"""createUser: a new hire, ACTIVE at once."""

from db.enums import Role
from resolvers.people.create_user import create_user as create_user_domain
from schemas.admin.user_payloads import CreateUserInput, CreateUserPayload
from schemas.context import Info
from schemas.errors import user_errors
from schemas.user import User


async def create_user(info: Info, input: CreateUserInput) -> CreateUserPayload:
    context = info.context
    creation = await create_user_domain(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        email=input.email,
        display_name=input.display_name,
        role=input.role or Role.MEMBER,
        external_id=input.external_id,
    )
    return CreateUserPayload(
        user=User.from_row(creation.user) if creation.user is not None else None,
        user_errors=user_errors(creation.user_errors),
    )
