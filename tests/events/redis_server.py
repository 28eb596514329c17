"""The Redis server the bus tests use.

ROSTER_TEST_REDIS_URL when set (CI sets it): a server that does not answer then fails the
tests loudly, as a broken CI machine should. Unset, a throwaway server of the suite's
own (tests/throwaway_redis.py), started the first time a test needs Redis and stopped
when the session ends: a fresh machine skips nothing (`make test` installs the binary).

Pub/sub channels are shared by every database number of a server, and other test runs
may use the same server at once: each test publishes under a channel prefix of its own
(ROSTER_EVENTS_CHANNEL_PREFIX), so it hears no one else's notices.
"""

import os
import uuid
from collections.abc import Iterator

import pytest
import redis.asyncio as redis
from redis import Redis as SyncRedis

from tests.throwaway_redis import throwaway_redis

REDIS_URL_VARIABLE = "ROSTER_TEST_REDIS_URL"


@pytest.fixture(scope="session")
def redis_server_url() -> Iterator[str]:
    configured = os.environ.get(REDIS_URL_VARIABLE)
    if not configured:
        with throwaway_redis() as url:
            yield url
        return
    client = SyncRedis.from_url(configured, socket_connect_timeout=3)
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        pytest.fail(f"{REDIS_URL_VARIABLE}={configured} does not answer: {error}")
    finally:
        client.close()
    yield configured


@pytest.fixture
def redis_url(redis_server_url: str) -> str:
    return redis_server_url


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
