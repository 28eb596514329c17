"""The bearer-token check every variant makes: one statement, as roster does."""

import hashlib
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_CALLER = text(
    "SELECT users.id, users.tenant_id, users.role, users.status, tenants.time_zone "
    "FROM users JOIN api_tokens ON api_tokens.user_id = users.id "
    "JOIN tenants ON tenants.id = users.tenant_id "
    "WHERE api_tokens.token_hash = :token_hash"
)


@dataclass(frozen=True, slots=True)
class RawCaller:
    user_id: int
    tenant_id: int
    is_admin: bool
    time_zone: str


async def raw_caller(connection: AsyncConnection, authorization: str | None) -> RawCaller | None:
    """The active caller of a ``Bearer`` token, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    token_hash = hashlib.sha256(token.strip().encode()).hexdigest()
    row = (await connection.execute(_CALLER, {"token_hash": token_hash})).first()
    if row is None or row.status != "ACTIVE":
        return None
    return RawCaller(
        user_id=row.id,
        tenant_id=row.tenant_id,
        is_admin=row.role == "ADMIN",
        time_zone=row.time_zone,
    )
