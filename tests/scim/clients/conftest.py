"""roster under uvicorn with a tenant, an admin and a SCIM token: the server Okta, Entra ID
and the compliance tool talk to over real HTTP, on SQLite and PostgreSQL."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from db.engine import Database
from db.enums import Role
from db.models import Tenant, User
from tests.browser.harness import served_roster
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer
from tests.scim.world import make_scim_token

SCIM_JSON = "application/scim+json"


@dataclass
class LiveScim:
    """A served roster and who may call it."""

    database: Database
    url: str
    tenant: Tenant
    admin: User
    admin_token: str
    scim_token: str

    @property
    def scim_url(self) -> str:
        return f"{self.url}/scim/v2"

    def scim(self, **headers: str) -> httpx.AsyncClient:
        """An HTTP client of the SCIM endpoint with the tenant's SCIM token."""
        return httpx.AsyncClient(
            base_url=self.scim_url,
            headers={**bearer(self.scim_token), "Content-Type": SCIM_JSON, **headers},
            timeout=30,
        )

    async def graphql(self, query: str, token: str | None = None, **variables: Any) -> Any:
        """A GraphQL request as the admin (or ``token``'s owner); the whole answer."""
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as client:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers=bearer(token or self.admin_token),
            )
        return response.json()


@pytest.fixture
async def live_scim(database: Database, tmp_path: Path) -> AsyncIterator[LiveScim]:
    """roster served over the test's database (both backends), seeded with the tenant
    acme, its admin Ada and one SCIM token of acme; stopped by pid afterwards."""
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    admin_token = await make_token(database, admin)
    scim_token = await make_scim_token(database, acme)
    with served_roster(database, tmp_path) as url:
        yield LiveScim(database, url, acme, admin, admin_token, scim_token)
