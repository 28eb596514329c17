"""Tokens for subscription tests: a person's (with its id, and an expiry if asked) and a
tenant's service token."""

from datetime import datetime

from db.engine import Database
from db.models import Tenant, User
from resolvers.tokens import create_service_token, create_token


async def token_of(
    database: Database, user: User, *, expires_at: datetime | None = None
) -> tuple[int, str]:
    """A new token of ``user``: its id and its secret."""
    async with database.write_sessions() as session, session.begin():
        row, secret = await create_token(session, user=user, expires_at=expires_at)
        assert row.id is not None
        return row.id, secret


async def service_token_of(database: Database, tenant: Tenant) -> str:
    assert tenant.id is not None
    async with database.write_sessions() as session, session.begin():
        _, secret = await create_service_token(session, tenant_id=tenant.id, name="phone")
        return secret
