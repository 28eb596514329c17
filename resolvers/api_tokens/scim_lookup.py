"""A SCIM token's tenant: the provisioning door checks it against the database on every request."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select

from db.enums import TokenKind
from db.models import ApiToken
from resolvers.reader import Reader
from resolvers.tokens import (
    LAST_USED_INTERVAL,
    SCIM_TOKEN_PREFIX,
    TokenState,
    hash_token,
    token_state,
)

_tokens = ApiToken.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ScimClient:
    """The identity provider behind a SCIM token: the tenant it provisions, and the token's
    state at the request's start."""

    tenant_id: int
    token_id: int
    state: TokenState
    last_used_at: datetime | None

    def use_is_due(self, now: datetime) -> bool:
        """True when this use should be written: never recorded, or over a minute ago."""
        return self.last_used_at is None or self.last_used_at < now - LAST_USED_INTERVAL


# Built once: every SCIM request runs it.
_CLIENT_BY_TOKEN_HASH = select(
    _tokens.c.id,
    _tokens.c.tenant_id,
    _tokens.c.revoked_at,
    _tokens.c.expires_at,
    _tokens.c.last_used_at,
).where(
    _tokens.c.token_hash == bindparam("token_hash"),
    _tokens.c.kind == TokenKind.SCIM.value,
)


async def scim_client_for_token(reader: Reader, token: str, *, now: datetime) -> ScimClient | None:
    """The SCIM token's tenant and state at ``now``, in one statement; None unless it is a
    known SCIM token (a person's GraphQL token never is)."""
    if not token.startswith(SCIM_TOKEN_PREFIX) or len(token) > 200:
        return None
    rows = await reader.rows(_CLIENT_BY_TOKEN_HASH, {"token_hash": hash_token(token)})
    if not rows:
        return None
    row = rows[0]
    return ScimClient(
        tenant_id=row.tenant_id,
        token_id=row.id,
        state=token_state(revoked_at=row.revoked_at, expires_at=row.expires_at, now=now),
        last_used_at=row.last_used_at,
    )
