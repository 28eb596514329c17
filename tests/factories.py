"""Factories for test data: small, explicit, one row kind each."""

from datetime import datetime
from typing import Any

from sqlmodel import SQLModel

from db.engine import Database
from db.enums import Role, UserStatus
from db.models import Tenant, User
from db.types import utcnow
from resolvers.tokens import Caller, create_token


async def add(database: Database, *rows: SQLModel) -> list[Any]:
    """Insert ``rows`` in one transaction and return them with their ids."""
    async with database.write_sessions() as session, session.begin():
        session.add_all(rows)
        await session.flush()
        for row in rows:
            await session.refresh(row)
    return list(rows)


async def make_tenant(database: Database, slug: str = "acme", time_zone: str = "Asia/Tokyo") -> Tenant:
    (tenant,) = await add(database, Tenant(slug=slug, name=slug.title(), time_zone=time_zone))
    return tenant


async def make_user(
    database: Database,
    tenant: Tenant,
    name: str,
    *,
    role: Role = Role.MEMBER,
    status: UserStatus = UserStatus.ACTIVE,
    deactivated_at: datetime | None = None,
) -> User:
    if status is UserStatus.DEACTIVATED and deactivated_at is None:
        deactivated_at = utcnow()
    email = f"{name.lower().replace(' ', '.')}@{tenant.slug}.example"
    (user,) = await add(
        database,
        User(
            tenant_id=tenant.id,
            email=email,
            display_name=name,
            role=role,
            status=status,
            deactivated_at=deactivated_at,
        ),
    )
    return user


async def make_token(database: Database, user: User) -> str:
    async with database.write_sessions() as session, session.begin():
        return await create_token(session, user=user)


def caller_of(user: User, tenant: Tenant) -> Caller:
    assert user.id is not None and tenant.id is not None
    return Caller(
        user_id=user.id,
        tenant_id=tenant.id,
        role=Role(user.role),
        status=UserStatus(user.status),
        time_zone=tenant.time_zone,
    )
