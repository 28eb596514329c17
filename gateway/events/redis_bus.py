"""The Redis bus (ROSTER_EVENTS_URL=redis://...): pub/sub on each tenant's channel.

Every process publishes what its transactions commit (``redis_publisher.py``) and
subscribes, on one pub/sub connection, to the channel of each tenant it holds open
subscriptions for (SUBSCRIBE with the tenant's first, UNSUBSCRIBE after its last). A
process' own notices come back through Redis like everyone else's, so each arrives
once. The connection is checked by a PING every ``health_check_seconds`` (an answer
must come within ``health_check_timeout``); on a loss the bus reconnects with a
doubling pause and SUBSCRIBEs again to every open tenant. What is published while it
is disconnected does not reach its subscriptions (live only, docs/events.md).
"""

import asyncio
import contextlib
import logging
import uuid
from typing import Any

import redis.asyncio as redis
from redis.asyncio.client import PubSub

from db.engine import Database
from gateway.events.not_started import BusNotStarted
from gateway.events.redis_publisher import RedisPublisher, redis_client
from resolvers.events.fanout import FanOut
from resolvers.events.types import EventNotice, channel_for

logger = logging.getLogger(__name__)

_HEALTH_MESSAGE = b"roster-events-health"
_ERRORS = (redis.RedisError, OSError, TimeoutError)


class RedisBus(FanOut):
    def __init__(
        self,
        url: str,
        *,
        channel_prefix: str = "",
        health_check_seconds: float = 5.0,
        health_check_timeout: float = 3.0,
        max_backoff_seconds: float = 10.0,
        queue_size: int = 1000,
    ) -> None:
        super().__init__(queue_size=queue_size, on_first=self._subscribe, on_last=self._unsubscribe)
        # Its own name, so an operator (or a test) can tell this connection in CLIENT LIST.
        self.client_name = f"roster-events-{uuid.uuid4().hex[:12]}"
        self._client = redis_client(url, name=self.client_name, timeout=health_check_timeout)
        self.publisher = RedisPublisher(
            url, channel_prefix=channel_prefix, timeout=health_check_timeout
        )
        self.channel_prefix = channel_prefix
        self.health_check_seconds = health_check_seconds
        self.health_check_timeout = health_check_timeout
        self.max_backoff_seconds = max_backoff_seconds
        self._pubsub: PubSub | None = None
        self._subscribed: set[int] = set()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._started = False
        self.connections_made = 0

    def attach(self, database: Database) -> None:
        """Publish what ``database``'s transactions commit."""
        self.publisher.attach(database)

    @property
    def subscribed(self) -> frozenset[int]:
        """The tenants whose channel the current connection is SUBSCRIBEd to."""
        return frozenset(self._subscribed)

    async def start(self) -> None:
        if self._started:
            return
        self._started = True
        await self.publisher.start()
        try:
            await self._connect()
        except _ERRORS as error:
            logger.warning("events: cannot SUBSCRIBE on Redis yet (%s); retrying", error)
        self._task = asyncio.create_task(self._supervise(), name="roster-events-subscriber")

    async def stop(self) -> None:
        self._started = False
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._disconnect()
        await self.publisher.stop()
        await self._client.aclose()

    async def _subscribe(self, tenant_id: int) -> None:
        if not self._started:
            raise BusNotStarted("the event bus was not started: the app's lifespan starts it")
        async with self._lock:
            if self._pubsub is None:  # the supervisor SUBSCRIBEs once it has reconnected
                return
            try:
                await self._pubsub.subscribe(self._channel(tenant_id))
            except _ERRORS as error:
                logger.warning("events: SUBSCRIBE failed (%s); reconnecting", error)
                return
            self._subscribed.add(tenant_id)

    async def _unsubscribe(self, tenant_id: int) -> None:
        async with self._lock:
            if self._pubsub is None or tenant_id not in self._subscribed:
                return
            self._subscribed.discard(tenant_id)
            with contextlib.suppress(*_ERRORS):
                await self._pubsub.unsubscribe(self._channel(tenant_id))

    async def _connect(self) -> None:
        async with self._lock:
            pubsub = self._client.pubsub()
            subscribed: set[int] = set()
            try:
                await asyncio.wait_for(pubsub.connect(), self.health_check_timeout)
                for tenant_id in self.tenant_ids:
                    await pubsub.subscribe(self._channel(tenant_id))
                    subscribed.add(tenant_id)
            except BaseException:
                with contextlib.suppress(*_ERRORS):
                    await pubsub.aclose()
                raise
            self._pubsub = pubsub
            self._subscribed = subscribed
            self.connections_made += 1

    async def _disconnect(self) -> None:
        async with self._lock:
            pubsub, self._pubsub = self._pubsub, None
            self._subscribed = set()
        if pubsub is not None:
            with contextlib.suppress(*_ERRORS):
                await asyncio.wait_for(pubsub.aclose(), self.health_check_timeout)

    def _channel(self, tenant_id: int) -> str:
        return self.channel_prefix + channel_for(tenant_id)

    def _receive(self, message: dict[str, Any]) -> None:
        if message.get("type") != "message":
            return
        notice = EventNotice.from_json(message["data"])
        channel = message.get("channel")
        if notice is None or channel != self._channel(notice.tenant_id).encode():
            logger.warning("events: ignored a Redis message on %r that is no notice", channel)
            return
        self.dispatch(notice)

    async def _read_until_lost(self, pubsub: PubSub) -> None:
        """Dispatch messages until the connection fails or stops answering PINGs."""
        loop = asyncio.get_running_loop()
        heard = loop.time()
        pinged: float | None = None
        while True:
            now = loop.time()
            if pinged is None and now - heard >= self.health_check_seconds:
                await pubsub.ping(_HEALTH_MESSAGE)
                pinged = now
            if pinged is not None and now - pinged > self.health_check_timeout:
                raise TimeoutError("no answer to PING")
            message = await pubsub.get_message(timeout=min(1.0, self.health_check_timeout))
            if message is None:
                continue
            heard, pinged = loop.time(), None
            self._receive(message)

    async def _supervise(self) -> None:
        while True:
            pubsub = self._pubsub
            if pubsub is not None:
                try:
                    await self._read_until_lost(pubsub)
                except _ERRORS as error:
                    logger.warning(
                        "events: lost the Redis subscriber connection (%s); reconnecting "
                        "(open subscriptions miss what is published until then)",
                        error,
                    )
                await self._disconnect()
            await self._reconnect()

    async def _reconnect(self) -> None:
        pause = min(0.1, self.max_backoff_seconds)
        failures = 0
        while True:
            try:
                await self._connect()
            except _ERRORS as error:
                failures += 1
                logger.warning(
                    "events: Redis subscriber reconnect failed (%d in a row: %s); next try "
                    "in %.1f s",
                    failures,
                    error,
                    pause,
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, self.max_backoff_seconds)
                continue
            logger.info(
                "events: Redis subscriber connected again; SUBSCRIBEd for %d tenant(s)",
                len(self._subscribed),
            )
            return
