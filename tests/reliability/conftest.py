"""A throwaway PostgreSQL database per test, for tests that only mean something there."""

from collections.abc import AsyncIterator

import pytest
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from tests.conftest import (
    POSTGRES_URL,
    SKIP_POSTGRES,
    drop_postgres_database,
    make_postgres_database,
)


@pytest.fixture
async def postgres() -> AsyncIterator[Database]:
    """A Database on a new PostgreSQL database with every table created and no rows."""
    if not POSTGRES_URL:
        pytest.skip(SKIP_POSTGRES)
    url, name = await make_postgres_database()
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        yield database
    finally:
        await database.dispose()
        await drop_postgres_database(name)
