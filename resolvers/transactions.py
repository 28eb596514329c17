"""The one way a request writes: one transaction, retried whole on lock contention."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import Database
from resolvers.context import RosterContext
from resolvers.observe import mark_dry_run
from resolvers.retry import retry_on_lock

T = TypeVar("T")


async def write_transaction(
    context: RosterContext,
    work: Callable[[AsyncSession], Awaitable[T]],
    *,
    dry_run: bool = False,
) -> T:
    """Run ``work`` in one write transaction of this request and answer what it returns.

    The request gives its read connection back first (DESIGN.md: a request holding one
    while it waits for a write connection could starve the pool). If SQLite reports the
    database locked, the whole transaction is rolled back and run again. Anything
    ``work`` raises (a ``UserErrorRaised`` too) rolls everything back and propagates.

    A real run commits, and the request then forgets what it read before. A dry run
    commits nothing: its transaction stays open as the request's view of the database
    while the rest of the answer is read (``RosterContext.show_preview``), so every
    field of the preview shows what the real call would leave; it is rolled back when
    the request writes again or ends.
    """
    await context.before_write()

    async def attempt() -> T:
        session = context.database.write_sessions()
        try:
            await session.begin()
            if dry_run:
                mark_dry_run(session)
            result = await work(session)
            if dry_run:
                await session.flush()
            else:
                await session.commit()
        except BaseException:
            try:
                await session.rollback()
            finally:
                await session.close()
            raise
        if dry_run:
            await context.show_preview(session)
        else:
            await session.close()
        return result

    result = await retry_on_lock(attempt)
    if not dry_run:
        await context.after_write()
    return result


async def system_transaction(database: Database, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one write transaction of the system acting without a request (the
    scheduler, provisioning) and answer what it returns: committed, or rolled back on any
    exception, which propagates; retried whole while SQLite reports the database locked."""

    async def attempt() -> T:
        async with database.write_sessions() as session, session.begin():
            return await work(session)

    return await retry_on_lock(attempt)
