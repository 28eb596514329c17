from db.engine import Database
from tests.http import http_client


async def test_healthz_and_readyz_when_the_database_is_reachable(database):
    async with http_client(database) as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ok", "database": "reachable"})


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path):
    unreachable = Database(f"sqlite+aiosqlite:///{tmp_path}/missing-dir/roster.db")
    try:
        async with http_client(unreachable) as client:
            ready = await client.get("/readyz")
            health = await client.get("/healthz")
    finally:
        await unreachable.dispose()
    assert (ready.status_code, ready.json()) == (
        503,
        {"status": "unavailable", "database": "unreachable"},
    )
    assert health.status_code == 200
