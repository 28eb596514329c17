"""Fixtures of the SCIM door's tests (tests/scim/door/)."""

from collections.abc import AsyncIterator

import httpx
import pytest

from db.engine import Database
from tests.scim.world import ScimWorld, make_scim_world, scim_client


@pytest.fixture
async def world(database: Database) -> ScimWorld:
    return await make_scim_world(database)


@pytest.fixture
async def scim(database: Database, world: ScimWorld) -> AsyncIterator[httpx.AsyncClient]:
    """The door, as acme's identity provider calls it."""
    async with scim_client(database, world.token) as client:
        yield client
