"""A verified sign-in token to its roster caller: the configured claim finds the user in
the issuer's tenant, and the chart decides, as for an API token's user."""

from collections.abc import Iterable
from datetime import datetime

from db.enums import Product
from gateway.auth.errors import AuthenticationError
from gateway.auth.jwt_verifier import MISSING_CLAIM, VerifiedToken
from resolvers.reader import Reader
from resolvers.sign_in import NO_SIGN_IN_USER, caller_for_sign_in
from resolvers.token_refusal import refusal_of
from resolvers.tokens import TokenCaller

EMAIL_NOT_VERIFIED = "This sign-in token's email is not verified (email_verified is false)."
# Some providers (AWS Cognito among them) write booleans as strings.
_FALSE = (False, "false")


def _claim_text(verified: VerifiedToken, name: str) -> str:
    value = verified.claims.get(name)
    if not isinstance(value, str) or not value:
        raise AuthenticationError(MISSING_CLAIM.format(claims=name))
    return value


async def sign_in_caller(
    reader: Reader, verified: VerifiedToken, products: Iterable[Product], *, now: datetime
) -> TokenCaller:
    """The user ``verified`` stands for, if the chart lets them log in to ``products``."""
    provider = verified.provider
    if provider.claim == "email":
        email = _claim_text(verified, "email")
        if verified.claims.get("email_verified") in _FALSE:
            raise AuthenticationError(EMAIL_NOT_VERIFIED)
        found = await caller_for_sign_in(
            reader, tenant=provider.tenant, email=email, expires_at=verified.expires_at, now=now
        )
    else:
        found = await caller_for_sign_in(
            reader,
            tenant=provider.tenant,
            external_id=_claim_text(verified, "sub"),
            expires_at=verified.expires_at,
            now=now,
        )
    if found is None:
        raise AuthenticationError(NO_SIGN_IN_USER)
    refused = refusal_of(found, products)
    if refused is not None:
        raise AuthenticationError(refused)
    return found
