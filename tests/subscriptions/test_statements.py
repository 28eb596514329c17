"""In-process: an event costs the same few statements whatever the tenant holds (the
re-check is one), and between events a subscription holds no connection."""

import asyncio

from sqlalchemy import update

from db.enums import UserStatus
from db.models import User
from resolvers.context import RosterContext
from resolvers.events.source import InProcessBus
from resolvers.events.types import EventNotice
from resolvers.reader import Reader
from resolvers.subscriptions.caller_check import CallerCheck
from schemas.graph import plain_schemas
from tests.factories import caller_of, make_seat
from tests.graphql import StatementCounter
from tests.subscriptions.live_server import until
from tests.subscriptions.tokens import token_of
from tests.subscriptions.world import people

SEAT_MAP = "subscription { seatMapChanged { seat { label occupant { id } } } }"


async def test_a_seat_map_event_is_three_statements_and_no_connection_is_held(database):
    acme, ada, ben = await people(database)
    await make_seat(database, acme, "A-1", user=ben)
    token_id, _ = await token_of(database, ada)
    bus = InProcessBus()
    bus.attach(database)
    context = RosterContext(
        database=database,
        caller=caller_of(ada, acme),
        reader=Reader(database),
        events=bus,
        caller_check=CallerCheck(
            token_id=token_id, products=(), expires_at=None, recheck_seconds=30
        ),
    )
    stream = await plain_schemas()["composed"].subscribe(SEAT_MAP, context_value=context)
    first = asyncio.ensure_future(anext(stream))  # type: ignore[arg-type]
    try:
        await until(lambda: bus.open_count == 1)
        assert database.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
        # The change, written without its notice; the notice then given by hand, so that
        # only the subscription's own statements are counted.
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(User).where(User.id == ben.id).values(status=UserStatus.DEACTIVATED)
            )
        notice = EventNotice(tenant_id=acme.id, type="user.deactivated", user_id=ben.id)
        with StatementCounter(database) as counter:
            bus.dispatch(notice)
            async with asyncio.timeout(20):
                result = await first
        assert result.data == {"seatMapChanged": {"seat": {"label": "A-1", "occupant": None}}}
        # The re-check, the seat, the occupant.
        assert counter.count == 3, counter.statements
    finally:
        first.cancel()
        await stream.aclose()  # type: ignore[union-attr]
        await context.close()
    assert bus.open_count == 0
