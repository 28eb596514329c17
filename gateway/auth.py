"""Bearer-token authentication, against the database on every request."""

from collections.abc import Iterable

from starlette.datastructures import Headers

from db.enums import Product
from resolvers import policy
from resolvers.reader import Reader
from resolvers.tokens import Caller, caller_for_token


class AuthenticationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def bearer_token(headers: Headers) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def authenticate(reader: Reader, headers: Headers, products: Iterable[Product]) -> Caller:
    """The caller, if their token is known and the chart lets them log in to ``products``."""
    token = bearer_token(headers)
    if token is None:
        raise AuthenticationError("Send an API token: Authorization: Bearer <token>.")
    caller = await caller_for_token(reader, token)
    if caller is None:
        raise AuthenticationError("This API token is not valid.")
    facts = policy.status_facts(caller.status)
    if not all(policy.can_log_in(product, facts) for product in products):
        raise AuthenticationError("This user is deactivated and cannot log in.")
    return caller
