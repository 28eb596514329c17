"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL."""

import os
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database

POSTGRES_URL = os.environ.get("ROSTER_TEST_POSTGRES_URL")
SKIP_POSTGRES = "PostgreSQL tests need ROSTER_TEST_POSTGRES_URL (CI sets it; see README)"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres",
        id="postgres",
        marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=SKIP_POSTGRES)],
    ),
]


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def make_postgres_database() -> tuple[str, str]:
    """A new empty database on the test server: (url, name)."""
    assert POSTGRES_URL is not None
    name = f"roster_t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return _with_database(POSTGRES_URL, name), name


async def drop_postgres_database(name: str) -> None:
    assert POSTGRES_URL is not None
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: object) -> AsyncIterator[Database]:
    """A Database with every table created and no rows, on each backend."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path}/roster.db"
        name = None
    else:
        url, name = await make_postgres_database()
    database = Database(url)
    async with database.engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    try:
        yield database
    finally:
        await database.dispose()
        if name is not None:
            await drop_postgres_database(name)
