"""A real identity provider's public face for the tests: its discovery document and its
key set (JWKS) served over HTTP on 127.0.0.1 by a thread, signing keys it can rotate,
and a count of the requests it got."""

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, Key, RSAKey

AUDIENCE = "roster-api"
DISCOVERY_PATH = "/.well-known/openid-configuration"
JWKS_PATH = "/keys"


class IdentityProvider:
    """Signs tokens with its current key; publishes the public halves of ``published``."""

    def __init__(self) -> None:
        self.key: Key = RSAKey.generate_key(2048, parameters={"kid": "rsa-1", "use": "sig"})
        self.published: list[Key] = [self.key]
        self.requests: Counter[str] = Counter()
        self.cache_control: str | None = None
        self.down = False
        self.issuer = ""  # set once the server listens

    @property
    def jwks_uri(self) -> str:
        return self.issuer + JWKS_PATH

    def rotate(self, *, kid: str, kind: str = "RSA") -> Key:
        """A new signing key, published beside the old one (as providers rotate)."""
        if kind == "EC":
            self.key = ECKey.generate_key("P-256", parameters={"kid": kid, "use": "sig"})
        else:
            self.key = RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig"})
        self.published.append(self.key)
        return self.key

    def claims(self, **overrides: Any) -> dict[str, Any]:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": "00u-ben",
            "email": "ben.bell@acme.example",
            "email_verified": True,
            "iat": now,
            "exp": now + 300,
        }
        claims.update(overrides)
        return {name: value for name, value in claims.items() if value is not None}

    def token(
        self, *, key: Key | None = None, header: dict[str, Any] | None = None, **claims: Any
    ) -> str:
        """A token signed by the provider (``key``: another key), with ``claims`` over
        the defaults (None removes one)."""
        key = key or self.key
        alg = "ES256" if key.key_type == "EC" else "RS256"
        return jwt.encode(
            {"alg": alg, "kid": key.kid, **(header or {})}, self.claims(**claims), key
        )

    def documents(self) -> dict[str, Any]:
        return {
            DISCOVERY_PATH: {
                "issuer": self.issuer,
                "jwks_uri": self.jwks_uri,
                "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            },
            JWKS_PATH: {"keys": [key.as_dict(private=False) for key in self.published]},
        }


def _handler(provider: IdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            provider.requests[self.path] += 1
            document = provider.documents().get(self.path)
            if provider.down or document is None:
                self.send_response(503 if provider.down else 404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = json.dumps(document).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if provider.cache_control:
                self.send_header("Cache-Control", provider.cache_control)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def identity_provider() -> Iterator[IdentityProvider]:
    """A provider listening on a free port of 127.0.0.1 until the block ends."""
    provider = IdentityProvider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def provider_setting(provider: IdentityProvider, **fields: Any) -> str:
    """ROSTER_OIDC_PROVIDERS naming ``provider`` for tenant acme, matched by email."""
    entry = {"issuer": provider.issuer, "audience": AUDIENCE, "tenant": "acme", "claim": "email"}
    entry.update(fields)
    return json.dumps([{name: value for name, value in entry.items() if value is not None}])
