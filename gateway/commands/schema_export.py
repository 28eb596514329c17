"""``roster schema export``: the SDL of every subgraph and of the composed graph, as files.

The files are committed: product teams read and compose them, and a test compares
them with the code so they never drift (``tests/federation/test_sdl_drift.py``).
"""

from pathlib import Path

from graphql import lexicographic_sort_schema, print_schema

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


def composed_sdl() -> str:
    """The composed graph's schema as its clients see it, sorted by name; nothing left out
    (it has no federation machinery to leave out: ``schemas/api_schema.py``)."""
    return print_schema(lexicographic_sort_schema(plain_schemas()["composed"]._schema)) + "\n"


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
