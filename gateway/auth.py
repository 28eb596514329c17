"""Bearer-token authentication, against the database on every request."""

from collections.abc import Iterable
from datetime import datetime

from starlette.datastructures import Headers

from db.enums import Product
from db.types import utcnow
from resolvers.reader import Reader
from resolvers.token_refusal import refusal_of
from resolvers.tokens import SCIM_TOKEN_PREFIX, TokenCaller, caller_for_token


class AuthenticationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


SCIM_TOKEN_REFUSED = "This is a SCIM provisioning token: it is accepted only under /scim/v2."


def bearer_token(headers: Headers) -> str | None:
    return bearer_from(headers.get("authorization"))


def bearer_from(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header's value, if it is one."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def authenticate(
    reader: Reader,
    headers: Headers,
    products: Iterable[Product],
    *,
    now: datetime | None = None,
) -> TokenCaller:
    """The caller, if their token is known and still counts at ``now`` and the chart lets
    them log in to ``products``."""
    token = bearer_token(headers)
    if token is None:
        raise AuthenticationError("Send an API token: Authorization: Bearer <token>.")
    if token.startswith(SCIM_TOKEN_PREFIX):
        # Its prefix says what it is: no look-up, and no hint whether it is a live one.
        raise AuthenticationError(SCIM_TOKEN_REFUSED)
    found = await caller_for_token(reader, token, now=now or utcnow())
    if found is None:
        raise AuthenticationError("This API token is not valid.")
    refused = refusal_of(found, products)
    if refused is not None:
        raise AuthenticationError(refused)
    return found
