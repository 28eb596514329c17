"""activateUsers / deactivateUsers: one result per id, in input order, each on its own."""

from db.enums import Role
from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.factories import caller_of, make_user
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


BULK_ERRORS = """mutation($input: BulkUserStatusInput!) {{ {name}(input: $input) {{
  results {{ changed user {{ status }} userErrors {{ code field }} }} }} }}"""


async def test_a_dry_run_previews_the_batch_as_it_would_run_not_each_id_alone(database):
    world = await build_world(database)
    dee = world.gid(world.dee)
    variables = {"input": {"userIds": [dee, dee], "dryRun": True}}
    preview = await data_of(
        database, world.admin, BULK_ERRORS.format(name="activateUsers"), variables
    )
    real = await data_of(
        database,
        world.admin,
        BULK_ERRORS.format(name="activateUsers"),
        {"input": {"userIds": [dee, dee]}},
    )
    expected = {
        "activateUsers": {
            "results": [
                {"changed": True, "user": {"status": "ACTIVE"}, "userErrors": []},
                {"changed": False, "user": {"status": "ACTIVE"}, "userErrors": []},
            ]
        }
    }
    assert preview == expected
    assert real == expected


async def test_each_error_names_the_index_of_the_id_it_is_about(database):
    world = await build_world(database)
    ids = [world.gid(world.ben), to_global_id("User", 999), world.gid(world.ada), "nonsense"]
    expected = {
        "deactivateUsers": {
            "results": [
                {"changed": True, "user": {"status": "DEACTIVATED"}, "userErrors": []},
                {
                    "changed": False,
                    "user": None,
                    "userErrors": [{"code": "NOT_FOUND", "field": ["input", "userIds", "1"]}],
                },
                {
                    "changed": False,
                    "user": None,
                    "userErrors": [
                        {"code": "CANNOT_DEACTIVATE_SELF", "field": ["input", "userIds", "2"]}
                    ],
                },
                {
                    "changed": False,
                    "user": None,
                    "userErrors": [{"code": "NOT_FOUND", "field": ["input", "userIds", "3"]}],
                },
            ]
        }
    }
    for dry_run in (True, False):
        data = await data_of(
            database,
            world.admin,
            BULK_ERRORS.format(name="deactivateUsers"),
            {"input": {"userIds": ids, "dryRun": dry_run}},
        )
        assert data == expected, f"dryRun: {dry_run}"


async def test_a_dry_run_counts_the_earlier_ids_for_the_last_admin_guard(database):
    world = await build_world(database)
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    fay = await make_user(database, world.acme, "Fay Admin", role=Role.ADMIN)
    acting = world.admin
    # Ada's request authenticated just before another deactivated her: Eve and Fay are
    # the tenant's active admins, so the batch may take one of them, not both.
    await data_of(
        database,
        caller_of(eve, world.acme),
        BULK_ERRORS.format(name="deactivateUsers"),
        {"input": {"userIds": [world.gid(world.ada)]}},
    )
    ids = [to_global_id("User", eve.id), to_global_id("User", fay.id)]
    expected = {
        "deactivateUsers": {
            "results": [
                {"changed": True, "user": {"status": "DEACTIVATED"}, "userErrors": []},
                {
                    "changed": False,
                    "user": None,
                    "userErrors": [{"code": "LAST_ADMIN", "field": ["input", "userIds", "1"]}],
                },
            ]
        }
    }
    for dry_run in (True, False):
        data = await data_of(
            database,
            acting,
            BULK_ERRORS.format(name="deactivateUsers"),
            {"input": {"userIds": ids, "dryRun": dry_run}},
        )
        assert data == expected, f"dryRun: {dry_run}"
