"""An open subscription's notices: its tenant's, each let through only once the caller
was checked again."""

import asyncio
from collections.abc import AsyncGenerator

from db.types import utcnow
from resolvers.context import RosterContext
from resolvers.events.types import EventNotice


async def checked_notices(context: RosterContext) -> AsyncGenerator[EventNotice, None]:
    """The notices of the caller's tenant from now on. Before each one, and whenever
    the caller check is due with no notice (every ``recheck_seconds``, and when the token
    expires), the caller is checked again: ``CallerRefused`` ends the stream. Between
    notices the context holds no connection and no loaded data."""
    events = context.events
    if events is None:
        raise RuntimeError("this endpoint has no event bus to subscribe to")
    check = context.caller_check
    async with events.subscribe(context.tenant_id) as subscription:
        while True:
            await context.between_events()
            wait = check.seconds_to_next_check(utcnow()) if check is not None else None
            notice: EventNotice | None
            try:
                notice = await asyncio.wait_for(subscription.next(), wait)
            except TimeoutError:
                notice = None
            if check is not None:
                await check.ensure(context.database, now=utcnow())
            if notice is not None and notice.tenant_id == context.tenant_id:
                yield notice
