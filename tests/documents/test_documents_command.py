"""`roster documents add | list | remove`: ids of the exact text, validation before any
write, idempotency, Apollo's manifest and GraphQL Code Generator's map imported."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gateway.cli import app
from gateway.settings import get_settings
from tests.documents.world import DEACTIVATE, ME, ME_ID, TWO_OPERATIONS, id_of

DEACTIVATE_ID = id_of(DEACTIVATE)


@pytest.fixture
def roster(tmp_path, monkeypatch):
    monkeypatch.setenv("ROSTER_TRUSTED_DOCUMENTS_DIR", str(tmp_path / "documents"))
    get_settings.cache_clear()

    def run(*arguments: str) -> Result:
        return CliRunner().invoke(app, list(arguments))

    yield run
    get_settings.cache_clear()


def _file(directory: Path, name: str, text: str) -> str:
    path = directory / name
    path.write_text(text)
    return str(path)


def test_add_registers_each_document_under_the_sha256_of_its_exact_text(roster, tmp_path):
    me = _file(tmp_path, "me.graphql", ME)
    deactivate = _file(tmp_path, "deactivate.graphql", DEACTIVATE)
    first = roster("documents", "add", me, deactivate)
    again = roster("documents", "add", me)
    assert (first.exit_code, first.stdout) == (
        0,
        f"{ME_ID}  query Me  (added)\n"
        f"{DEACTIVATE_ID}  mutation Deactivate  (added)\n"
        f"2 trusted documents in {tmp_path / 'documents'}.\n",
    )
    assert (again.exit_code, again.stdout) == (
        0,
        f"{ME_ID}  query Me  (already registered)\n"
        f"2 trusted documents in {tmp_path / 'documents'}.\n",
    )
    stored = tmp_path / "documents" / f"{ME_ID.removeprefix('sha256:')}.graphql"
    assert stored.read_bytes() == ME.encode()  # the trailing newline kept
    manifest = json.loads((tmp_path / "documents" / "manifest.json").read_text())
    assert manifest == {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": sorted(
            [
                {"id": ME_ID[7:], "name": "Me", "type": "query", "body": ME},
                {
                    "id": DEACTIVATE_ID[7:],
                    "name": "Deactivate",
                    "type": "mutation",
                    "body": DEACTIVATE,
                },
            ],
            key=lambda entry: entry["id"],
        ),
    }
    listed = roster("documents", "list")
    assert listed.stdout == "".join(
        sorted([f"{ME_ID}  query Me\n", f"{DEACTIVATE_ID}  mutation Deactivate\n"])
    )


def test_an_invalid_document_is_refused_and_nothing_is_registered(roster, tmp_path):
    good = _file(tmp_path, "me.graphql", ME)
    bad = _file(tmp_path, "bad.graphql", "query Bad { me { salary } }")
    broken = _file(tmp_path, "broken.graphql", "query Broken { me {")
    result = roster("documents", "add", good, bad, broken)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {bad}: Cannot query field 'salary' on type 'User'.\n"
        f"error: {broken}: Syntax Error: Expected Name, found <EOF>.\n"
        "Nothing was registered.\n"
    )
    assert not (tmp_path / "documents").exists()
    assert roster("documents", "list").stdout == (
        f"No trusted documents in {tmp_path / 'documents'}.\n"
    )


def test_a_document_deeper_than_the_limit_is_refused_as_a_request_would_be(
    roster, tmp_path, monkeypatch
):
    monkeypatch.setenv("ROSTER_MAX_DEPTH", "2")
    get_settings.cache_clear()
    deep = _file(
        tmp_path, "deep.graphql", "query Deep { me { seat { occupant { seat { label } } } } }"
    )
    result = roster("documents", "add", deep)
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {deep}: Operation 'Deep' nests fields 4 levels deep; the depth limit is 2.\n"
        "Nothing was registered.\n",
    )


def test_apollo_manifests_and_id_maps_are_imported_and_checked(roster, tmp_path):
    apollo = _file(
        tmp_path,
        "persisted-query-manifest.json",
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [
                    {"id": ME_ID[7:], "name": "Me", "type": "query", "body": ME},
                    {
                        "id": DEACTIVATE_ID[7:],
                        "name": "Deactivate",
                        "type": "mutation",
                        "body": DEACTIVATE,
                    },
                ],
            }
        ),
    )
    codegen = _file(
        tmp_path, "persisted-documents.json", json.dumps({id_of(TWO_OPERATIONS): TWO_OPERATIONS})
    )
    lying = _file(tmp_path, "lying.json", json.dumps({ME_ID[7:]: "query Other { me { id } }"}))
    refused = roster("documents", "add", lying)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {lying} [{ME_ID[7:]}]: its id {ME_ID[7:]} is not the SHA-256 of its text "
        f"({id_of('query Other { me { id } }')[7:]}): roster knows a document by the SHA-256 "
        "of its exact text; generate the manifest with sha256 ids\nNothing was registered.\n"
    )
    added = roster("documents", "add", apollo, codegen)
    assert added.exit_code == 0, added.output
    assert added.stdout.splitlines() == [
        f"{ME_ID}  query Me  (added)",
        f"{DEACTIVATE_ID}  mutation Deactivate  (added)",
        f"{id_of(TWO_OPERATIONS)}  query Me, query Count  (added)",
        f"3 trusted documents in {tmp_path / 'documents'}.",
    ]
    manifest = json.loads((tmp_path / "documents" / "manifest.json").read_text())
    two = [entry for entry in manifest["operations"] if entry["body"] == TWO_OPERATIONS]
    assert [(entry["id"], entry["name"]) for entry in two] == [
        (id_of(TWO_OPERATIONS)[7:], "Me"),
        (id_of(TWO_OPERATIONS)[7:], "Count"),
    ]


def test_remove_unregisters_a_document(roster, tmp_path):
    roster("documents", "add", _file(tmp_path, "me.graphql", ME))
    removed = roster("documents", "remove", ME_ID)
    missing = roster("documents", "remove", ME_ID)
    assert (removed.exit_code, removed.stdout) == (0, f"removed {ME_ID}\n")
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"error: no trusted document {ME_ID} in {tmp_path / 'documents'}\n",
    )
    manifest = json.loads((tmp_path / "documents" / "manifest.json").read_text())
    assert manifest["operations"] == []
