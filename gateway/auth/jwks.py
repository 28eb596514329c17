"""An identity provider's signing keys (its JWKS), fetched over HTTPS and cached.

The key set is kept for as long as its response's ``Cache-Control: max-age`` says, within
bounds (``MIN_CACHE_SECONDS``..``MAX_CACHE_SECONDS``; ROSTER_OIDC_JWKS_CACHE_SECONDS when
it says nothing). A token signed with a key id the cached set lacks makes one refetch
(the provider rotated its keys), at most once per ``refetch_seconds``: a flood of tokens
with made-up key ids costs the provider one request per interval, not one each. A failed
refresh keeps the keys already known; with none known, the token cannot be checked yet.
"""

import asyncio
import logging
import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import orjson
from joserfc.errors import JoseError
from joserfc.jwk import JWKRegistry, Key

from gateway.auth.errors import AuthenticationError, ProviderUnavailable
from gateway.auth.oidc_config import (
    MAX_CACHE_SECONDS,
    MIN_CACHE_SECONDS,
    OidcProvider,
    url_problem,
)

logger = logging.getLogger(__name__)

# A key set or a discovery document larger than this is no provider's.
MAX_DOCUMENT_BYTES = 512 * 1024
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)\"?", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|[,\s])(?:no-store|no-cache)(?:$|[,\s=])", re.IGNORECASE)
# The key type each algorithm family verifies with.
_KEY_TYPES = {"RS": "RSA", "PS": "RSA", "ES": "EC", "Ed": "OKP"}

UNKNOWN_KEY = "This sign-in token's key id (kid) is not among its issuer's published keys."
KEYS_UNAVAILABLE = (
    "The identity provider's signing keys could not be fetched, so this sign-in token "
    "cannot be checked now: try again shortly."
)


def cache_seconds(cache_control: str | None, *, default: float) -> float:
    """How long to keep a key set: its ``max-age`` (``no-store``/``no-cache``: the least),
    else ``default``, always within MIN_CACHE_SECONDS..MAX_CACHE_SECONDS."""
    seconds = default
    if cache_control:
        found = _MAX_AGE.search(cache_control)
        if _NO_CACHE.search(cache_control):
            seconds = MIN_CACHE_SECONDS
        elif found:
            seconds = float(found.group(1))
    return min(MAX_CACHE_SECONDS, max(MIN_CACHE_SECONDS, seconds))


class _FetchFailed(Exception):
    """Why a key set could not be had (for the log: never a token, never a user)."""


def signing_keys(document: Any) -> list[Key]:
    """The usable public signing keys of a JWKS document; other entries are skipped (a
    symmetric ``oct`` key, an encryption key, a kind this library does not know)."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise _FetchFailed("the key set is not a JSON object with a keys list")
    keys = []
    for entry in document["keys"]:
        if not isinstance(entry, dict) or entry.get("kty") not in _KEY_TYPES.values():
            continue
        if entry.get("use", "sig") != "sig":
            continue
        try:
            keys.append(JWKRegistry.import_key(entry))
        except (JoseError, ValueError, TypeError):
            continue
    return keys


class KeySetCache:
    """One provider's signing keys, shared by every request of the process."""

    def __init__(
        self,
        provider: OidcProvider,
        *,
        production: bool,
        default_cache_seconds: float,
        refetch_seconds: float,
        timeout_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.provider = provider
        self.production = production
        self.default_cache_seconds = default_cache_seconds
        self.refetch_seconds = refetch_seconds
        self.timeout_seconds = timeout_seconds
        self.clock = clock
        self._keys: list[Key] | None = None
        self._fresh_until = 0.0
        # When a fetch was last tried, good or bad: the rate limit counts both.
        self._last_attempt: float | None = None
        self._jwks_uri = provider.jwks_uri
        self._lock = asyncio.Lock()

    async def key_for(self, kid: str | None, alg: str) -> Key:
        """The key that verifies a token of ``alg`` signed with key ``kid``;
        AuthenticationError when the provider publishes none, ProviderUnavailable when
        its keys cannot be had at all."""
        asked = self.clock()
        if self._keys is None or asked >= self._fresh_until:
            await self._refresh(asked, unknown_kid=False)
        if self._keys is None:  # a fetch tried meanwhile, by another request, failed
            raise ProviderUnavailable(KEYS_UNAVAILABLE)
        key = self._pick(kid, alg)
        if key is None and self._may_refetch(asked):
            await self._refresh(asked, unknown_kid=True)
            key = self._pick(kid, alg)
        if key is None:
            raise AuthenticationError(UNKNOWN_KEY)
        return key

    def _may_refetch(self, now: float) -> bool:
        return self._last_attempt is None or now - self._last_attempt >= self.refetch_seconds

    def _pick(self, kid: str | None, alg: str) -> Key | None:
        key_type = _KEY_TYPES.get(alg[:2])
        candidates = [
            key
            for key in self._keys or ()
            if key.key_type == key_type
            and (kid is None or key.kid == kid)
            and key.alg in (None, alg)
        ]
        # No kid: only a provider with a single key of the kind leaves no doubt.
        if kid is None and len(candidates) != 1:
            return None
        return candidates[0] if candidates else None

    async def _refresh(self, asked: float, *, unknown_kid: bool) -> None:
        async with self._lock:
            # Another request may have fetched while this one waited for the lock.
            if self._last_attempt is not None and self._last_attempt >= asked:
                return
            if self._keys is not None and not unknown_kid and asked < self._fresh_until:
                return
            if not self._may_refetch(asked) and (unknown_kid or self._keys is None):
                if self._keys is None:
                    raise ProviderUnavailable(KEYS_UNAVAILABLE)
                return
            self._last_attempt = self.clock()
            try:
                keys, seconds = await self._fetch()
            except _FetchFailed as failure:
                logger.warning(
                    "could not fetch the signing keys of %s: %s", self.provider.issuer, failure
                )
                # Discovered again next time: the provider may have moved its keys.
                self._jwks_uri = self.provider.jwks_uri
                if self._keys is None:
                    raise ProviderUnavailable(KEYS_UNAVAILABLE) from None
                # The keys known stay in use; the next try waits one refetch interval.
                self._fresh_until = self._last_attempt + self.refetch_seconds
                return
            self._keys = keys
            self._fresh_until = self._last_attempt + seconds

    async def _fetch(self) -> tuple[list[Key], float]:
        try:
            async with httpx.AsyncClient(
                timeout=self.timeout_seconds, follow_redirects=False
            ) as client:
                if self._jwks_uri is None:
                    self._jwks_uri = await self._discover(client)
                document, cache_control = await self._get_json(client, self._jwks_uri)
        except httpx.HTTPError as error:
            raise _FetchFailed(f"{type(error).__name__}") from None
        keys = signing_keys(document)
        return keys, cache_seconds(cache_control, default=self.default_cache_seconds)

    async def _discover(self, client: httpx.AsyncClient) -> str:
        """The jwks_uri of the issuer's discovery document, which must name the issuer
        exactly (OpenID Connect Discovery 1.0, section 4.3)."""
        document, _ = await self._get_json(client, self.provider.discovery_url)
        if not isinstance(document, dict) or document.get("issuer") != self.provider.issuer:
            raise _FetchFailed("the discovery document names another issuer")
        jwks_uri = document.get("jwks_uri")
        if not isinstance(jwks_uri, str):
            raise _FetchFailed("the discovery document has no jwks_uri")
        problem = url_problem(jwks_uri, production=self.production)
        if problem:
            raise _FetchFailed(f"the discovery document's jwks_uri {problem}")
        return jwks_uri

    @staticmethod
    async def _get_json(client: httpx.AsyncClient, url: str) -> tuple[Any, str | None]:
        async with client.stream("GET", url, headers={"Accept": "application/json"}) as response:
            if response.status_code != 200:
                raise _FetchFailed(f"{url} answered {response.status_code}")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body.extend(chunk)
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise _FetchFailed(f"{url} answered more than {MAX_DOCUMENT_BYTES} bytes")
            try:
                return orjson.loads(body), response.headers.get("cache-control")
            except orjson.JSONDecodeError:
                raise _FetchFailed(f"{url} answered no JSON") from None
