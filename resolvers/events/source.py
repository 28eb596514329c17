"""What a subscription resolver needs of the event bus, whichever bus runs."""

from contextlib import AbstractAsyncContextManager
from typing import Protocol

from db.engine import Database
from resolvers.events.fanout import FanOut, Subscription


class EventSource(Protocol):
    def subscribe(self, tenant_id: int) -> AbstractAsyncContextManager[Subscription]:
        """The tenant's notices from now on, for as long as the context is open."""
        ...


class InProcessBus(FanOut):
    """The embedded setup's bus (SQLite, one process): a committed transaction's notices
    go straight to this process' subscriptions."""

    def attach(self, database: Database) -> None:
        """Take the notices of every transaction ``database`` commits."""
        database.commit_listeners.append(self.dispatch_committed)
