"""One API: the composed graph served at /graphql and the supergraph the router serves
expose the same schema once federation's machinery is left out."""

import pytest
from graphql import build_schema, print_schema

from gateway.commands.schema_compose import LIBRARIES, compose, roster_subgraphs
from gateway.commands.schema_export import api_schema, composed_sdl


def normalized(sdl: str) -> str:
    return print_schema(api_schema(build_schema(sdl))) + "\n"


@pytest.mark.usefixtures("node_required")
@pytest.mark.parametrize("library", LIBRARIES)
def test_the_supergraphs_api_schema_is_the_composed_graphs_schema(tmp_path, library):
    compose(
        roster_subgraphs(),
        out=tmp_path / "supergraph.graphql",
        api_out=tmp_path / "api.graphql",
        library=library,
    )
    assert normalized((tmp_path / "api.graphql").read_text()) == composed_sdl()


def test_leaving_out_federation_machinery_keeps_everything_else():
    sdl = (
        "directive @key(fields: String!) repeatable on OBJECT\n"
        "scalar _Any\n"
        "enum join__Graph { A }\n"
        '"""A thing."""\ntype Thing @key(fields: "id") { id: ID! name: String }\n'
        "type Query { thing: Thing }\n"
    )
    assert normalized(sdl) == (
        "type Query {\n  thing: Thing\n}\n\n"
        '"""A thing."""\ntype Thing {\n  id: ID!\n  name: String\n}\n'
    )
