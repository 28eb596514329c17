"""What the trusted-document tests share: documents, registering them, an app serving them."""

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql.language.parser import Parser

from db.engine import Database
from gateway.documents.directory import write_document
from tests.http import http_client

# A trailing newline and spaces as an editor leaves them: the id is of this text exactly.
ME = "query Me {\n  me { email displayName }\n}\n"
ME_ID = "sha256:" + hashlib.sha256(ME.encode()).hexdigest()
DEACTIVATE = (
    "mutation Deactivate($id: ID!) {\n"
    "  deactivateUser(input: {userId: $id}) { changed user { displayName status } }\n"
    "}\n"
)
TWO_OPERATIONS = "query Me { me { email } }\nquery Count { users { totalCount } }"


def id_of(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()


def register(directory: Path, *bodies: str) -> list[str]:
    for body in bodies:
        write_document(directory, body)
    return [id_of(body) for body in bodies]


@asynccontextmanager
async def documents_client(
    database: Database, directory: Path, **settings: Any
) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(database, trusted_documents_dir=directory, **settings) as client:
        yield client


@contextmanager
def counting_parses(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Counts graphql-core's document parses while the block runs (a list of the texts)."""
    parsed: list[str] = []
    original = Parser.parse_document

    def parse_document(self: Parser) -> Any:
        parsed.append(self._lexer.source.body)
        return original(self)

    monkeypatch.setattr(Parser, "parse_document", parse_document)
    yield parsed
    monkeypatch.setattr(Parser, "parse_document", original)
