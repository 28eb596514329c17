"""Serializing one tenant's writes of a kind whose uniqueness no index enforces."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from db.models import Tenant

_tenants = Tenant.__table__  # type: ignore[attr-defined]


async def lock_tenant(session: AsyncSession, *, database: Database, tenant_id: int) -> None:
    """Hold the tenant's row until the transaction ends (PostgreSQL; SQLite's BEGIN
    IMMEDIATE already holds the database's one write lock).

    Group names and seat labels are unique per tenant case-insensitively, folded in
    Python (``db.folding.fold``), so no index can refuse a duplicate: two writers of
    one tenant take turns here, and the second sees what the first committed. Take it
    after any user row lock, as the status code path does, so the two never deadlock.
    """
    if not database.is_sqlite:
        await session.execute(
            select(_tenants.c.id).where(_tenants.c.id == tenant_id).with_for_update()
        )
