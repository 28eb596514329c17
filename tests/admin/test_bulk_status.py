"""activateUsers / deactivateUsers: one result per id, in input order, each on its own."""

from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.graphql import data_of

BULK = """mutation($input: BulkUserStatusInput!) {{ {name}(input: $input) {{
  userErrors {{ code field message }}
  results {{ changed dryRun user {{ displayName status }} userErrors {{ code }} }} }} }}"""


async def test_each_id_succeeds_or_fails_on_its_own_in_input_order(database):
    world = await build_world(database)
    ids = [
        world.gid(world.ben),
        to_global_id("User", 999),
        world.gid(world.ada),
        world.gid(world.dee),
        world.gid(world.cai),
    ]
    data = await data_of(
        database, world.admin, BULK.format(name="deactivateUsers"), {"input": {"userIds": ids}}
    )
    assert data["deactivateUsers"] == {
        "userErrors": [],
        "results": [
            {
                "changed": True,
                "dryRun": False,
                "user": {"displayName": "Ben Bell", "status": "DEACTIVATED"},
                "userErrors": [],
            },
            {
                "changed": False,
                "dryRun": False,
                "user": None,
                "userErrors": [{"code": "NOT_FOUND"}],
            },
            {
                "changed": False,
                "dryRun": False,
                "user": None,
                "userErrors": [{"code": "CANNOT_DEACTIVATE_SELF"}],
            },
            {
                "changed": False,
                "dryRun": False,
                "user": {"displayName": "Dee Dunn", "status": "DEACTIVATED"},
                "userErrors": [],
            },
            {
                "changed": True,
                "dryRun": False,
                "user": {"displayName": "Cai Chen", "status": "DEACTIVATED"},
                "userErrors": [],
            },
        ],
    }
    back = await data_of(
        database,
        world.admin,
        BULK.format(name="activateUsers"),
        {"input": {"userIds": [world.gid(world.ben), world.gid(world.dee)], "dryRun": True}},
    )
    assert [
        (r["changed"], r["dryRun"], r["user"]["status"]) for r in back["activateUsers"]["results"]
    ] == [(True, True, "ACTIVE"), (True, True, "ACTIVE")]
    listing = await data_of(
        database,
        world.admin,
        "{ users(filter: {status: ACTIVE}) { edges { node { displayName } } } }",
    )
    assert listing == {"users": {"edges": [{"node": {"displayName": "Ada Admin"}}]}}


async def test_more_than_500_ids_is_refused_whole(database):
    world = await build_world(database)
    ids = [world.gid(world.ben)] * 501
    data = await data_of(
        database, world.admin, BULK.format(name="deactivateUsers"), {"input": {"userIds": ids}}
    )
    assert data["deactivateUsers"] == {
        "userErrors": [
            {
                "code": "INVALID_INPUT",
                "field": ["input", "userIds"],
                "message": "At most 500 ids at once; got 501.",
            }
        ],
        "results": [],
    }
