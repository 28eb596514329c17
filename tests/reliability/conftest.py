"""A throwaway PostgreSQL database per test, for tests that only mean something there."""

from collections.abc import AsyncIterator

import pytest
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from tests.conftest import drop_postgres_database, make_postgres_database


@pytest.fixture
async def postgres(postgres_server_url: str) -> AsyncIterator[Database]:
    """A Database on a new PostgreSQL database with every table created and no rows."""
    url, name = await make_postgres_database(postgres_server_url)
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        yield database
    finally:
        await database.dispose()
        await drop_postgres_database(postgres_server_url, name)
