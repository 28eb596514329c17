"""One process' open subscriptions, and the notices it gives them.

Every bus (in-process, PostgreSQL LISTEN/NOTIFY, Redis) ends here: it calls
``dispatch`` with each notice it receives, on the event loop's thread. A subscription
that falls ``queue_size`` notices behind is ended (``SubscriberTooSlow``) rather than
let memory grow without bound.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from resolvers.events.types import EventNotice

TenantHook = Callable[[int], Awaitable[None]]


class SubscriberTooSlow(Exception):
    """The subscription fell too far behind the notices of its tenant."""


class Subscription:
    """The notices of one tenant for one open subscription, in the order they came."""

    def __init__(self, tenant_id: int, queue_size: int) -> None:
        self.tenant_id = tenant_id
        self._queue: asyncio.Queue[EventNotice] = asyncio.Queue(queue_size)
        self._overflowed = False

    def _offer(self, notice: EventNotice) -> None:
        try:
            self._queue.put_nowait(notice)
        except asyncio.QueueFull:
            self._overflowed = True

    async def next(self) -> EventNotice:
        """The next notice, waiting for one; raises ``SubscriberTooSlow`` once the queue
        overflowed and what it held is used up."""
        if self._overflowed and self._queue.empty():
            raise SubscriberTooSlow("the subscription fell too far behind its events")
        return await self._queue.get()

    def __aiter__(self) -> "Subscription":
        return self

    async def __anext__(self) -> EventNotice:
        return await self.next()


class FanOut:
    """The open subscriptions of this process, by tenant. ``on_first`` runs before the
    first subscription of a tenant opens and ``on_last`` after its last one closes (the
    PostgreSQL bus LISTENs and UNLISTENs there)."""

    def __init__(
        self,
        *,
        queue_size: int = 1000,
        on_first: TenantHook | None = None,
        on_last: TenantHook | None = None,
    ) -> None:
        self.queue_size = queue_size
        self.on_first = on_first
        self.on_last = on_last
        self._subscriptions: dict[int, set[Subscription]] = {}

    @property
    def open_count(self) -> int:
        return sum(len(subscriptions) for subscriptions in self._subscriptions.values())

    @property
    def tenant_ids(self) -> list[int]:
        return list(self._subscriptions)

    def dispatch(self, notice: EventNotice) -> None:
        for subscription in self._subscriptions.get(notice.tenant_id, ()):
            subscription._offer(notice)

    def dispatch_committed(self, items: list[Any]) -> None:
        """A ``Database.commit_listeners`` entry: the notices a transaction announced."""
        for item in items:
            if isinstance(item, EventNotice):
                self.dispatch(item)

    @asynccontextmanager
    async def subscribe(self, tenant_id: int) -> AsyncIterator[Subscription]:
        subscription = Subscription(tenant_id, self.queue_size)
        if tenant_id not in self._subscriptions:
            self._subscriptions[tenant_id] = set()
            if self.on_first is not None:
                try:
                    await self.on_first(tenant_id)
                except BaseException:
                    if not self._subscriptions[tenant_id]:
                        del self._subscriptions[tenant_id]
                    raise
        self._subscriptions[tenant_id].add(subscription)
        try:
            yield subscription
        finally:
            subscriptions = self._subscriptions.get(tenant_id)
            if subscriptions is not None:
                subscriptions.discard(subscription)
                if not subscriptions:
                    del self._subscriptions[tenant_id]
                    if self.on_last is not None:
                        await self.on_last(tenant_id)
