"""What ``roster documents add`` reads: a GraphQL file (one document, its text exactly),
Apollo's persisted query manifest (``generate-persisted-query-manifest``'s output), or a
JSON object of id to text (GraphQL Code Generator's ``persisted-documents.json``)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from gateway.documents.directory import MANIFEST_FORMAT
from gateway.documents.ids import PREFIX, sha256_hex


class SourceRefused(ValueError):
    """The file cannot be read as documents; the message names it and says why."""


@dataclass(frozen=True)
class Candidate:
    """A document to register: where it came from, its text, and the id its source gave."""

    origin: str
    body: str
    claimed_hex: str | None = None

    def id_problem(self) -> str | None:
        if self.claimed_hex is None or self.claimed_hex == sha256_hex(self.body):
            return None
        return (
            f"{self.origin}: its id {self.claimed_hex} is not the SHA-256 of its text "
            f"({sha256_hex(self.body)}): roster knows a document by the SHA-256 of its exact "
            "text; generate the manifest with sha256 ids"
        )


def _manifest_entries(path: Path, payload: dict[str, Any]) -> list[Candidate]:
    operations = payload.get("operations")
    if payload.get("version") != 1 or not isinstance(operations, list):
        raise SourceRefused(
            f'{path}: an Apollo persisted query manifest of version 1 holds an "operations" list'
        )
    candidates = []
    for index, entry in enumerate(operations):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("id"), str)
            and isinstance(entry.get("body"), str)
        ):
            raise SourceRefused(f"{path}: operations[{index}] has no string id and body")
        name = entry.get("name") or "(anonymous)"
        candidates.append(
            Candidate(
                origin=f"{path} operations[{index}] ({name})",
                body=entry["body"],
                claimed_hex=entry["id"].removeprefix(PREFIX),
            )
        )
    return candidates


def _id_map_entries(path: Path, payload: dict[str, Any]) -> list[Candidate]:
    candidates = []
    for key, body in payload.items():
        if not isinstance(body, str):
            raise SourceRefused(f"{path}: the value of {key!r} is not a document's text")
        candidates.append(
            Candidate(origin=f"{path} [{key}]", body=body, claimed_hex=key.removeprefix(PREFIX))
        )
    return candidates


def read_candidates(path: Path) -> list[Candidate]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceRefused(f"{path}: cannot be read ({error.strerror})") from None
    if path.suffix.lower() != ".json":
        try:
            return [Candidate(origin=str(path), body=raw.decode())]
        except UnicodeDecodeError:
            raise SourceRefused(f"{path}: not UTF-8 text") from None
    try:
        payload = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise SourceRefused(f"{path}: not valid JSON") from None
    if not isinstance(payload, dict):
        raise SourceRefused(
            f"{path}: neither an Apollo persisted query manifest nor an object of id to text"
        )
    if payload.get("format") == MANIFEST_FORMAT:
        return _manifest_entries(path, payload)
    return _id_map_entries(path, payload)
