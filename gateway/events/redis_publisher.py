"""Publishing committed notices to Redis, for every process that writes.

A commit listener (``Database.commit_listeners``) runs on the event loop's thread
inside SQLAlchemy's commit hook, so it must not wait on the network: it only queues
the committed notices; a task PUBLISHes them in commit order on each tenant's
channel. While Redis is down the task retries with a doubling pause and the queue
holds up to ``max_pending`` notices (the oldest are dropped beyond that: subscriptions
are live only; webhooks, read from the outbox table, lose nothing). ``stop`` first
waits a little for the queue to drain, so a command that exits right after its
commit still publishes it.
"""

import asyncio
import contextlib
import logging
from collections import deque
from typing import Any

import redis.asyncio as redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from db.engine import Database
from resolvers.events.types import EventNotice, channel_for

logger = logging.getLogger(__name__)


def redis_client(url: str, *, name: str, timeout: float) -> "redis.Redis":
    """A client that fails fast (no silent retries inside redis-py): the buses reconnect
    themselves and say so in the log."""
    return redis.Redis.from_url(
        url,
        client_name=name,
        socket_connect_timeout=timeout,
        socket_keepalive=True,
        retry=Retry(NoBackoff(), 0),
    )


class RedisPublisher:
    def __init__(
        self,
        url: str,
        *,
        channel_prefix: str = "",
        client_name: str = "roster-events-publisher",
        timeout: float = 3.0,
        max_backoff_seconds: float = 10.0,
        max_pending: int = 10_000,
    ) -> None:
        self._client = redis_client(url, name=client_name, timeout=timeout)
        self.channel_prefix = channel_prefix
        self.timeout = timeout
        self.max_backoff_seconds = max_backoff_seconds
        self._pending: deque[EventNotice] = deque(maxlen=max_pending)
        self._queued = asyncio.Event()
        self._drained = asyncio.Event()
        self._drained.set()
        self._task: asyncio.Task[None] | None = None
        self.published = 0
        self.dropped = 0

    @property
    def pending(self) -> int:
        """How many committed notices wait to be published."""
        return len(self._pending)

    def attach(self, database: Database) -> None:
        database.commit_listeners.append(self.publish_committed)

    def publish_committed(self, items: list[Any]) -> None:
        """A commit listener: queue the notices a transaction announced."""
        for item in items:
            if not isinstance(item, EventNotice):
                continue
            if len(self._pending) == self._pending.maxlen:
                self.dropped += 1
                logger.warning(
                    "events: %d notice(s) queued for Redis, dropping the oldest", len(self._pending)
                )
            self._pending.append(item)
            self._drained.clear()
            self._queued.set()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="roster-events-publisher")

    async def stop(self, *, flush_seconds: float = 5.0) -> None:
        """Publish what is queued (waiting at most ``flush_seconds``), then stop."""
        task, self._task = self._task, None
        if task is not None:
            try:
                await asyncio.wait_for(self._drained.wait(), flush_seconds)
            except TimeoutError:
                logger.warning(
                    "events: stopped with %d notice(s) not published to Redis",
                    len(self._pending),
                )
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._client.aclose()

    async def _run(self) -> None:
        pause = 0.1
        failing = False
        while True:
            if not self._pending:
                self._drained.set()
                self._queued.clear()
                await self._queued.wait()
                continue
            notice = self._pending[0]
            try:
                await asyncio.wait_for(
                    self._client.publish(
                        self.channel_prefix + channel_for(notice.tenant_id), notice.to_json()
                    ),
                    self.timeout,
                )
            except (redis.RedisError, OSError, TimeoutError) as error:
                if not failing:
                    logger.warning("events: cannot PUBLISH to Redis (%s); retrying", error)
                failing = True
                await asyncio.sleep(pause)
                pause = min(pause * 2, self.max_backoff_seconds)
                continue
            if failing:
                logger.info("events: publishing to Redis again")
            failing, pause = False, 0.1
            if self._pending and self._pending[0] is notice:
                self._pending.popleft()
            self.published += 1
