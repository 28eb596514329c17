"""The token of an ``Authorization: Bearer <token>`` header."""

from starlette.datastructures import Headers


def bearer_token(headers: Headers) -> str | None:
    return bearer_from(headers.get("authorization"))


def bearer_from(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header's value, if it is one."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
