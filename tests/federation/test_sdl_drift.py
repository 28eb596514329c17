"""The committed SDL in schema/ is what the code serves."""

from gateway.commands.schema_export import (
    API_FILE,
    EXPORT_COMMAND,
    drifted_files,
    export_sdl,
    exported_sdl,
    subgraph_file,
)
from schemas.subgraph import FEDERATION_VERSION, SUBGRAPHS


def test_the_committed_sdl_is_what_the_code_serves():
    drifted = drifted_files()
    assert not drifted, (
        f"schema/{', schema/'.join(drifted)} differ from the code: "
        f"run `{EXPORT_COMMAND}` and commit the result"
    )


def test_export_writes_every_subgraph_and_the_api_and_names_what_drifted(tmp_path):
    written = export_sdl(tmp_path)
    (tmp_path / subgraph_file("phone")).write_text("type Query { stale: Int }\n")
    (tmp_path / API_FILE).unlink()

    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == sorted(
        [*(subgraph_file(name) for name in SUBGRAPHS), API_FILE]
    )
    assert drifted_files(tmp_path) == [subgraph_file("phone"), API_FILE]
    assert export_sdl(tmp_path) == [tmp_path / subgraph_file("phone"), tmp_path / API_FILE]
    assert drifted_files(tmp_path) == []


def test_subgraph_sdl_links_roster_s_federation_version_and_the_api_has_no_federation_machinery():
    files = exported_sdl()
    for name in SUBGRAPHS:
        assert files[subgraph_file(name)].startswith(
            f'schema @link(url: "https://specs.apollo.dev/federation/v{FEDERATION_VERSION}"'
        )
    api = files[API_FILE]
    for machinery in ("@key", "@shareable", "@link", "_FieldSet", "_Entity", "_Service", "_Any"):
        assert machinery not in api
    assert "type Query {" in api and "type Mutation {" in api
