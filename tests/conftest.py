"""Shared fixtures: a fresh database per test, on SQLite and PostgreSQL."""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table)
from db.engine import Database

# One Redis server for the run (ROSTER_TEST_REDIS_URL's, else a throwaway one).
from tests.events.redis_server import redis_server_url  # noqa: F401
from tests.throwaway_postgres import MISSING_BINARIES, server_binaries, throwaway_postgres

POSTGRES_URL_VARIABLE = "ROSTER_TEST_POSTGRES_URL"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: the test runs on PostgreSQL")


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """The server the suite makes its PostgreSQL databases on.

    ROSTER_TEST_POSTGRES_URL when set (CI's machine server), else a throwaway server of
    the suite's own, started the first time a test needs PostgreSQL (so a run that needs
    none starts none) and removed when the session ends.
    """
    configured = os.environ.get(POSTGRES_URL_VARIABLE)
    if configured:
        yield configured
        return
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(MISSING_BINARIES)
    with throwaway_postgres(binaries) as server:
        yield server.url


def postgres_server_url_for(request: pytest.FixtureRequest) -> str:
    """``postgres_server_url`` for a fixture that needs PostgreSQL for some params only."""
    url: str = request.getfixturevalue("postgres_server_url")
    return url


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def make_postgres_database(server_url: str) -> tuple[str, str]:
    """A new empty database on the test server: (url, name)."""
    name = f"roster_t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return _with_database(server_url, name), name


async def drop_postgres_database(server_url: str, name: str) -> None:
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@asynccontextmanager
async def empty_database(
    backend: str, request: pytest.FixtureRequest, path: Path
) -> AsyncIterator[Database]:
    """A Database with every table created and no rows: a SQLite file at ``path``, or a
    new database on the suite's PostgreSQL server, dropped afterwards."""
    server_url = name = None
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{path}"
    else:
        server_url = postgres_server_url_for(request)
        url, name = await make_postgres_database(server_url)
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        yield database
    finally:
        await database.dispose()
        if server_url is not None and name is not None:
            await drop_postgres_database(server_url, name)


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A Database with every table created and no rows, on each backend."""
    async with empty_database(request.param, request, tmp_path / "roster.db") as database:
        yield database


@pytest.fixture
async def twin_database(
    database: Database, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Database]:
    """A second empty database on the backend of ``database``: two worlds built the same
    way in the two get the same ids (a PostgreSQL sequence is not rolled back, so one
    database could not give a second run the ids the first one saw)."""
    backend = "sqlite" if database.is_sqlite else "postgres"
    async with empty_database(backend, request, tmp_path / "twin.db") as twin:
        yield twin


@pytest.fixture(params=BACKENDS)
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a database with no tables at all: a new SQLite file or PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'roster.db'}"
        return
    server_url = postgres_server_url_for(request)
    url, name = await make_postgres_database(server_url)
    try:
        yield url
    finally:
        await drop_postgres_database(server_url, name)
