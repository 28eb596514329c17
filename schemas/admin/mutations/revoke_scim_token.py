"""revokeScimToken: SCIM refuses the token from its next request on."""

from db.enums import TokenKind
from resolvers.api_tokens.revoke import revoke_api_token
from resolvers.ids import pk_of
from schemas.admin.scim_token import ScimToken
from schemas.admin.scim_token_payloads import RevokeScimTokenInput, RevokeScimTokenPayload
from schemas.context import Info
from schemas.errors import user_errors


async def revoke_scim_token(info: Info, input: RevokeScimTokenInput) -> RevokeScimTokenPayload:
    context = info.context
    revocation = await revoke_api_token(
        context,
        caller=context.caller,
        tenant_id=context.tenant_id,
        token_id=pk_of(input.token_id, "ScimToken"),
        kind=TokenKind.SCIM,
    )
    return RevokeScimTokenPayload(
        scim_token=ScimToken.from_row(revocation.token) if revocation.token is not None else None,
        user_errors=user_errors(revocation.user_errors),
    )
