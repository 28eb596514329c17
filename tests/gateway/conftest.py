"""Fixtures the HTTP-layer tests share."""

import asyncio
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from db.engine import Database
from gateway.cli import app
from gateway.settings import get_settings
from tests.gateway.admin_and_ben import admin_and_ben


@pytest.fixture
async def world(database: Database) -> dict[str, Any]:
    """An admin's token and Ben, a member of the same tenant."""
    return await admin_and_ben(database)


@pytest.fixture
def roster(database, monkeypatch):
    """Runs ``roster ...`` against the test's database (in a thread: the CLI runs its own
    event loop)."""
    monkeypatch.setenv("ROSTER_DATABASE_URL", database.url)
    get_settings.cache_clear()
    runner = CliRunner()

    async def run(*arguments: str) -> Result:
        return await asyncio.to_thread(runner.invoke, app, list(arguments))

    yield run
    get_settings.cache_clear()
