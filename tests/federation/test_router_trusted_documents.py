"""Hive Gateway runs the trusted documents roster registered (the same directory): by
documentId and by APQ's hash, through the subgraphs; free text is refused where only
trusted documents run."""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gateway.commands.schema_compose import FEDERATION_DIR
from tests.documents.test_requests import ONLY_TRUSTED
from tests.documents.world import id_of, register
from tests.federation import operations
from tests.federation.conftest import FederatedWorld
from tests.federation.subgraph_span import subgraphs_needed
from tests.federation.topology import free_port, router_command, start


@dataclass(frozen=True)
class TrustedRouter:
    url: str
    world: FederatedWorld


@pytest.fixture(scope="module")
def trusted_router(
    federated_world: FederatedWorld, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TrustedRouter]:
    """A second Hive Gateway on the world's supergraph, over a directory of registered
    documents, running nothing else (ROSTER_TRUSTED_DOCUMENTS_ONLY=true)."""
    workdir = tmp_path_factory.mktemp("trusted-router")
    register(workdir / "documents", operations.PRODUCT_LISTS, operations.USERS_PAGE)
    port = free_port()
    env = {
        **os.environ,
        "ROSTER_SUBGRAPH_SECRET": federated_world.topology.subgraph_secret,
        "ROSTER_TRUSTED_DOCUMENTS_DIR": str(workdir / "documents"),
        "ROSTER_TRUSTED_DOCUMENTS_ONLY": "true",
    }
    router = start(
        "router-trusted",
        router_command(federated_world.topology.supergraph, port),
        env=env,
        cwd=FEDERATION_DIR,
        logs=workdir / "logs",
    )
    try:
        router.wait_until_ready(f"http://127.0.0.1:{port}/healthcheck")
        yield TrustedRouter(f"http://127.0.0.1:{port}/graphql", federated_world)
    finally:
        router.stop()


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    return httpx.post(url, json=body, headers=headers, timeout=30)


def test_a_registered_document_runs_by_id_through_the_subgraphs(
    trusted_router: TrustedRouter,
) -> None:
    world = trusted_router.world
    assert (
        len(subgraphs_needed(world.topology.supergraph.read_text(), operations.PRODUCT_LISTS)) >= 3
    )
    embedded = _post(world.topology.embedded_url, {"query": operations.PRODUCT_LISTS}, world.admin)
    by_id = _post(trusted_router.url, {"documentId": id_of(operations.PRODUCT_LISTS)}, world.admin)
    assert by_id.status_code == 200, by_id.text
    assert "errors" not in by_id.json() and all(by_id.json()["data"].values())
    assert by_id.json() == embedded.json()

    variables = {"first": 100}
    page = operations.USERS_PAGE
    apq_hash = id_of(page).removeprefix("sha256:")
    by_hash = _post(
        trusted_router.url,
        {
            "variables": variables,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": apq_hash}},
        },
        world.admin,
    )
    embedded_page = _post(
        world.topology.embedded_url, {"query": page, "variables": variables}, world.admin
    )
    assert by_hash.status_code == 200, by_hash.text
    assert by_hash.json() == embedded_page.json()
    assert by_hash.json()["data"]["users"]["totalCount"] == 30


def test_free_text_and_unknown_ids_are_refused_by_the_router(trusted_router: TrustedRouter) -> None:
    admin = trusted_router.world.admin
    free = _post(trusted_router.url, {"query": operations.PRODUCT_LISTS}, admin)
    unknown_id = id_of("query Unknown { me { id } }")
    unknown = _post(trusted_router.url, {"documentId": unknown_id}, admin)
    unknown_hash = _post(
        trusted_router.url,
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": unknown_id[7:]}}},
        admin,
    )
    assert free.status_code == 400
    assert free.json()["errors"] == [
        {"message": ONLY_TRUSTED, "extensions": {"code": "TRUSTED_DOCUMENTS_ONLY"}}
    ]
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [
        {
            "message": f"No trusted document has the id {unknown_id}: register it with `roster "
            "documents add` (and restart the router), or send the id the build registered.",
            "extensions": {"code": "PERSISTED_DOCUMENT_NOT_FOUND"},
        }
    ]
    assert unknown_hash.status_code == 200
    assert unknown_hash.json()["errors"] == [
        {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
    ]
