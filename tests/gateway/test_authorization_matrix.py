"""Who may do what: every root field and restricted field, for every kind of caller, over HTTP.

The rows are in authz_rows; this module runs them and checks that none is missing:
a root field of the composed graph without a row fails the suite.
"""

from typing import Any

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType
from sqlalchemy import func, select

from db.models import (
    ApiToken,
    AuditEntry,
    Comment,
    IncomingCallRule,
    PhoneNumber,
    User,
    UserStatusEvent,
    VideoIntegration,
)
from resolvers.ids import to_global_id
from schemas.graph import plain_schemas
from tests.gateway.authz_rows import ROWS, Row
from tests.gateway.authz_world import (
    ADMIN,
    AUTHENTICATED_CALLERS,
    BAD_TOKEN,
    DEACTIVATED,
    FOREIGN_ADMIN,
    NO_TOKEN,
    UNAUTHENTICATED_CALLERS,
    build_authz_world,
)
from tests.http import graphql_body, http_client

UNAUTHENTICATED_MESSAGES = {
    NO_TOKEN: "Send an API token: Authorization: Bearer <token>.",
    BAD_TOKEN: "This API token is not valid.",
    DEACTIVATED: "This user is deactivated and cannot log in.",
}
PRIVATE_FIELD_NOTE = "admins, or the user themself"


def composed_type(name: str) -> GraphQLObjectType:
    graphql_type = plain_schemas()["composed"]._schema.type_map[name]
    assert isinstance(graphql_type, GraphQLObjectType)
    return graphql_type


def skip_while_missing(row: Row) -> None:
    """Rows for fields still being written wait for them; once a field exists, its row runs."""
    type_name, field_name = row.coordinate.split(".")
    if field_name not in composed_type(type_name).fields:
        pytest.skip(f"{row.coordinate} is not in the composed schema yet")


async def state_of(database: Any) -> dict[str, Any]:
    """Everything a mutation of the matrix could change."""
    async with database.session() as session:
        users = (
            await session.execute(
                select(User.id, User.status, User.display_name, User.email, User.role).order_by(
                    User.id
                )
            )
        ).all()
        counts = [
            await session.scalar(select(func.count()).select_from(model))
            for model in (VideoIntegration, Comment, UserStatusEvent, AuditEntry)
        ]
        # Not lastUsedAt: every authenticated request may record it.
        tokens = (
            await session.execute(
                select(ApiToken.id, ApiToken.revoked_at).order_by(ApiToken.id)  # type: ignore[arg-type]
            )
        ).all()
        numbers = (await session.execute(select(PhoneNumber.__table__))).all()  # type: ignore[attr-defined]
        rules = (await session.execute(select(IncomingCallRule.__table__))).all()  # type: ignore[attr-defined]
    return {
        "users": [tuple(user) for user in users],
        "counts": counts,
        "tokens": [tuple(token) for token in tokens],
        "numbers": sorted(tuple(number) for number in numbers),
        "rules": sorted(tuple(rule) for rule in rules),
    }


@pytest.mark.parametrize("caller", AUTHENTICATED_CALLERS)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
async def test_each_caller_gets_exactly_what_the_row_says(database, row: Row, caller: str) -> None:
    skip_while_missing(row)
    world = await build_authz_world(database)
    before = await state_of(database)
    async with http_client(database) as client:
        response = await client.post(
            "/graphql",
            json={"query": row.document, "variables": row.variables(world)},
            headers=world.headers(caller),
        )

    assert response.status_code == 200
    assert graphql_body(response) == row.expected(caller, world)
    if caller not in row.may_write:
        assert await state_of(database) == before


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
async def test_unauthenticated_callers_get_401_and_change_nothing(database, row: Row) -> None:
    skip_while_missing(row)
    world = await build_authz_world(database)
    before = await state_of(database)
    async with http_client(database) as client:
        for caller in UNAUTHENTICATED_CALLERS:
            response = await client.post(
                "/graphql",
                json={"query": row.document, "variables": row.variables(world)},
                headers=world.headers(caller),
            )
            assert response.status_code == 401, caller
            assert graphql_body(response) == {"errors": [{
                "message": UNAUTHENTICATED_MESSAGES[caller],
                "extensions": {"code": "UNAUTHENTICATED"},
            }]}  # fmt: skip
    assert await state_of(database) == before


def test_every_root_field_of_the_composed_graph_has_a_row() -> None:
    covered = {row.coordinate for row in ROWS}
    roots = {
        f"{type_name}.{field_name}"
        for type_name in ("Query", "Mutation")
        for field_name in composed_type(type_name).fields
    }
    assert roots - covered == set()


def test_every_private_user_field_has_a_row_for_another_users_data() -> None:
    private = {
        f"User.{name}"
        for name, definition in composed_type("User").fields.items()
        if PRIVATE_FIELD_NOTE in (definition.description or "").lower()
    }
    covered = {row.coordinate for row in ROWS if row.label == "another user's"}
    assert private == {
        "User.statusHistory", "User.videoIntegrations", "User.callHistory", "User.meetingHistory",
    }  # fmt: skip
    assert private - covered == set()


def node_types() -> list[str]:
    """Every type that implements Node in the composed graph: a new one gets a case by itself."""
    schema = plain_schemas()["composed"]._schema
    node = schema.type_map["Node"]
    assert isinstance(node, GraphQLInterfaceType)
    return sorted(graphql_type.name for graphql_type in schema.get_implementations(node).objects)


@pytest.mark.parametrize("type_name", node_types())
async def test_node_of_another_tenants_object_is_null(database, type_name: str) -> None:
    world = await build_authz_world(database)
    global_id = world.node_gid(type_name)
    query = {
        "query": "query($id: ID!) { node(id: $id) { __typename id } }",
        "variables": {"id": global_id},
    }
    async with http_client(database) as client:
        foreign = await client.post("/graphql", json=query, headers=world.headers(FOREIGN_ADMIN))
        own = await client.post("/graphql", json=query, headers=world.headers(ADMIN))

    assert graphql_body(foreign) == {"data": {"node": None}}
    assert graphql_body(own) == {"data": {"node": {"__typename": type_name, "id": global_id}}}


async def test_an_id_of_another_type_finds_nothing(database) -> None:
    world = await build_authz_world(database)
    seat_id = world.gid(world.seat)  # a real object of acme, but not a User nor a Call
    cai_id = world.gid(world.cai)
    operations = [
        ("query($id: ID!) { user(id: $id) { email } }", {"id": seat_id}),
        ("query($id: ID!) { comments(callId: $id) { body } }", {"id": cai_id}),
        ('{ node(id: "not-a-global-id") { id } }', {}),
        (f'{{ node(id: "{to_global_id("NoSuchType", world.cai.id)}") {{ id }} }}', {}),
        (
            'mutation($id: ID!) { addComment(input: {callId: $id, body: "x"}) { userErrors { code } } }',
            {"id": cai_id},
        ),
        (
            "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed userErrors { code } } }",
            {"id": seat_id},
        ),
    ]
    before = await state_of(database)
    async with http_client(database) as client:
        answers = [
            (
                await client.post(
                    "/graphql",
                    json={"query": query, "variables": variables},
                    headers=world.headers(ADMIN),
                )
            ).json()
            for query, variables in operations
        ]

    assert answers == [
        {"data": {"user": None}},
        {"data": {"comments": []}},
        {"data": {"node": None}},
        {"data": {"node": None}},
        {"data": {"addComment": {"userErrors": [{"code": "NOT_FOUND"}]}}},
        {"data": {"deactivateUser": {"changed": False, "userErrors": [{"code": "NOT_FOUND"}]}}},
    ]
    assert await state_of(database) == before


def entity_cases() -> list[Any]:
    cases = []
    for subgraph, schema in plain_schemas().items():
        entity = schema._schema.type_map.get("_Entity")
        for graphql_type in getattr(entity, "types", ()):
            cases.append(
                pytest.param(subgraph, graphql_type.name, id=f"{subgraph}-{graphql_type.name}")
            )
    return cases


@pytest.mark.parametrize(("subgraph", "type_name"), entity_cases())
async def test_entities_of_another_tenant_are_null(database, subgraph: str, type_name: str) -> None:
    world = await build_authz_world(database)
    global_id = world.node_gid(type_name)
    query = {
        "query": f"query($r: [_Any!]!) {{ _entities(representations: $r) {{ __typename ... on {type_name} {{ id }} }} }}",
        "variables": {"r": [{"__typename": type_name, "id": global_id}]},
    }
    url = f"/subgraphs/{subgraph}/graphql"
    async with http_client(database) as client:
        foreign = await client.post(url, json=query, headers=world.headers(FOREIGN_ADMIN))
        own = await client.post(url, json=query, headers=world.headers(ADMIN))

    assert graphql_body(foreign) == {"data": {"_entities": [None]}}
    assert graphql_body(own) == {
        "data": {"_entities": [{"__typename": type_name, "id": global_id}]}
    }


async def test_entities_mixing_own_and_foreign_ids_answer_only_the_callers_own(database) -> None:
    world = await build_authz_world(database)
    query = {
        "query": "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }",
        "variables": {"r": [
            {"__typename": "User", "id": world.gid(world.cai)},
            {"__typename": "User", "id": world.gid(world.gus)},
            {"__typename": "User", "id": world.gid(world.seat)},
        ]},
    }  # fmt: skip
    async with http_client(database) as client:
        response = await client.post(
            "/subgraphs/admin/graphql", json=query, headers=world.headers(FOREIGN_ADMIN)
        )

    assert graphql_body(response) == {
        "data": {"_entities": [None, {"email": "gus.grant@globex.example"}, None]}
    }
