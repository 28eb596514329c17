"""A sign-in token (JWT) checked: its issuer among the trusted, its algorithm on that
issuer's allow-list, its signature against the issuer's published keys (joserfc), and
its claims (``iss`` exactly, ``aud`` naming roster, ``exp``, ``nbf``, ``iat``).

The header and payload are read before the signature is checked only to choose the
issuer and the key; nothing read then is trusted until joserfc has verified it.

``azp`` is not an audience: Keycloak's access tokens, say, carry the frontend's client id
in ``azp`` and ``account`` in ``aud``. Taking ``azp`` for ``aud`` would accept tokens
minted for other APIs, so the configured audience must be in ``aud`` (docs/sso.md says
how to put it there).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from joserfc import jws, jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwt import JWTClaimsRegistry

from gateway.auth.errors import AuthenticationError
from gateway.auth.jwks import KeySetCache
from gateway.auth.oidc_config import OidcProvider
from resolvers.token_refusal import SIGN_IN_EXPIRED

# Providers' tokens run to a few kilobytes; past this, not worth parsing.
MAX_TOKEN_LENGTH = 16_384

MALFORMED = "This sign-in token is not a well-formed signed JWT."
UNKNOWN_ISSUER = "This sign-in token's issuer (iss) is not one roster trusts."
ALGORITHM_REFUSED = (
    "This sign-in token is signed with an algorithm its issuer is not allowed to use "
    "(allowed: {allowed})."
)
BAD_SIGNATURE = "This sign-in token's signature does not verify."
EXPIRED = SIGN_IN_EXPIRED
NOT_YET_VALID = "This sign-in token is not valid yet (nbf)."
ISSUED_IN_FUTURE = "This sign-in token was issued in the future (iat)."
WRONG_AUDIENCE = "This sign-in token is not meant for roster: its audience (aud) does not name it."
MISSING_CLAIM = "This sign-in token lacks the {claims} claim."
INVALID_CLAIM = "This sign-in token's {claim} claim is not valid."


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    """A token whose signature and claims hold: its provider, its claims, and when it
    stops being accepted (its exp plus the leeway)."""

    provider: OidcProvider
    claims: dict[str, Any]
    expires_at: datetime


def _unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and claims as written, before any check: only to choose issuer and key."""
    try:
        compact = jws.extract_compact(token.encode())
        header = compact.headers()
        claims = orjson.loads(compact.payload or b"")
    except (JoseError, ValueError, TypeError):
        raise AuthenticationError(MALFORMED) from None
    if not isinstance(claims, dict):
        raise AuthenticationError(MALFORMED)
    return dict(header), claims


class JwtVerifier:
    """Checks sign-in tokens of ``providers``, their keys from ``key_sets`` (by issuer)."""

    def __init__(
        self,
        providers: tuple[OidcProvider, ...],
        *,
        key_sets: Mapping[str, KeySetCache],
        leeway_seconds: int,
    ) -> None:
        self.providers = {provider.issuer: provider for provider in providers}
        self.key_sets = key_sets
        self.leeway_seconds = leeway_seconds

    async def verify(self, token: str, *, now: datetime) -> VerifiedToken:
        """The verified token; AuthenticationError saying what is wrong with it."""
        if len(token) > MAX_TOKEN_LENGTH:
            raise AuthenticationError(MALFORMED)
        header, unverified = _unverified(token)
        issuer = unverified.get("iss")
        provider = self.providers.get(issuer) if isinstance(issuer, str) else None
        if provider is None:
            raise AuthenticationError(UNKNOWN_ISSUER)
        alg = header.get("alg")
        if alg not in provider.algorithms:
            allowed = ", ".join(provider.algorithms)
            raise AuthenticationError(ALGORITHM_REFUSED.format(allowed=allowed))
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise AuthenticationError(MALFORMED)
        key = await self.key_sets[provider.issuer].key_for(kid, alg)
        try:
            claims = jwt.decode(token, key, algorithms=[alg]).claims
        except BadSignatureError:
            raise AuthenticationError(BAD_SIGNATURE) from None
        except JoseError:
            raise AuthenticationError(MALFORMED) from None
        self._check_claims(claims, provider, now)
        try:
            expires_at = datetime.fromtimestamp(claims["exp"], UTC)
        except (OverflowError, OSError, ValueError):
            raise AuthenticationError(INVALID_CLAIM.format(claim="exp")) from None
        return VerifiedToken(
            provider=provider,
            claims=claims,
            expires_at=expires_at + timedelta(seconds=self.leeway_seconds),
        )

    def _check_claims(self, claims: dict[str, Any], provider: OidcProvider, now: datetime) -> None:
        registry = JWTClaimsRegistry(
            now=int(now.timestamp()),
            leeway=self.leeway_seconds,
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(claims)
        except ExpiredTokenError:
            raise AuthenticationError(EXPIRED) from None
        except MissingClaimError as error:
            raise AuthenticationError(MISSING_CLAIM.format(claims=error.claim)) from None
        except InvalidClaimError as error:
            message = {
                "aud": WRONG_AUDIENCE,
                "iss": UNKNOWN_ISSUER,
                "nbf": NOT_YET_VALID,
                "iat": ISSUED_IN_FUTURE,
            }.get(error.claim, INVALID_CLAIM.format(claim=error.claim))
            raise AuthenticationError(message) from None
