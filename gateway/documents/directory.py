"""The directory of registered documents: one ``<sha256 hex>.graphql`` file per document,
holding its text exactly (the id is the SHA-256 of the file's bytes), and ``manifest.json``
beside them in Apollo's persisted query manifest format, for tools that read one.

roster and the router read the ``.graphql`` files; ``roster documents add`` and
``remove`` write them and the manifest again."""

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import orjson

from gateway.documents.document import TrustedDocument
from gateway.documents.ids import HEX, sha256_hex

SUFFIX = ".graphql"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "apollo-persisted-query-manifest"


class DocumentsError(ValueError):
    """The directory's documents cannot be used; the message names the file and why."""


def document_path(directory: Path, hex_digest: str) -> Path:
    return directory / f"{hex_digest}{SUFFIX}"


def read_bodies(directory: Path) -> list[tuple[Path, str]]:
    """Each document's file and text, in file-name order; none when the directory does not
    exist. DocumentsError for a file not named by its text's SHA-256, or not UTF-8."""
    if not directory.exists():
        return []
    if not directory.is_dir():
        raise DocumentsError(f"{directory} is not a directory")
    found = []
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        if not HEX.match(path.stem):
            raise DocumentsError(
                f"{path}: a trusted document's file is named by the SHA-256 of its text "
                f"(<64 lower-case hex digits>{SUFFIX}); register documents with "
                "`roster documents add`"
            )
        try:
            body = path.read_bytes().decode()
        except UnicodeDecodeError:
            raise DocumentsError(f"{path}: not UTF-8 text") from None
        if sha256_hex(body) != path.stem:
            raise DocumentsError(
                f"{path}: its text's SHA-256 is {sha256_hex(body)}, not the id its name "
                "gives: the file was changed after it was registered. Register the new "
                "text with `roster documents add` and remove this file"
            )
        found.append((path, body))
    return found


def _write_atomically(path: Path, content: bytes) -> None:
    # A reader (a starting process, the router) sees the old file or the new one, never half.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_document(directory: Path, body: str) -> bool:
    """Stores ``body`` under its id; False when it was there already (nothing written)."""
    path = document_path(directory, sha256_hex(body))
    if path.exists():
        return False
    directory.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, body.encode())
    return True


def remove_document(directory: Path, hex_digest: str) -> bool:
    """False when no document has this id."""
    path = document_path(directory, hex_digest)
    if not path.exists():
        return False
    path.unlink()
    return True


def manifest(documents: Iterable[TrustedDocument]) -> dict[str, object]:
    """Apollo's manifest: one entry per operation (a document of several operations gives
    several entries with the same id and body)."""
    operations = [
        {"id": document.hex, "name": operation.name, "type": operation.type, "body": document.body}
        for document in documents
        for operation in document.operations
    ]
    return {"format": MANIFEST_FORMAT, "version": 1, "operations": operations}


def write_manifest(directory: Path, documents: Iterable[TrustedDocument]) -> Path:
    path = directory / MANIFEST
    directory.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, orjson.dumps(manifest(documents), option=orjson.OPT_INDENT_2) + b"\n")
    return path
