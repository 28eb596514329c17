"""Row locks that serialize a write with a concurrent status change or a twin write.

On PostgreSQL they are ``SELECT ... FOR UPDATE`` (or ``FOR SHARE``); on SQLite nothing is
needed, since write transactions begin IMMEDIATE and hold the database's one write lock.
Lock order: a user's row first, then the tenant's, as the status code path does, so two
writers never deadlock.
"""

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.enums import UserStatus
from db.models import Tenant, User

_tenants = Tenant.__table__  # type: ignore[attr-defined]
_users = User.__table__  # type: ignore[attr-defined]


async def lock_tenant(session: AsyncSession, *, database: Database, tenant_id: int) -> None:
    """Hold the tenant's row until the transaction ends.

    Two writers of one tenant take turns here, and the second sees what the first
    committed: for what no index can enforce (group names and seat labels, unique per
    tenant in their folded form) and for counts a write must not race (the last active
    admin).
    """
    if not database.is_sqlite:
        await session.execute(
            select(_tenants.c.id).where(_tenants.c.id == tenant_id).with_for_update()
        )


async def lock_user(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int
) -> Row[Any] | None:
    """The tenant's user ``user_id``, its row held for update; None if there is none."""
    statement = select(_users).where(_users.c.id == user_id, _users.c.tenant_id == tenant_id)
    if not database.is_sqlite:
        statement = statement.with_for_update()
    return (await session.execute(statement)).first()


async def shared_user_status(
    session: AsyncSession, database: Database, *, tenant_id: int, user_id: int
) -> UserStatus | None:
    """The tenant's user's status, their row share-locked until the transaction ends, so
    a deactivation running meanwhile either waits for this write or is seen by it; None
    if there is no such user."""
    statement = select(_users.c.status).where(
        _users.c.id == user_id, _users.c.tenant_id == tenant_id
    )
    if not database.is_sqlite:
        statement = statement.with_for_update(read=True)
    status = await session.scalar(statement)
    return UserStatus(status) if status is not None else None
