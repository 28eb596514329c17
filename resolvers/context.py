"""What every resolver of one request shares: the caller, the database and fresh loaders."""

from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from resolvers.events.source import EventSource
from resolvers.loaders.base import TenantLoader
from resolvers.reader import Reader
from resolvers.subscriptions.caller_check import CallerCheck
from resolvers.tokens import Caller

L = TypeVar("L", bound=TenantLoader)


@dataclass
class RosterContext:
    database: Database
    caller: Caller
    reader: Reader
    request: Any = None
    # The process' event bus, for subscriptions; None where nothing can subscribe.
    events: EventSource | None = None
    # An open subscription's caller, checked again on each event; None: never checked
    # again (a request, or a subscription executed in-process by a test).
    caller_check: CallerCheck | None = None
    _loaders: dict[type[TenantLoader], TenantLoader] = field(default_factory=dict)
    # What depends only on the operation (which fields a field selects), worked out once
    # per request rather than once per item of a list.
    memo: dict[Any, Any] = field(default_factory=dict)
    # A dry run's transaction, left open while the rest of its answer is read from it.
    _preview: AsyncSession | None = None

    @property
    def tenant_id(self) -> int:
        return self.caller.tenant_id

    def loader(self, loader_class: type[L]) -> L:
        """This request's instance of ``loader_class``, made on first use."""
        loader = self._loaders.get(loader_class)
        if loader is None:
            loader = self._loaders[loader_class] = loader_class(self.reader, self.tenant_id)
        return loader  # type: ignore[return-value]

    async def before_write(self) -> None:
        """Give the read connection back to the pool before taking a write connection.

        A request that held one while waiting for the other could starve the pool:
        under load every connection is held by a request waiting for a second one.
        A dry run still open is rolled back first: it holds a write connection (and on
        SQLite the write lock).
        """
        await self.end_preview()
        await self.reader.close()

    async def show_preview(self, session: AsyncSession) -> None:
        """Read the rest of this answer inside ``session``, a dry run's open transaction.

        Every field of the dry run's payload, nested ones and ones added later included,
        then sees what the real call would leave, not the rolled-back database: the
        loaders start afresh and read on the transaction's connection. The transaction
        rolls back when the request writes again or ends (``end_preview``).
        """
        await self.end_preview()
        self._loaders.clear()
        self._preview = session
        await self.reader.read_on(await session.connection())

    async def end_preview(self) -> None:
        """Roll the open dry run back, if any; what was read from it is forgotten."""
        session, self._preview = self._preview, None
        if session is None:
            return
        self._loaders.clear()
        await self.reader.close()
        try:
            await session.rollback()
        finally:
            await session.close()

    async def after_write(self) -> None:
        """Forget what this request read before a write committed."""
        self._loaders.clear()
        await self.reader.refresh()

    async def between_events(self) -> None:
        """An open subscription waits for its next event: what it read is forgotten (the
        next event reads afresh) and its connection goes back to the pool meanwhile."""
        self._loaders.clear()
        await self.reader.close()

    async def close(self) -> None:
        """The request is over: its connection goes back to the pool, and what it read
        is let go at once. graphql-core's executor, which keeps the context, lives in a
        reference cycle (it holds helpers bound to itself) that only the garbage
        collector frees; everything the loaders hold would wait for it too."""
        await self.end_preview()
        await self.reader.finish()
        self._loaders.clear()
        self.memo.clear()


def make_context(database: Database, caller: Caller, *, request: Any = None) -> RosterContext:
    return RosterContext(database=database, caller=caller, reader=Reader(database), request=request)
