"""On SQLite, a write that finds the database locked retries instead of failing the request."""

import asyncio
import sqlite3
import threading

import pytest

from db.engine import Database
from tests.admin.world import build_world
from tests.graphql import data_of

HOLD_SECONDS = 0.6


@pytest.mark.parametrize("dry_run", [False, True], ids=["real", "dry-run"])
async def test_a_locked_database_delays_the_deactivation_instead_of_failing_it(tmp_path, dry_run):
    url = f"sqlite+aiosqlite:///{tmp_path}/roster.db"
    setup = Database(url)
    from sqlmodel import SQLModel

    async with setup.engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    world = await build_world(setup)
    await setup.dispose()

    # Waits only 50 ms for a lock: the other writer holds it 12 times longer.
    database = Database(url, sqlite_busy_timeout_ms=50)
    locked = threading.Event()

    def hold_the_write_lock() -> None:
        other = sqlite3.connect(tmp_path / "roster.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        locked.set()
        threading.Event().wait(HOLD_SECONDS)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    await asyncio.to_thread(locked.wait)
    try:
        data = await data_of(
            database,
            world.admin,
            """mutation($id: ID!, $dryRun: Boolean) {
              deactivateUser(input: {userId: $id, dryRun: $dryRun}) {
                changed user { status } userErrors { code } } }""",
            {"id": world.gid(world.ben), "dryRun": dry_run},
        )
        status = await data_of(
            database,
            world.admin,
            "query($id: ID!) { user(id: $id) { status } }",
            {"id": world.gid(world.ben)},
        )
    finally:
        await asyncio.to_thread(holder.join)
        await database.dispose()
    assert data == {
        "deactivateUser": {"changed": True, "user": {"status": "DEACTIVATED"}, "userErrors": []}
    }
    assert status == {"user": {"status": "ACTIVE" if dry_run else "DEACTIVATED"}}
