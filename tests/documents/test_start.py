"""The documents are loaded when roster starts: a file changed after registration, one
not named by its id, or a document the schema no longer validates stops it, naming the
file; a process serving one subgraph alone reads none."""

import hashlib

import pytest

from gateway.app import create_app
from gateway.documents.directory import DocumentsError
from gateway.settings import Settings
from tests.documents.world import ME, ME_ID, register
from tests.gateway.test_serve_refusals import run_roster

ME_HEX = ME_ID.removeprefix("sha256:")


def _settings(tmp_path, directory) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/roster.db", trusted_documents_dir=directory
    )


def test_the_app_loads_every_document_once(tmp_path):
    directory = tmp_path / "documents"
    register(directory, ME)
    app = create_app(_settings(tmp_path, directory))
    [document] = app.state.trusted_documents.by_hex.values()
    assert (document.id, document.body, document.names()) == (ME_ID, ME, "query Me")
    assert app.state.trusted_documents.by_body[ME] is document


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            f"{ME_HEX}.graphql",
            ME + " ",
            "{path}: its text's SHA-256 is {sha}, not the id its name gives: the file was "
            "changed after it was registered. Register the new text with `roster documents "
            "add` and remove this file",
        ),
        (
            "me.graphql",
            ME,
            "{path}: a trusted document's file is named by the SHA-256 of its text (<64 "
            "lower-case hex digits>.graphql); register documents with `roster documents add`",
        ),
    ],
)
def test_a_file_that_is_not_its_registered_text_stops_the_app(tmp_path, name, text, message):
    directory = tmp_path / "documents"
    directory.mkdir()
    (directory / name).write_text(text)
    with pytest.raises(DocumentsError) as refused:
        create_app(_settings(tmp_path, directory))
    sha = hashlib.sha256(text.encode()).hexdigest()
    assert str(refused.value) == message.format(path=directory / name, sha=sha)


def test_a_document_the_schema_refuses_stops_the_app_but_not_a_subgraph_process(tmp_path):
    directory = tmp_path / "documents"
    # Registered against an older schema, say: the field is gone.
    [gone] = register(directory, "query Gone { me { salary } }")
    path = directory / f"{gone.removeprefix('sha256:')}.graphql"
    with pytest.raises(DocumentsError) as refused:
        create_app(_settings(tmp_path, directory))
    assert str(refused.value) == (
        f"{path}: this trusted document does not validate against the API schema: Cannot "
        f"query field 'salary' on type 'User'. Remove the file (`roster documents remove "
        f"{gone}`) or register a corrected one"
    )
    served = create_app(_settings(tmp_path, directory), only_subgraph="admin")
    assert served.state.trusted_documents is None


def test_roster_serve_refuses_to_start_naming_the_file(tmp_path):
    directory = tmp_path / "documents"
    [gone] = register(directory, "query Gone { me { salary } }")
    done = run_roster(tmp_path, "serve", ROSTER_TRUSTED_DOCUMENTS_DIR=str(directory))
    path = directory / f"{gone.removeprefix('sha256:')}.graphql"
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"roster cannot start: {path}: this trusted document does not validate against the "
        "API schema: Cannot query field 'salary' on type 'User'. Remove the file (`roster "
        f"documents remove {gone}`) or register a corrected one.\n"
    )


def test_only_trusted_documents_is_productions_default_and_developments_opposite():
    assert Settings(env="production").only_trusted_documents is True
    assert Settings(env="development").only_trusted_documents is False
    assert Settings(env="production", trusted_documents_only=False).only_trusted_documents is False
    assert Settings(env="development", trusted_documents_only=True).only_trusted_documents is True
