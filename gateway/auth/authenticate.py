"""Who calls, by the token's shape: roster's own API tokens start with ``rst_``; an
identity provider's sign-in token is a JWT (three base64url parts). Both give the same
caller, checked against the database on every request."""

import re
from collections.abc import Iterable
from datetime import datetime

from starlette.datastructures import Headers

from db.enums import Product
from gateway.auth.api_tokens import UNKNOWN_TOKEN, authenticate_api_token
from gateway.auth.bearer import bearer_token
from gateway.auth.errors import AuthenticationError
from gateway.auth.jwks import KeySetCache
from gateway.auth.jwt_verifier import UNKNOWN_ISSUER, JwtVerifier
from gateway.auth.sign_in import sign_in_caller
from gateway.settings import Settings
from resolvers.reader import Reader
from resolvers.tokens import TOKEN_PREFIX, TokenCaller

NO_TOKEN = "Send an API token: Authorization: Bearer <token>."
# The signature may be empty: an unsigned ("alg": "none") token is still told apart, and
# refused for what it is.
_JWT_SHAPE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


def looks_like_jwt(token: str) -> bool:
    return _JWT_SHAPE.match(token) is not None


class Authenticator:
    """The process's authentication: API tokens always; sign-in tokens of the trusted
    providers when ROSTER_OIDC_PROVIDERS names any (their key sets are shared by every
    endpoint, so each provider is asked once, not once per endpoint)."""

    def __init__(self, verifier: JwtVerifier | None = None) -> None:
        self.verifier = verifier

    @classmethod
    def from_settings(cls, settings: Settings) -> "Authenticator":
        if not settings.oidc_providers:
            return cls()
        key_sets = {
            provider.issuer: KeySetCache(
                provider,
                production=settings.is_production,
                default_cache_seconds=settings.oidc_jwks_cache_seconds,
                refetch_seconds=settings.oidc_jwks_refetch_seconds,
                timeout_seconds=settings.oidc_http_timeout_seconds,
            )
            for provider in settings.oidc_providers
        }
        return cls(
            JwtVerifier(
                settings.oidc_providers,
                key_sets=key_sets,
                leeway_seconds=settings.oidc_leeway_seconds,
            )
        )

    async def authenticate(
        self, reader: Reader, headers: Headers, products: Iterable[Product], *, now: datetime
    ) -> TokenCaller:
        """The caller of the request's bearer token; AuthenticationError saying why not."""
        return await self.authenticate_token(reader, bearer_token(headers), products, now=now)

    async def authenticate_token(
        self, reader: Reader, token: str | None, products: Iterable[Product], *, now: datetime
    ) -> TokenCaller:
        if token is None:
            raise AuthenticationError(NO_TOKEN)
        if token.startswith(TOKEN_PREFIX):
            return await authenticate_api_token(reader, token, products, now=now)
        if looks_like_jwt(token):
            if self.verifier is None:
                raise AuthenticationError(UNKNOWN_ISSUER)
            verified = await self.verifier.verify(token, now=now)
            return await sign_in_caller(reader, verified, products, now=now)
        raise AuthenticationError(UNKNOWN_TOKEN)
