"""A request lets go of what it read when it ends, not when the garbage collector runs.

graphql-core's executor lives in a reference cycle (it holds helpers bound to itself)
and keeps the request's context; whatever the context's loaders read would wait for a
collection too, and a served process would then spend tens of milliseconds at once on
the leftovers of dozens of requests.
"""

import gc

from sqlalchemy import Row

from db.enums import Role
from resolvers.loaders.base import TenantLoader
from tests.factories import make_group, make_phone_number, make_tenant, make_token, make_user
from tests.http import bearer, http_client

USERS_PAGE = """{ users(first: 10) { edges { node {
  displayName phoneNumbers { number } groups { name } callHistory(first: 2) { totalCount }
} } } }"""


async def test_a_users_page_leaves_no_loader_and_no_row_for_the_garbage_collector(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    await make_phone_number(database, acme, "+81-3-0000-0002", user=ben)
    await make_group(database, acme, "Sales", [ada, ben])
    token = await make_token(database, ada)

    async with http_client(database) as client:
        gc.collect()
        gc.disable()  # what only the collector could free stays in memory, to be seen
        try:
            response = await client.post(
                "/graphql", json={"query": USERS_PAGE}, headers=bearer(token)
            )
            left = [o for o in gc.get_objects() if isinstance(o, TenantLoader | Row)]
        finally:
            gc.enable()

    assert response.json()["data"]["users"]["edges"][1]["node"] == {
        "displayName": "Ben Bell",
        "phoneNumbers": [{"number": "+81-3-0000-0002"}],
        "groups": [{"name": "Sales"}],
        "callHistory": {"totalCount": 0},
    }
    assert left == []
