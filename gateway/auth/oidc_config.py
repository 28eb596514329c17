"""ROSTER_OIDC_PROVIDERS: the identity providers whose sign-in tokens roster accepts.

A JSON list; each entry names an issuer, the audience roster is to its tokens, the roster
tenant its users belong to, and the claim that finds the user (docs/sso.md). Read once at
start; any mistake stops roster with a message naming the entry and the field.
"""

import ipaddress
import re
from dataclasses import dataclass
from typing import Any, Literal, cast
from urllib.parse import urlsplit

import orjson

# Asymmetric signatures only: never "none", never an HMAC (HS*), whose "secret" an
# attacker would take from the provider's public key (the algorithm-confusion attack).
SIGNING_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
DEFAULT_ALGORITHMS = ("RS256", "ES256")
# How long a key set is kept, whatever its Cache-Control says (gateway/auth/jwks.py).
MIN_CACHE_SECONDS = 60.0
MAX_CACHE_SECONDS = 86_400.0
CLAIMS = ("email", "sub")
FIELDS = frozenset({"issuer", "audience", "tenant", "claim", "jwks_uri", "algorithms"})
TENANT_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_LOCAL_NAMES = frozenset({"localhost"})


@dataclass(frozen=True, slots=True)
class OidcProvider:
    """One trusted issuer: tokens whose ``iss`` is exactly ``issuer`` and whose ``aud``
    names ``audience`` stand for the user of ``tenant`` found by ``claim``."""

    issuer: str
    audience: str
    tenant: str
    claim: Literal["email", "sub"]
    # None: the issuer's discovery document says where its keys are.
    jwks_uri: str | None = None
    algorithms: tuple[str, ...] = DEFAULT_ALGORITHMS

    @property
    def discovery_url(self) -> str:
        """OpenID Connect Discovery 1.0, section 4: the issuer, less a trailing slash."""
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(url: str, *, production: bool) -> str | None:
    """Why ``url`` cannot be an issuer's or a key set's address, or None: https, or in
    development http to this machine (a test's provider)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname and not production:
        if _is_loopback(parts.hostname):
            return None
        return "http:// is accepted only for 127.0.0.1 or localhost in development: use https://"
    if production:
        return "must be an https:// URL (ROSTER_ENV=production)"
    return "must be an https:// URL (http://127.0.0.1 in development)"


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ValueError(f"{name} must be a non-empty string without surrounding spaces")
    return value


def _provider(entry: Any, *, production: bool) -> OidcProvider:
    if not isinstance(entry, dict):
        raise ValueError("must be an object with issuer, audience, tenant and claim")
    unknown = sorted(set(entry) - FIELDS)
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} (fields: {', '.join(sorted(FIELDS))})")
    issuer = _text(entry, "issuer")
    problem = url_problem(issuer, production=production)
    if problem:
        raise ValueError(f"issuer {problem}")
    audience = _text(entry, "audience")
    tenant = _text(entry, "tenant")
    if not TENANT_SLUG.match(tenant):
        raise ValueError("tenant must be a roster tenant's slug (letters, digits, - and _)")
    claim = entry.get("claim")
    if claim not in CLAIMS:
        raise ValueError(
            'claim must be "email" (the user\'s email) or "sub" (the user\'s externalId)'
        )
    jwks_uri = entry.get("jwks_uri")
    if jwks_uri is not None:
        jwks_uri = _text(entry, "jwks_uri")
        problem = url_problem(jwks_uri, production=production)
        if problem:
            raise ValueError(f"jwks_uri {problem}")
    algorithms = entry.get("algorithms", list(DEFAULT_ALGORITHMS))
    if (
        not isinstance(algorithms, list)
        or not algorithms
        or not all(isinstance(name, str) for name in algorithms)
    ):
        raise ValueError("algorithms must be a non-empty list of names such as RS256")
    refused = [name for name in algorithms if name not in SIGNING_ALGORITHMS]
    if refused:
        raise ValueError(
            f"algorithm {refused[0]!r} is not accepted; roster verifies asymmetric "
            f"signatures only: {', '.join(sorted(SIGNING_ALGORITHMS))}"
        )
    return OidcProvider(
        issuer=issuer,
        audience=audience,
        tenant=tenant,
        claim=cast(Literal["email", "sub"], claim),
        jwks_uri=jwks_uri,
        algorithms=tuple(dict.fromkeys(algorithms)),
    )


def parse_providers(value: object, *, production: bool) -> tuple[OidcProvider, ...]:
    """The providers of ROSTER_OIDC_PROVIDERS (JSON text, or already a list); ValueError
    naming the entry and the field when one is wrong."""
    if isinstance(value, tuple) and all(isinstance(item, OidcProvider) for item in value):
        return value
    if isinstance(value, str | bytes):
        if not value.strip():
            return ()
        try:
            value = orjson.loads(value)
        except orjson.JSONDecodeError:
            raise ValueError(
                'not JSON: write a list such as [{"issuer": "https://...", "audience": "...", '
                '"tenant": "acme", "claim": "email"}]'
            ) from None
    if not isinstance(value, list):
        raise ValueError("must be a JSON list of providers")
    providers: list[OidcProvider] = []
    for number, entry in enumerate(value, start=1):
        try:
            provider = _provider(entry, production=production)
        except ValueError as error:
            raise ValueError(f"provider {number}: {error}") from None
        if any(known.issuer == provider.issuer for known in providers):
            raise ValueError(
                f"provider {number}: the issuer {provider.issuer} is listed twice; one issuer "
                "is one provider"
            )
        providers.append(provider)
    return tuple(providers)
