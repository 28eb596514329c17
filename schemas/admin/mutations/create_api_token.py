"""createApiToken: a named token for a user; the secret is in this answer only."""

from resolvers.api_tokens.create import create_api_token as create_api_token_domain
from resolvers.ids import pk_of
from schemas.admin.api_token import ApiToken
from schemas.admin.api_token_payloads import CreateApiTokenInput, CreateApiTokenPayload
from schemas.context import Info
from schemas.errors import user_errors


async def create_api_token(info: Info, input: CreateApiTokenInput) -> CreateApiTokenPayload:
    context = info.context
    creation = await create_api_token_domain(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        user_id=pk_of(input.user_id, "User"),
        name=input.name,
        expires_at=input.expires_at,
    )
    return CreateApiTokenPayload(
        api_token=ApiToken.from_row(creation.token) if creation.token is not None else None,
        secret=creation.secret,
        user_errors=user_errors(creation.user_errors),
    )
