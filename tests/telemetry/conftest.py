"""Fixtures the observability tests share."""

from typing import Any

import pytest

from db.engine import Database
from tests.gateway.admin_and_ben import admin_and_ben


@pytest.fixture
async def world(database: Database) -> dict[str, Any]:
    """An admin's token and Ben, a member of the same tenant."""
    return await admin_and_ben(database)
