"""The Redis server the bus tests use.

ROSTER_TEST_REDIS_URL when set (CI sets it): a server that does not answer then fails the
tests loudly, as a broken CI machine should. Unset, the local default
(redis://127.0.0.1:6379/0) is used when it answers, and the tests are skipped, saying
why, when it does not (a laptop without Redis).

Pub/sub channels are shared by every database number of a server, and other test runs
may use the same server at once: each test publishes under a channel prefix of its own
(ROSTER_EVENTS_CHANNEL_PREFIX), so it hears no one else's notices.
"""

import os
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as redis

REDIS_URL_VARIABLE = "ROSTER_TEST_REDIS_URL"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    configured = os.environ.get(REDIS_URL_VARIABLE)
    url = configured or LOCAL_REDIS
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        await client.ping()
    except (redis.RedisError, OSError) as error:
        if configured:
            pytest.fail(f"{REDIS_URL_VARIABLE}={configured} does not answer: {error}")
        pytest.skip(f"no Redis server answers at {LOCAL_REDIS} ({error}); set {REDIS_URL_VARIABLE}")
    finally:
        await client.aclose()
    yield url


@pytest.fixture
def channel_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}:"


async def kill_client(url: str, name: str) -> int:
    """CLIENT KILL the connection(s) named ``name``; answers how many were killed."""
    client = redis.Redis.from_url(url, decode_responses=True)
    try:
        ids = [entry["id"] for entry in await client.client_list() if entry.get("name") == name]
        for client_id in ids:
            await client.client_kill_filter(_id=client_id)
        return len(ids)
    finally:
        await client.aclose()
