"""A cancelled waiter does not cancel the batch other waiters of the same key share."""

import asyncio

from db.enums import Role
from resolvers.loaders.admin import UserByIdLoader
from resolvers.reader import Reader
from tests.factories import make_tenant, make_user


async def test_cancelling_one_waiter_leaves_the_shared_load_to_the_others(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    reader = Reader(database)
    try:
        loader = UserByIdLoader(reader, acme.id)
        cancelled = asyncio.ensure_future(loader.load(ada.id))
        survivor = asyncio.ensure_future(loader.load(ada.id))
        await asyncio.sleep(0)
        cancelled.cancel()
        row = await survivor
        assert cancelled.cancelled()
        assert (row.id, row.display_name) == (ada.id, "Ada Admin")
    finally:
        await reader.close()
