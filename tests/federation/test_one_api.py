"""One API: what a client of /graphql sees is what a client of the router sees, raw.

Both sides are the schema a client reads by introspection (or the composition
library's API schema, which is what the router serves), printed as SDL. Nothing is
left out before comparing; only the order of definitions is made the same (sorted by
name), since introspection lists types in no fixed order.
"""

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import strawberry
from graphql import (
    build_client_schema,
    build_schema,
    get_introspection_query,
    lexicographic_sort_schema,
    print_schema,
    specified_directives,
)

from db.enums import Role
from gateway.commands.schema_compose import (
    FEDERATION_DIR,
    LIBRARIES,
    compose,
    roster_subgraphs,
)
from gateway.commands.schema_export import composed_sdl
from schemas.api_schema import ApiSchema
from schemas.graph import build_composed_schema
from tests.factories import make_tenant, make_token, make_user
from tests.federation.conftest import FederatedWorld
from tests.federation.topology import free_port, router_command, start
from tests.http import bearer, http_client

INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)
SPECIFIED_DIRECTIVES = {directive.name for directive in specified_directives}


def printed(introspection: dict[str, Any]) -> str:
    return print_schema(lexicographic_sort_schema(build_client_schema(introspection))) + "\n"


def introspected(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def embedded_introspection(database) -> dict[str, Any]:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    async with http_client(database) as client:
        response = await client.post(
            "/graphql", json={"query": INTROSPECTION}, headers=bearer(token)
        )
    return introspected(response)


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_graphql_introspection_shows_only_the_specified_directives_and_no_federation_type(
    database,
):
    schema = (await embedded_introspection(database))["__schema"]

    assert {directive["name"] for directive in schema["directives"]} == SPECIFIED_DIRECTIVES
    assert [t["name"] for t in schema["types"] if t["name"].startswith("_")] == [
        "__Schema",
        "__Type",
        "__TypeKind",
        "__Field",
        "__InputValue",
        "__EnumValue",
        "__Directive",
        "__DirectiveLocation",
    ]
    assert {"_service", "_entities"}.isdisjoint(
        field["name"] for t in schema["types"] if t["name"] == "Query" for field in t["fields"]
    )


def test_the_api_schema_refuses_to_build_with_federation_machinery_left_in(monkeypatch):
    # As if a Strawberry upgrade no longer asked ApiSchema which directives to keep.
    monkeypatch.setattr(
        ApiSchema, "_collect_schema_directives", strawberry.Schema._collect_schema_directives
    )

    with pytest.raises(RuntimeError) as refused:
        build_composed_schema()

    assert str(refused.value) == (
        "federation machinery left in the API schema: ['@key', '@shareable', '_FieldSet']"
    )


@pytest.mark.usefixtures("node_required")
@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
@pytest.mark.parametrize("library", LIBRARIES)
async def test_the_composition_librarys_api_schema_is_what_graphql_introspection_shows(
    database, tmp_path, library
):
    compose(
        roster_subgraphs(),
        out=tmp_path / "supergraph.graphql",
        api_out=tmp_path / "api.graphql",
        library=library,
    )
    api_schema = build_schema((tmp_path / "api.graphql").read_text())

    assert printed(await embedded_introspection(database)) == (
        print_schema(lexicographic_sort_schema(api_schema)) + "\n"
    )


@pytest.fixture(scope="module")
def roster_router(
    federated_world: FederatedWorld, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Hive Gateway over roster's five subgraphs alone (the world's own router also
    composes a product team's subgraph), sharing the world's subgraph processes."""
    topology = federated_world.topology
    workdir = tmp_path_factory.mktemp("roster-router")
    supergraph = workdir / "supergraph.graphql"
    compose(roster_subgraphs(topology.subgraph_urls), out=supergraph)
    port = free_port()
    env = {**os.environ, "ROSTER_SUBGRAPH_SECRET": topology.subgraph_secret}
    router = start(
        "roster-router", router_command(supergraph, port), env=env, cwd=FEDERATION_DIR, logs=workdir
    )
    try:
        router.wait_until_ready(f"http://127.0.0.1:{port}/healthcheck")
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        router.stop()


def test_the_router_and_the_embedded_graph_answer_introspection_alike(
    federated_world: FederatedWorld, roster_router: str
):
    query = {"query": INTROSPECTION}
    headers = federated_world.admin
    router = httpx.post(roster_router, json=query, headers=headers, timeout=30)
    embedded = httpx.post(
        federated_world.topology.embedded_url, json=query, headers=headers, timeout=30
    )

    through_router = printed(introspected(router))
    assert printed(introspected(embedded)) == through_router
    # ... and both are the committed schema/api.graphql, which the drift test ties to the code.
    assert through_router == composed_sdl()
