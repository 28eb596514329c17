"""createApiToken: a named token for a user of the tenant; its secret is answered once."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from db.models import ApiToken, User
from db.types import utcnow
from resolvers import policy
from resolvers.audit.actor import Actor
from resolvers.audit.record import FieldChange, api_value, record_audit
from resolvers.context import RosterContext
from resolvers.errors import (
    UserErrorCode,
    UserErrorData,
    UserErrorRaised,
    forbidden,
    invalid_input,
    not_found,
)
from resolvers.tokens import Caller, create_token
from resolvers.transactions import write_transaction

MAX_NAME = 200
USER_ID = ("input", "userId")
NAME = ("input", "name")
EXPIRES_AT = ("input", "expiresAt")

_tokens = ApiToken.__table__  # type: ignore[attr-defined]


@dataclass
class ApiTokenCreation:
    token: Row[Any] | None = None
    # The token itself: in this answer only, stored nowhere.
    secret: str | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


def checked_token_name(name: str) -> str:
    trimmed = name.strip()
    if not 1 <= len(trimmed) <= MAX_NAME:
        raise UserErrorRaised(
            invalid_input(f"A token's name has 1 to {MAX_NAME} characters.", NAME)
        )
    return trimmed


def checked_expiry(expires_at: datetime | None, *, now: datetime) -> datetime | None:
    """``expires_at`` in UTC, when it lies after ``now``; None: the token never expires."""
    if expires_at is None:
        return None
    if expires_at <= now:
        raise UserErrorRaised(invalid_input("expiresAt must lie in the future.", EXPIRES_AT))
    return expires_at.astimezone(UTC)


async def create_api_token(
    context: RosterContext,
    *,
    caller: Caller,
    tenant_id: int,
    user_id: int | None,
    name: str,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> ApiTokenCreation:
    """A new token of ``user_id`` (admins only), audited, in one transaction. ``user_id``
    None means the id did not decode."""
    if not caller.is_admin:
        return ApiTokenCreation(user_errors=[forbidden()])
    if user_id is None:
        return ApiTokenCreation(user_errors=[not_found(USER_ID)])
    moment = now or utcnow()

    async def work(session: AsyncSession) -> ApiTokenCreation:
        user = await session.scalar(
            select(User).where(User.id == user_id, User.tenant_id == tenant_id)  # type: ignore[arg-type]
        )
        if user is None:
            raise UserErrorRaised(not_found(USER_ID))
        token_name = checked_token_name(name)
        expiry = checked_expiry(expires_at, now=moment)
        if not policy.is_active(user.status):
            raise UserErrorRaised(
                UserErrorData(
                    UserErrorCode.USER_DEACTIVATED,
                    "A deactivated user cannot log in: activate them first.",
                    USER_ID,
                )
            )
        row, secret = await create_token(
            session,
            user=user,
            name=token_name,
            expires_at=expiry,
        )
        await record_audit(
            session,
            tenant_id=tenant_id,
            actor=Actor.of(caller),
            action=AuditAction.API_TOKEN_CREATED,
            target_type="ApiToken",
            target_id=row.id,  # type: ignore[arg-type]
            target_user_id=user.id,
            changes=[
                FieldChange("name", None, row.name),
                FieldChange("expiresAt", None, api_value(row.expires_at)),
                FieldChange("user", None, api_value(user.id, id_type="User")),
            ],
            at=row.created_at,
        )
        stored = (await session.execute(select(_tokens).where(_tokens.c.id == row.id))).one()
        return ApiTokenCreation(token=stored, secret=secret)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return ApiTokenCreation(user_errors=[raised.error])
