"""``roster schema export``: the SDL of every subgraph and of the composed graph, as files.

The files are committed: product teams read and compose them, and a test compares
them with the code so they never drift (``tests/federation/test_sdl_drift.py``).
"""

from pathlib import Path

from graphql import (
    GraphQLSchema,
    is_introspection_type,
    is_specified_scalar_type,
    lexicographic_sort_schema,
    print_schema,
    specified_directives,
)

from schemas.graph import plain_schemas
from schemas.subgraph import SUBGRAPHS

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO_ROOT / "schema"
API_FILE = "api.graphql"
EXPORT_COMMAND = "roster schema export"


def subgraph_file(name: str) -> str:
    """Where a subgraph's SDL lives, relative to the schema folder."""
    return f"subgraphs/{name}.graphql"


def subgraph_sdl(name: str) -> str:
    """What the subgraph answers to ``{ _service { sdl } }``: what a router composes."""
    result = plain_schemas()[name].execute_sync("{ _service { sdl } }")
    if result.errors or result.data is None:
        raise RuntimeError(f"subgraph {name} gave no SDL: {result.errors}")
    return str(result.data["_service"]["sdl"]).rstrip("\n") + "\n"


def is_federation_machinery(name: str) -> bool:
    """``_Any``, ``_FieldSet``, ``link__Purpose``, ``join__Graph``...: never part of the API."""
    return name.startswith("_") or "__" in name


def api_schema(schema: GraphQLSchema) -> GraphQLSchema:
    """``schema`` without federation directives and types, sorted by name."""
    types = [
        type_
        for name, type_ in schema.type_map.items()
        if not is_introspection_type(type_)
        and not is_specified_scalar_type(type_)
        and not is_federation_machinery(name)
    ]
    bare = GraphQLSchema(
        query=schema.query_type,
        mutation=schema.mutation_type,
        subscription=schema.subscription_type,
        types=types,
        directives=specified_directives,
        description=schema.description,
    )
    return lexicographic_sort_schema(bare)


def composed_sdl() -> str:
    """The composed graph's API schema: federation's @key and @shareable left out."""
    return print_schema(api_schema(plain_schemas()["composed"]._schema)) + "\n"


def exported_sdl() -> dict[str, str]:
    """Every exported file's text by its path relative to the schema folder."""
    files = {subgraph_file(name): subgraph_sdl(name) for name in SUBGRAPHS}
    files[API_FILE] = composed_sdl()
    return files


def _differs(path: Path, text: str) -> bool:
    return not path.is_file() or path.read_text() != text


def drifted_files(directory: Path = SCHEMA_DIR) -> list[str]:
    """The exported files that are missing from ``directory`` or differ from the code."""
    return [
        relative
        for relative, text in exported_sdl().items()
        if _differs(directory / relative, text)
    ]


def export_sdl(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write the files that changed; returns the paths written."""
    written = []
    for relative, text in exported_sdl().items():
        path = directory / relative
        if _differs(path, text):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            written.append(path)
    return written
