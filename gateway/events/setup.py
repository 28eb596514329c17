"""Which event bus a process runs, by its settings."""

from typing import Protocol

from db.engine import Database
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
    """The bus for ``database``: the in-process one for the embedded setup."""
    bus = EmbeddedBus()
    bus.attach(database)
    return bus
