"""`roster schema export` and `roster schema compose` from the command line."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway.cli import app

QUEUE_SCHEMA = Path(__file__).parent / "queue_service" / "schema.graphql"
runner = CliRunner()


def test_export_check_passes_on_the_committed_files():
    result = runner.invoke(app, ["schema", "export", "--check"])
    assert (result.exit_code, result.output) == (0, "")


@pytest.mark.usefixtures("node_required")
@pytest.mark.parametrize("library", ["guild", "apollo"])
def test_compose_with_other_urls_and_a_product_subgraph(tmp_path, library):
    urls = tmp_path / "urls.json"
    urls.write_text(json.dumps({"callCenter": "http://127.0.0.1:5005/graphql"}))
    products = tmp_path / "products.json"
    products.write_text(
        json.dumps(
            [
                {
                    "name": "callQueues",
                    "url": "http://127.0.0.1:5010/graphql",
                    "schema": str(QUEUE_SCHEMA),
                }
            ]
        )
    )
    out = tmp_path / "supergraph.graphql"

    result = runner.invoke(
        app,
        [
            "schema",
            "compose",
            "--urls",
            str(urls),
            "--add",
            str(products),
            "--library",
            library,
            "--out",
            str(out),
        ],
    )

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out} with @")
    supergraph = out.read_text()
    assert '@join__graph(name: "callCenter", url: "http://127.0.0.1:5005/graphql")' in supergraph
    assert '@join__graph(name: "callQueues", url: "http://127.0.0.1:5010/graphql")' in supergraph
    assert "type CallQueue" in supergraph


def test_compose_refuses_an_unknown_library(tmp_path):
    result = runner.invoke(app, ["schema", "compose", "--library", "rover"])
    assert result.exit_code == 2
    assert "one of guild, apollo" in result.output
