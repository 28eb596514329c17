"""The SCIM tests' world: tenants with SCIM tokens, and an HTTP client of the door."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import httpx

from db.engine import Database
from db.enums import Role
from db.models import Tenant, User
from resolvers.tokens import create_scim_token
from tests.factories import make_tenant, make_user
from tests.http import bearer, http_client

SCIM = "application/scim+json"
BASE = "http://roster.test/scim/v2"


async def make_scim_token(
    database: Database, tenant: Tenant, *, expires_at: datetime | None = None
) -> str:
    async with database.write_sessions() as session, session.begin():
        _, secret = await create_scim_token(
            session, tenant_id=tenant.id, name="idp", expires_at=expires_at
        )
        return secret


@dataclass
class ScimWorld:
    tenant: Tenant
    admin: User  # the tenant's one admin, made by hand (no userName: SCIM shows the email)
    token: str
    other_tenant: Tenant
    other_user: User
    other_token: str


async def make_scim_world(database: Database) -> ScimWorld:
    tenant = await make_tenant(database, "acme")
    admin = await make_user(database, tenant, "Ada Admin", role=Role.ADMIN)
    other_tenant = await make_tenant(database, "globex")
    other_user = await make_user(database, other_tenant, "Gil Globex")
    return ScimWorld(
        tenant=tenant,
        admin=admin,
        token=await make_scim_token(database, tenant),
        other_tenant=other_tenant,
        other_user=other_user,
        other_token=await make_scim_token(database, other_tenant),
    )


@asynccontextmanager
async def scim_client(database: Database, token: str | None) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the whole app whose requests carry ``token`` (None: no Authorization)."""
    async with http_client(database) as client:
        if token is not None:
            client.headers.update(bearer(token))
        client.headers["Content-Type"] = SCIM
        yield client
