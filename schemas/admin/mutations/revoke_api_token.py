"""revokeApiToken: the token is refused from its next request on."""

from resolvers.api_tokens.revoke import revoke_api_token as revoke_api_token_domain
from resolvers.ids import pk_of
from schemas.admin.api_token import ApiToken
from schemas.admin.api_token_payloads import RevokeApiTokenInput, RevokeApiTokenPayload
from schemas.context import Info
from schemas.errors import user_errors


async def revoke_api_token(info: Info, input: RevokeApiTokenInput) -> RevokeApiTokenPayload:
    context = info.context
    revocation = await revoke_api_token_domain(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        token_id=pk_of(input.token_id, "ApiToken"),
    )
    return RevokeApiTokenPayload(
        api_token=ApiToken.from_row(revocation.token) if revocation.token is not None else None,
        user_errors=user_errors(revocation.user_errors),
    )
