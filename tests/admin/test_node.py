"""node(id:): any object of the caller's tenant; private objects only for admins or their user."""

from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of, execute

NODE = """query($id: ID!) { node(id: $id) { __typename id
  ... on User { displayName } ... on VideoIntegration { provider }
  ... on UserStatusEvent { action } ... on IncomingCallRule { name } } }"""
DEACTIVATE = "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }"


async def test_node_returns_each_kind_of_the_callers_tenant(database):
    world = await build_world(database)
    for row, expected in [
        (world.ben, {"__typename": "User", "displayName": "Ben Bell"}),
        (world.zoom, {"__typename": "VideoIntegration", "provider": "ZOOM"}),
        (world.main_line, {"__typename": "IncomingCallRule", "name": "Main line"}),
    ]:
        data = await data_of(database, world.admin, NODE, {"id": world.gid(row)})
        assert data == {"node": {"id": world.gid(row), **expected}}


async def test_private_nodes_are_forbidden_to_other_members_and_deleted_ones_are_gone(database):
    world = await build_world(database)
    zoom = world.gid(world.zoom)
    ben_caller = caller_of(world.ben, world.acme)
    own = await data_of(database, ben_caller, NODE, {"id": zoom})
    assert own == {"node": {"__typename": "VideoIntegration", "id": zoom, "provider": "ZOOM"}}
    other = await execute(database, world.member, NODE, {"id": zoom})
    assert other.data == {"node": None}
    assert [(e.message, e.extensions) for e in other.errors] == [
        ("Only an admin may see this.", {"code": "FORBIDDEN"})
    ]
    await data_of(database, world.admin, DEACTIVATE, {"id": world.gid(world.ben)})
    gone = await data_of(database, world.admin, NODE, {"id": zoom})
    assert gone == {"node": None}


async def test_ids_of_other_tenants_types_or_shapes_are_null(database):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    stranger = await make_user(database, globex, "Sam Stranger")
    for global_id in [
        to_global_id("User", stranger.id),
        to_global_id("Nope", world.ben.id),
        to_global_id("User", 10**9),
        "not base64!",
    ]:
        assert await data_of(database, world.admin, NODE, {"id": global_id}) == {"node": None}


async def test_admin_entities_resolve_by_reference_within_the_tenant(database):
    world = await build_world(database)
    query = """query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on PhoneNumber { number } ... on IncomingCallRule { name } ... on UserGroup { name } } }"""
    phone_id = to_global_id("PhoneNumber", world.main_line.phone_number_id)
    reps = [
        {"__typename": "PhoneNumber", "id": phone_id},
        {"__typename": "IncomingCallRule", "id": world.gid(world.voicemail)},
        {"__typename": "IncomingCallRule", "id": to_global_id("IncomingCallRule", 10**6)},
        {"__typename": "PhoneNumber", "id": world.gid(world.voicemail)},  # an id of another type
    ]
    data = await data_of(database, world.admin, query, {"reps": reps}, schema="admin")
    assert data == {"_entities": [{"number": "+81312340001"}, {"name": "After hours"}, None, None]}
