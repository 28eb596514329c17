"""API tokens: made here, stored as SHA-256, checked on every request against the user (or,
for a service token, the tenant) they stand for."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import Role, TokenKind, UserStatus
from db.models import ApiToken, Tenant, User
from db.types import utcnow
from resolvers.reader import Reader

TOKEN_PREFIX = "rst_"
# A tenant's SCIM provisioning token: accepted under /scim/v2 only, never by GraphQL.
SCIM_TOKEN_PREFIX = "rst_scim_"
# A tenant's product service (the Phone backend): GraphQL as no person, never an admin.
SERVICE_TOKEN_PREFIX = "rst_svc_"
# lastUsedAt is at most this stale: a token's use is written once per interval, not per request.
LAST_USED_INTERVAL = timedelta(seconds=60)

logger = logging.getLogger(__name__)
_tokens = ApiToken.__table__  # type: ignore[attr-defined]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    """Who makes a request, as the database said at its start: a user of the tenant, or
    (``user_id`` None) a product service of the tenant, which is no person."""

    user_id: int | None
    tenant_id: int
    role: Role
    status: UserStatus
    time_zone: str

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_service(self) -> bool:
        """A service token's caller: reads what products read and records calls, as no
        person (its role is MEMBER, so it administers nothing)."""
        return self.user_id is None


class TokenState(StrEnum):
    ACTIVE = "ACTIVE"
    REVOKED = "REVOKED"
    EXPIRED = "EXPIRED"


def token_state(
    *, revoked_at: datetime | None, expires_at: datetime | None, now: datetime
) -> TokenState:
    """Whether a token still lets its user in at ``now``: not revoked, not yet expired."""
    if revoked_at is not None:
        return TokenState.REVOKED
    if expires_at is not None and expires_at <= now:
        return TokenState.EXPIRED
    return TokenState.ACTIVE


@dataclass(frozen=True, slots=True)
class TokenCaller:
    """A known credential: its user as the caller, whether it still lets them in, and
    when it was last recorded as used. Either an API token (``token_id``, its row) or an
    identity provider's sign-in token (``token_id`` None: a JWT has no row here; its user
    is found again by ``caller.user_id``, resolvers/sign_in.py)."""

    caller: Caller
    state: TokenState
    token_id: int | None
    last_used_at: datetime | None
    # When the token stops counting by itself (an open subscription ends then).
    expires_at: datetime | None = None

    @property
    def is_sign_in(self) -> bool:
        """A sign-in token (JWT): no token row, so no lastUsedAt and no revocation."""
        return self.token_id is None

    @property
    def credential_key(self) -> tuple[str, int]:
        """What one credential is across requests: the API token, or for sign-in tokens
        (a new JWT every hour or so) their user."""
        if self.token_id is not None:
            return ("token", self.token_id)
        assert self.caller.user_id is not None  # a sign-in token is always a person's
        return ("user", self.caller.user_id)

    def use_is_due(self, now: datetime) -> bool:
        """True when this use should be written: an API token's use never recorded, or
        over a minute ago; never for a sign-in token (there is no row to write)."""
        if self.token_id is None:
            return False
        return self.last_used_at is None or self.last_used_at < now - LAST_USED_INTERVAL


async def _new_token(
    session: AsyncSession,
    *,
    kind: TokenKind,
    prefix: str,
    tenant_id: int,
    user_id: int | None,
    name: str,
    expires_at: datetime | None,
) -> tuple[ApiToken, str]:
    """A new token row of ``kind`` in ``session``'s transaction and its secret, which is
    stored nowhere (only its hash is)."""
    token = prefix + secrets.token_urlsafe(32)
    row = ApiToken(
        tenant_id=tenant_id,
        kind=kind,
        user_id=user_id,
        token_hash=hash_token(token),
        name=name,
        expires_at=expires_at,
    )
    session.add(row)
    await session.flush()
    return row, token


async def create_token(
    session: AsyncSession,
    *,
    user: User,
    name: str = "",
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of ``user``: the row and its secret."""
    assert user.id is not None
    return await _new_token(
        session,
        kind=TokenKind.USER,
        prefix=TOKEN_PREFIX,
        tenant_id=user.tenant_id,
        user_id=user.id,
        name=name,
        expires_at=expires_at,
    )


# A tenant's tokens that are no person's, by kind: what their secrets start with.
TENANT_TOKEN_PREFIXES = {TokenKind.SCIM: SCIM_TOKEN_PREFIX, TokenKind.SERVICE: SERVICE_TOKEN_PREFIX}


async def create_tenant_token(
    session: AsyncSession,
    *,
    kind: TokenKind,
    tenant_id: int,
    name: str = "",
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of ``tenant_id`` that is no person's (SCIM or SERVICE ``kind``): the
    row and its secret."""
    return await _new_token(
        session,
        kind=kind,
        prefix=TENANT_TOKEN_PREFIXES[kind],
        tenant_id=tenant_id,
        user_id=None,
        name=name,
        expires_at=expires_at,
    )


async def create_scim_token(
    session: AsyncSession,
    *,
    tenant_id: int,
    name: str = "",
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new SCIM token of ``tenant_id``: the row and its secret."""
    return await create_tenant_token(
        session, kind=TokenKind.SCIM, tenant_id=tenant_id, name=name, expires_at=expires_at
    )


async def create_service_token(
    session: AsyncSession,
    *,
    tenant_id: int,
    name: str,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new service token of ``tenant_id``: the row and its secret."""
    return await create_tenant_token(
        session, kind=TokenKind.SERVICE, tenant_id=tenant_id, name=name, expires_at=expires_at
    )


# Every request runs it: built once, not per request. The token's lifecycle columns come
# along, so one statement answers who calls, whether the token still counts, and whether
# its use is due to be recorded. A service token names no user (the outer join gives
# NULLs); its tenant is the token's own.
_CALLERS = (
    select(  # type: ignore[call-overload]
        ApiToken.kind,
        User.id,
        ApiToken.tenant_id,
        User.role,
        User.status,
        Tenant.time_zone,
        ApiToken.id.label("token_id"),  # type: ignore[union-attr]
        ApiToken.revoked_at,
        ApiToken.expires_at,
        ApiToken.last_used_at,
    )
    .select_from(ApiToken)
    .outerjoin(User, User.id == ApiToken.user_id)  # type: ignore[arg-type]
    .join(Tenant, Tenant.id == ApiToken.tenant_id)  # type: ignore[arg-type]
    .where(ApiToken.kind.in_([TokenKind.USER.value, TokenKind.SERVICE.value]))  # type: ignore[attr-defined]
)
_CALLER_BY_TOKEN_HASH = _CALLERS.where(ApiToken.token_hash == bindparam("token_hash"))
# An open subscription's re-check: the token it was opened with, by id.
_CALLER_BY_TOKEN_ID = _CALLERS.where(ApiToken.id == bindparam("token_id"))


def _caller_of(row: Any) -> Caller:
    if row.kind == TokenKind.SERVICE.value:
        # No person: never an admin, and never deactivated (revoking is how it stops).
        return Caller(
            user_id=None,
            tenant_id=row.tenant_id,
            role=Role.MEMBER,
            status=UserStatus.ACTIVE,
            time_zone=row.time_zone,
        )
    return Caller(
        user_id=row.id,
        tenant_id=row.tenant_id,
        role=Role(row.role),
        status=UserStatus(row.status),
        time_zone=row.time_zone,
    )


async def caller_for_token(
    reader: Reader, token: str, *, now: datetime | None = None
) -> TokenCaller | None:
    """The token's user with their current status (or, for a service token, its tenant's
    service) and the token's state at ``now``, in one statement; None if the token is
    unknown or a SCIM token."""
    if (
        not token.startswith(TOKEN_PREFIX)
        or token.startswith(SCIM_TOKEN_PREFIX)
        or len(token) > 200
    ):
        return None
    rows = await reader.rows(_CALLER_BY_TOKEN_HASH, {"token_hash": hash_token(token)})
    return _token_caller(rows[0], now or utcnow()) if rows else None


async def caller_for_token_id(
    reader: Reader, token_id: int, *, now: datetime
) -> TokenCaller | None:
    """As ``caller_for_token``, for the token ``token_id`` (one statement)."""
    rows = await reader.rows(_CALLER_BY_TOKEN_ID, {"token_id": token_id})
    return _token_caller(rows[0], now) if rows else None


def _token_caller(row: Any, now: datetime) -> TokenCaller:
    state = token_state(revoked_at=row.revoked_at, expires_at=row.expires_at, now=now)
    return TokenCaller(
        caller=_caller_of(row),
        state=state,
        token_id=row.token_id,
        last_used_at=row.last_used_at,
        expires_at=row.expires_at,
    )


async def record_token_use(database: Database, *, token_id: int, now: datetime) -> bool:
    """Set the token's lastUsedAt to ``now`` unless another request did within the last
    minute; True if this call wrote it.

    Best effort, in its own short transaction: the gateway runs it after the response is
    sent, so neither SQLite's write lock nor a PostgreSQL row lock (a revocation under
    way) holds a request up; on PostgreSQL it waits at most a moment for that lock. Any
    failure is logged and forgotten: a missed lastUsedAt is never worth a failed request,
    and the next use a minute on writes it again. The condition in the WHERE makes
    concurrent requests write once.
    """
    cutoff = now - LAST_USED_INTERVAL
    try:
        async with database.write_sessions() as session, session.begin():
            if not database.is_sqlite:
                await session.execute(text("SET LOCAL lock_timeout = '500ms'"))
            result = await session.execute(
                update(_tokens)
                .where(
                    _tokens.c.id == token_id,
                    or_(_tokens.c.last_used_at.is_(None), _tokens.c.last_used_at < cutoff),
                )
                .values(last_used_at=now)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]
    except Exception as error:
        logger.warning("could not record the use of API token %s: %r", token_id, error)
        return False
