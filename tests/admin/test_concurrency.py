"""Concurrent toggles of one user end in a state some serial order explains."""

import asyncio

from sqlalchemy import select

from db.models import User, UserStatusEvent, VideoIntegration
from tests.admin.world import build_world
from tests.graphql import data_of

TOGGLES = 50
MUTATION = """mutation($id: ID!) {{ {name}(input: {{userId: $id}}) {{
  changed removedVideoIntegrations {{ id }} userErrors {{ code }} }} }}"""


async def test_fifty_concurrent_toggles_serialize(database):
    world = await build_world(database)
    ben = world.gid(world.ben)
    names = ["deactivateUser" if i % 2 == 0 else "activateUser" for i in range(TOGGLES)]
    results = await asyncio.gather(
        *(data_of(database, world.admin, MUTATION.format(name=name), {"id": ben}) for name in names)
    )
    payloads = [result[name] for result, name in zip(results, names, strict=True)]
    assert all(p["userErrors"] == [] for p in payloads)

    async with database.session() as session:
        events = list(
            (
                await session.execute(
                    select(UserStatusEvent.action)
                    .where(UserStatusEvent.user_id == world.ben.id)
                    .order_by(UserStatusEvent.id)
                )
            ).scalars()
        )
        status = await session.scalar(select(User.status).where(User.id == world.ben.id))
        integrations = await session.scalar(
            select(VideoIntegration.id).where(VideoIntegration.user_id == world.ben.id)
        )

    # Exactly one event per real transition, alternating from ACTIVE, as a serial order gives.
    assert len(events) == sum(p["changed"] for p in payloads)
    assert events == [("DEACTIVATED" if i % 2 == 0 else "ACTIVATED") for i in range(len(events))]
    assert status == ("DEACTIVATED" if events and events[-1] == "DEACTIVATED" else "ACTIVE")
    # Ben's two integrations were deleted once, by the first deactivation, never again.
    removed = [i["id"] for p in payloads for i in p["removedVideoIntegrations"]]
    assert sorted(removed) == sorted([world.gid(world.zoom), world.gid(world.teams)])
    assert integrations is None
