"""What a process holds open, read at each scrape: the subscriptions open on its event
bus, and its database pool's connections."""

import httpx

from tests.factories import make_token
from tests.subscriptions.live_server import live_server, sse
from tests.subscriptions.world import MONITOR, people
from tests.telemetry.scrape import Scrape

SSE = {"endpoint": "api", "operation_name": "anonymous", "operation_type": "subscription"}


async def _scrape(base_url: str) -> Scrape:
    async with httpx.AsyncClient(base_url=base_url, timeout=20) as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    return Scrape(response.text)


async def test_open_subscriptions_and_the_pool_are_sampled_at_each_scrape(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    async with live_server(database) as server:
        idle = await _scrape(server.base_url)
        async with sse(server, MONITOR, token=token), sse(server, MONITOR, token=token):
            await server.wait_for_open(2)
            streaming = await _scrape(server.base_url)
        await server.wait_for_open(0)
        closed = await _scrape(server.base_url)
    assert idle.value("roster_subscriptions_active") == 0
    assert streaming.value("roster_subscriptions_active") == 2
    assert closed.value("roster_subscriptions_active") == 0
    # Nothing holds a connection between requests; the pool's size is the engine's.
    size = 5 if database.is_sqlite else 10
    for scrape in (idle, streaming, closed):
        assert scrape.value("roster_db_pool_checked_out") == 0
        assert scrape.value("roster_db_pool_size") == size
        assert scrape.value("roster_db_pool_overflow") == 0
    # Each stream is one request, counted once it ends.
    assert streaming.value("roster_requests_total", **SSE, transport="sse") == 0
    assert closed.value("roster_requests_total", **SSE, transport="sse") == 2
