"""Which event bus a process runs, by its settings (docs/events.md).

- ROSTER_EVENTS_URL=redis://...: Redis pub/sub (``redis_bus.py``), whatever the database;
- else, on PostgreSQL: LISTEN/NOTIFY on a dedicated connection (``postgres.py``);
- else (SQLite, the embedded setup): this process alone (``EmbeddedBus``).

A process that writes but serves no subscriptions (``roster worker``, a CLI command)
runs ``publishing`` instead, so its changes reach the subscriptions of the others.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from db.engine import Database
from gateway.events.postgres import PostgresBus
from gateway.events.redis_bus import RedisBus
from gateway.events.redis_publisher import RedisPublisher
from gateway.settings import Settings
from resolvers.events.source import EventSource, InProcessBus


class EventBus(EventSource, Protocol):
    """A bus the app starts with its lifespan and stops after it."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class EmbeddedBus(InProcessBus):
    """The in-process bus as the app runs it: nothing to start or stop."""

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


def event_bus_for(settings: Settings, database: Database) -> EventBus:
    """The bus for ``database`` and ROSTER_EVENTS_URL, attached to ``database``'s commits
    where it needs them (the PostgreSQL bus needs none: NOTIFY is sent by the commit)."""
    events_url = settings.events_url.get_secret_value()
    if events_url:
        redis_bus = RedisBus(events_url, channel_prefix=settings.events_channel_prefix)
        redis_bus.attach(database)
        return redis_bus
    if not database.is_sqlite:
        return PostgresBus(database.url)
    bus = EmbeddedBus()
    bus.attach(database)
    return bus


def crosses_processes(settings: Settings) -> bool:
    """Whether a change made in one process reaches the subscriptions of another."""
    return bool(settings.events_url.get_secret_value()) or not settings.database_url.startswith(
        "sqlite"
    )


@asynccontextmanager
async def publishing(settings: Settings | None, database: Database) -> AsyncIterator[None]:
    """For as long as the block runs, what ``database`` commits reaches the subscriptions
    of every process: published to Redis when ROSTER_EVENTS_URL names it. On PostgreSQL
    without it, NOTIFY already travels with each commit; on SQLite without it, no other
    process can hear this one (``roster serve`` and ``roster worker`` warn)."""
    events_url = settings.events_url.get_secret_value() if settings is not None else ""
    if settings is None or not events_url:
        yield
        return
    publisher = RedisPublisher(events_url, channel_prefix=settings.events_channel_prefix)
    publisher.attach(database)
    await publisher.start()
    try:
        yield
    finally:
        database.commit_listeners.remove(publisher.publish_committed)
        await publisher.stop()
