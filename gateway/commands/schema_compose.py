"""``roster schema compose``: the exported subgraph SDL composed into a supergraph by npm's
composition libraries (``federation/compose-*.mjs``), for the federation router.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gateway.commands.schema_export import REPO_ROOT, SCHEMA_DIR, subgraph_file

FEDERATION_DIR = REPO_ROOT / "federation"
LOCAL_SUBGRAPHS = FEDERATION_DIR / "subgraphs.json"
SUPERGRAPH_FILE = SCHEMA_DIR / "supergraph.graphql"
Library = Literal["guild", "apollo"]
LIBRARIES: tuple[Library, ...] = ("guild", "apollo")
# Apollo's hint levels; WARN means the subgraphs disagree on something a client can see.
SERIOUS_HINT_LEVEL = "WARN"


class CompositionError(RuntimeError):
    """The composer refused the subgraphs, or could not run."""


@dataclass(frozen=True)
class SubgraphSource:
    """One subgraph to compose: its name, where the router reaches it, its SDL file."""

    name: str
    url: str
    schema: Path

    def as_config(self) -> dict[str, str]:
        return {"name": self.name, "url": self.url, "schema": str(self.schema.resolve())}


@dataclass(frozen=True)
class CompositionReport:
    library: str
    version: str
    hints: list[dict[str, str]]

    @property
    def serious_hints(self) -> list[dict[str, str]]:
        return [hint for hint in self.hints if hint.get("level") == SERIOUS_HINT_LEVEL]


def roster_subgraphs(
    urls: dict[str, str] | None = None, schema_dir: Path = SCHEMA_DIR
) -> list[SubgraphSource]:
    """roster's five subgraphs at the local ports of ``federation/subgraphs.json``,
    each URL replaced by ``urls[name]`` where given."""
    local = json.loads(LOCAL_SUBGRAPHS.read_text())
    overrides = dict(urls or {})
    unknown = set(overrides) - {entry["name"] for entry in local}
    if unknown:
        raise ValueError(f"no roster subgraph named {', '.join(sorted(unknown))}")
    return [
        SubgraphSource(
            name=entry["name"],
            url=overrides.get(entry["name"], entry["url"]),
            schema=schema_dir / subgraph_file(entry["name"]),
        )
        for entry in local
    ]


def node_modules_ready() -> bool:
    return (FEDERATION_DIR / "node_modules" / ".package-lock.json").is_file()


def compose(
    subgraphs: list[SubgraphSource],
    *,
    out: Path,
    library: Library = "guild",
    api_out: Path | None = None,
) -> CompositionReport:
    """Compose ``subgraphs`` into the supergraph SDL at ``out`` (and its API schema at
    ``api_out``); CompositionError with the composer's messages when it refuses them."""
    node = shutil.which("node")
    if node is None:
        raise CompositionError("Node.js is not installed: composition runs npm's libraries")
    if not node_modules_ready():
        raise CompositionError(f"run `npm ci` in {FEDERATION_DIR} first")
    with tempfile.TemporaryDirectory(prefix="roster-compose-") as scratch:
        config = Path(scratch) / "subgraphs.json"
        config.write_text(json.dumps([source.as_config() for source in subgraphs]))
        command = [
            node,
            str(FEDERATION_DIR / f"compose-{library}.mjs"),
            "--config",
            str(config),
            "--out",
            str(out),
        ]
        if api_out is not None:
            command += ["--api-out", str(api_out)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CompositionError(done.stderr.strip() or f"node exited with {done.returncode}")
    report: dict[str, Any] = json.loads(done.stdout)
    return CompositionReport(report["library"], report["version"], report["hints"])


def read_subgraph_list(path: Path) -> list[SubgraphSource]:
    """Subgraphs listed as federation/subgraphs.json lists roster's: a JSON list of
    {"name", "url", "schema"}, each schema path relative to the list's folder."""
    entries = json.loads(path.read_text())
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a JSON list of {{name, url, schema}}")
    return [
        SubgraphSource(entry["name"], entry["url"], path.parent / entry["schema"])
        for entry in entries
    ]


def read_url_map(path: Path) -> dict[str, str]:
    """A JSON object of subgraph name -> routing URL."""
    data = json.loads(path.read_text())
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: expected a JSON object of subgraph name to URL")
    return data
