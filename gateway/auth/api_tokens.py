"""roster's own API tokens (``rst_...``), against the database on every request."""

from collections.abc import Iterable
from datetime import datetime

from db.enums import Product
from gateway.auth.errors import AuthenticationError
from resolvers.reader import Reader
from resolvers.token_refusal import refusal_of
from resolvers.tokens import SCIM_TOKEN_PREFIX, TokenCaller, caller_for_token

SCIM_TOKEN_REFUSED = "This is a SCIM provisioning token: it is accepted only under /scim/v2."
UNKNOWN_TOKEN = "This API token is not valid."


async def authenticate_api_token(
    reader: Reader, token: str, products: Iterable[Product], *, now: datetime
) -> TokenCaller:
    """The caller, if their token is known and still counts at ``now`` and the chart lets
    them log in to ``products``."""
    if token.startswith(SCIM_TOKEN_PREFIX):
        # Its prefix says what it is: no look-up, and no hint whether it is a live one.
        raise AuthenticationError(SCIM_TOKEN_REFUSED)
    found = await caller_for_token(reader, token, now=now)
    if found is None:
        raise AuthenticationError(UNKNOWN_TOKEN)
    refused = refusal_of(found, products)
    if refused is not None:
        raise AuthenticationError(refused)
    return found
