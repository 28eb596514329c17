"""API tokens: made here, stored as SHA-256, checked against the user on every request."""

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role, UserStatus
from db.models import ApiToken, Tenant, User
from resolvers.reader import Reader

TOKEN_PREFIX = "rst_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated user of a request, as the database said at its start."""

    user_id: int
    tenant_id: int
    role: Role
    status: UserStatus
    time_zone: str

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


async def create_token(session: AsyncSession, *, user: User) -> str:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    assert user.id is not None
    session.add(ApiToken(tenant_id=user.tenant_id, user_id=user.id, token_hash=hash_token(token)))
    await session.flush()
    return token


# Every request runs it: built once, not per request.
_CALLER_BY_TOKEN_HASH = (
    select(User.id, User.tenant_id, User.role, User.status, Tenant.time_zone)  # type: ignore[call-overload]
    .join(ApiToken, ApiToken.user_id == User.id)
    .join(Tenant, Tenant.id == User.tenant_id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


async def caller_for_token(reader: Reader, token: str) -> Caller | None:
    """The token's user with their current status, in one statement; None if unknown."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    rows = await reader.rows(_CALLER_BY_TOKEN_HASH, {"token_hash": hash_token(token)})
    if not rows:
        return None
    row = rows[0]
    return Caller(
        user_id=row.id,
        tenant_id=row.tenant_id,
        role=Role(row.role),
        status=UserStatus(row.status),
        time_zone=row.time_zone,
    )
