"""The PostgreSQL bus: LISTEN/NOTIFY on a dedicated connection, across every process.

``resolvers.events.record.announce`` NOTIFYs inside the change's transaction and
PostgreSQL sends it at COMMIT (never for a rollback) to every session LISTENing on the
tenant's channel, this process' own listener included. So this bus takes nothing from
the commit hand-over: each notice arrives once, by NOTIFY.

The listener is a connection of its own, not one of SQLAlchemy's pool (a listener on a
pooled connection dies when the pool takes it back). A connection that dies quietly is
noticed only by using it, so a health check runs ``SELECT 1`` every
``health_check_seconds``; on a loss the bus reconnects with a doubling pause and
LISTENs again on the channel of every tenant with an open subscription. What is
NOTIFYed while no listener is connected is lost to open subscriptions (they are live
only; webhooks are the durable path, docs/events.md).
"""

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from gateway.events.not_started import BusNotStarted
from resolvers.events.fanout import FanOut
from resolvers.events.types import EventNotice, channel_for

logger = logging.getLogger(__name__)

# How the listener's session shows in pg_stat_activity (operators, and the tests, look
# for it there).
APPLICATION_NAME = "roster-events"


def asyncpg_dsn(database_url: str) -> str:
    """The plain libpq URL asyncpg takes, from SQLAlchemy's ``postgresql+asyncpg://``."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class PostgresBus(FanOut):
    def __init__(
        self,
        database_url: str,
        *,
        health_check_seconds: float = 5.0,
        health_check_timeout: float = 3.0,
        max_backoff_seconds: float = 10.0,
        queue_size: int = 1000,
    ) -> None:
        super().__init__(queue_size=queue_size, on_first=self._listen, on_last=self._unlisten)
        self._dsn = asyncpg_dsn(database_url)
        self.health_check_seconds = health_check_seconds
        self.health_check_timeout = health_check_timeout
        self.max_backoff_seconds = max_backoff_seconds
        self._connection: asyncpg.Connection | None = None
        self._listening: set[int] = set()
        # LISTEN, UNLISTEN and reconnecting take turns on the one connection.
        self._lock = asyncio.Lock()
        self._lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._started = False
        self.connections_made = 0

    @property
    def backend_pid(self) -> int | None:
        """The listener's server process (``pg_terminate_backend`` ends it), while connected."""
        connection = self._connection
        return connection.get_server_pid() if connection is not None else None

    @property
    def listening(self) -> frozenset[int]:
        """The tenants whose channel the current connection LISTENs on."""
        return frozenset(self._listening)

    async def start(self) -> None:
        """Connect (once, at once: a server that is down now is retried in the background)
        and watch the connection until ``stop``."""
        if self._started:
            return
        self._started = True
        try:
            await self._connect()
        except (OSError, asyncpg.PostgresError, TimeoutError) as error:
            logger.warning("events: cannot LISTEN on PostgreSQL yet (%s); retrying", error)
        self._task = asyncio.create_task(self._supervise(), name="roster-events-listener")

    async def stop(self) -> None:
        self._started = False
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._disconnect()

    def _receive(self, _connection: Any, _pid: int, channel: str, payload: str) -> None:
        notice = EventNotice.from_json(payload)
        if notice is None or channel != channel_for(notice.tenant_id):
            logger.warning("events: ignored a notification on %s that is no notice", channel)
            return
        self.dispatch(notice)

    def _terminated(self, _connection: Any) -> None:
        self._lost.set()

    async def _listen(self, tenant_id: int) -> None:
        if not self._started:
            raise BusNotStarted("the event bus was not started: the app's lifespan starts it")
        async with self._lock:
            connection = self._connection
            if connection is None:  # the supervisor LISTENs once it has reconnected
                return
            try:
                await connection.add_listener(channel_for(tenant_id), self._receive)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                logger.warning("events: LISTEN failed (%s); reconnecting", error)
                self._lost.set()
                return
            self._listening.add(tenant_id)

    async def _unlisten(self, tenant_id: int) -> None:
        async with self._lock:
            connection = self._connection
            if tenant_id not in self._listening or connection is None:
                return
            self._listening.discard(tenant_id)
            try:
                await connection.remove_listener(channel_for(tenant_id), self._receive)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                logger.warning("events: UNLISTEN failed (%s); reconnecting", error)
                self._lost.set()

    async def _connect(self) -> None:
        async with self._lock:
            connection = await asyncpg.connect(
                self._dsn,
                timeout=self.health_check_timeout,
                server_settings={"application_name": APPLICATION_NAME},
            )
            listened: set[int] = set()
            try:
                for tenant_id in self.tenant_ids:
                    await connection.add_listener(channel_for(tenant_id), self._receive)
                    listened.add(tenant_id)
            except BaseException:
                connection.terminate()
                raise
            connection.add_termination_listener(self._terminated)
            self._lost.clear()
            self._connection = connection
            self._listening = listened
            self.connections_made += 1

    async def _disconnect(self) -> None:
        async with self._lock:
            connection, self._connection = self._connection, None
            self._listening = set()
        if connection is not None and not connection.is_closed():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), self.health_check_timeout)
            if not connection.is_closed():
                connection.terminate()

    async def _healthy(self) -> bool:
        connection = self._connection
        if connection is None or connection.is_closed():
            return False
        try:
            await asyncio.wait_for(connection.fetchval("SELECT 1"), self.health_check_timeout)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
            return False
        return True

    async def _supervise(self) -> None:
        while True:
            if self._connection is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._lost.wait(), self.health_check_seconds)
                if not self._lost.is_set() and await self._healthy():
                    continue
                logger.warning(
                    "events: lost the PostgreSQL listener; reconnecting (open subscriptions "
                    "miss what commits until then)"
                )
                await self._disconnect()
            await self._reconnect()

    async def _reconnect(self) -> None:
        pause = min(0.1, self.max_backoff_seconds)
        failures = 0
        while True:
            try:
                await self._connect()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
                failures += 1
                logger.warning(
                    "events: PostgreSQL listener reconnect failed (%d in a row: %s); next "
                    "try in %.1f s",
                    failures,
                    error,
                    pause,
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, self.max_backoff_seconds)
                continue
            logger.info(
                "events: PostgreSQL listener connected again; LISTENing for %d tenant(s)",
                len(self._listening),
            )
            return
