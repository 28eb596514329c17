"""roster's five subgraphs compose with both npm composition libraries, and the committed
supergraph is the one they compose today."""

import pytest

from gateway.commands.schema_compose import (
    LIBRARIES,
    SUPERGRAPH_FILE,
    CompositionError,
    SubgraphSource,
    compose,
    roster_subgraphs,
)
from gateway.commands.schema_export import SCHEMA_DIR, subgraph_file

pytestmark = pytest.mark.usefixtures("node_required")


@pytest.mark.parametrize("library", LIBRARIES)
def test_the_subgraphs_compose_with_no_error_and_no_serious_hint(tmp_path, library):
    report = compose(roster_subgraphs(), out=tmp_path / "supergraph.graphql", library=library)

    assert report.serious_hints == [], report.hints
    supergraph = (tmp_path / "supergraph.graphql").read_text()
    for name, port in [("admin", 4001), ("phoneMobile", 4004), ("callCenter", 4005)]:
        assert f'@join__graph(name: "{name}", url: "http://127.0.0.1:{port}/graphql")' in supergraph


def test_the_committed_supergraph_is_what_composition_gives_today(tmp_path):
    compose(roster_subgraphs(), out=tmp_path / "supergraph.graphql")
    assert (tmp_path / "supergraph.graphql").read_text() == SUPERGRAPH_FILE.read_text(), (
        "schema/supergraph.graphql is out of date: run `roster schema compose` and commit it"
    )


def test_routing_urls_follow_the_given_map(tmp_path):
    urls = {"phone": "http://10.0.0.7:9000/graphql"}
    compose(roster_subgraphs(urls), out=tmp_path / "supergraph.graphql")
    supergraph = (tmp_path / "supergraph.graphql").read_text()
    assert '@join__graph(name: "phone", url: "http://10.0.0.7:9000/graphql")' in supergraph
    assert '@join__graph(name: "admin", url: "http://127.0.0.1:4001/graphql")' in supergraph
    with pytest.raises(ValueError, match="no roster subgraph named billing"):
        roster_subgraphs({"billing": "http://127.0.0.1:1/graphql"})


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_conflicting_subgraph_fails_composition_with_the_composers_message(tmp_path, library):
    # A second owner of User.email with another type: both composers must refuse it.
    rogue = tmp_path / "rogue.graphql"
    rogue.write_text(
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\n'
        'type User @key(fields: "id") { id: ID! email: Int! }\n'
        "type Query { rogue: User }\n"
    )
    subgraphs = [*roster_subgraphs(), SubgraphSource("rogue", "http://127.0.0.1:1/graphql", rogue)]

    with pytest.raises(CompositionError) as refused:
        compose(subgraphs, out=tmp_path / "supergraph.graphql", library=library)

    assert "User.email" in str(refused.value)
    assert not (tmp_path / "supergraph.graphql").exists()


def test_compose_reads_the_exported_files():
    assert [source.schema for source in roster_subgraphs()] == [
        SCHEMA_DIR / subgraph_file(name)
        for name in ("admin", "analytics", "phone", "phoneMobile", "callCenter")
    ]
