"""createScimToken: a tenant's provisioning token; the secret is in this answer only."""

from db.enums import TokenKind
from resolvers.api_tokens.create_tenant_token import create_tenant_token_as
from schemas.admin.scim_token import ScimToken
from schemas.admin.scim_token_payloads import CreateScimTokenInput, CreateScimTokenPayload
from schemas.context import Info
from schemas.errors import user_errors


async def create_scim_token(info: Info, input: CreateScimTokenInput) -> CreateScimTokenPayload:
    context = info.context
    creation = await create_tenant_token_as(
        context,
        caller=context.caller,
        kind=TokenKind.SCIM,
        tenant_id=context.tenant_id,
        name=input.name,
        expires_at=input.expires_at,
    )
    return CreateScimTokenPayload(
        scim_token=ScimToken.from_row(creation.token) if creation.token is not None else None,
        secret=creation.secret,
        user_errors=user_errors(creation.user_errors),
    )
