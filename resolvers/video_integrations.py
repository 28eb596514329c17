"""Connecting a Zoom, Microsoft Teams or Google Meet account to a user."""

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import VideoProvider
from db.models import User, VideoIntegration
from db.types import utcnow
from resolvers import policy
from resolvers.context import RosterContext
from resolvers.errors import (
    UserErrorCode,
    UserErrorData,
    UserErrorRaised,
    forbidden,
    not_found,
)
from resolvers.tokens import Caller
from resolvers.transactions import write_transaction

MAX_EMAIL_LENGTH = 320
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
USER_FIELD = ("input", "userId")

_users = User.__table__  # type: ignore[attr-defined]
_integrations = VideoIntegration.__table__  # type: ignore[attr-defined]


@dataclass
class IntegrationResult:
    integration: Row[Any] | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


async def connect_video_integration(
    context: RosterContext,
    *,
    caller: Caller,
    user_id: int | None,
    provider: VideoProvider,
    account_email: str,
) -> IntegrationResult:
    """Connect ``provider`` for ``user_id``; connecting a provider again replaces its account.
    A service may not: an integration is a person's, connected by them or an admin."""
    if caller.is_service:
        return IntegrationResult(user_errors=[forbidden("A service connects no integrations.")])
    email = account_email.strip()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email):
        error = UserErrorData(
            UserErrorCode.INVALID_INPUT,
            "accountEmail is not an email address.",
            ("input", "accountEmail"),
        )
        return IntegrationResult(user_errors=[error])
    if user_id is None:
        return IntegrationResult(user_errors=[not_found(USER_FIELD)])

    async def work(session: AsyncSession) -> IntegrationResult:
        row = await _write(
            session,
            database=context.database,
            caller=caller,
            user_id=user_id,
            provider=provider,
            email=email,
        )
        return IntegrationResult(integration=row)

    try:
        return await write_transaction(context, work)
    except UserErrorRaised as raised:
        return IntegrationResult(user_errors=[raised.error])


async def _write(
    session: AsyncSession,
    *,
    database: Database,
    caller: Caller,
    user_id: int,
    provider: VideoProvider,
    email: str,
) -> Row[Any]:
    tenant_id = caller.tenant_id
    statement = select(_users.c.status).where(
        _users.c.id == user_id, _users.c.tenant_id == tenant_id
    )
    if not database.is_sqlite:
        # Deactivation locks the same row before deleting integrations: one waits for
        # the other, so no integration survives on a deactivated user.
        statement = statement.with_for_update()
    status = await session.scalar(statement)
    if status is None:
        raise UserErrorRaised(not_found(USER_FIELD))
    if not caller.is_admin and caller.user_id != user_id:
        raise UserErrorRaised(
            UserErrorData(
                UserErrorCode.FORBIDDEN,
                "Members may connect integrations only for themselves.",
                USER_FIELD,
            )
        )
    if not policy.answer("videoIntegrations", policy.status_facts(status)):
        raise UserErrorRaised(
            UserErrorData(
                UserErrorCode.USER_DEACTIVATED,
                "A deactivated user cannot connect a video integration.",
                USER_FIELD,
            )
        )
    existing = await session.scalar(
        select(_integrations.c.id)
        .where(
            _integrations.c.tenant_id == tenant_id,
            _integrations.c.user_id == user_id,
            _integrations.c.provider == provider,
        )
        .order_by(_integrations.c.id)
        .limit(1)
    )
    values = {"account_email": email, "connected_at": utcnow()}
    if existing is not None:
        replaced = update(_integrations).where(_integrations.c.id == existing).values(**values)
        return (await session.execute(replaced.returning(*_integrations.c))).one()
    added = insert(_integrations).values(
        tenant_id=tenant_id, user_id=user_id, provider=provider, **values
    )
    return (await session.execute(added.returning(*_integrations.c))).one()
