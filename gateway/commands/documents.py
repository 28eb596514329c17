"""``roster documents add | list | remove``: the trusted documents a frontend's build
registers, in ROSTER_TRUSTED_DOCUMENTS_DIR (or --dir). gateway/cli.py adds this group."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gateway.cli_support import settings
from gateway.settings import Settings

if TYPE_CHECKING:
    from strawberry import Schema

    from gateway.documents.document import TrustedDocument

# The commands import the documents' machinery (GraphQL, the schema) when they run: the
# other commands of `roster` start without it.

documents_app = typer.Typer(
    help="Trusted documents: the operations frontends register, run by id "
    "(docs/trusted-documents.md).",
    no_args_is_help=True,
)

Directory = Annotated[
    Path | None,
    typer.Option("--dir", help="The documents' directory (default: ROSTER_TRUSTED_DOCUMENTS_DIR)."),
]


def _directory(given: Path | None) -> Path:
    return given if given is not None else settings().trusted_documents_dir


def _fail(messages: list[str], ending: str = "") -> typer.Exit:
    for message in messages:
        typer.echo(f"error: {message}", err=True)
    if ending:
        typer.echo(ending, err=True)
    return typer.Exit(1)


def _api_schema(checked: Settings) -> "Schema":
    from gateway.extensions import request_extensions
    from schemas.graph import build_composed_schema

    return build_composed_schema(request_extensions(checked))


def documents_refusal(checked: Settings) -> str | None:
    """Why `roster serve` cannot serve the directory's documents, or None: each must
    validate against the API schema, as the app checks them again when it starts."""
    from gateway.documents.directory import DocumentsError, read_bodies
    from gateway.documents.store import TrustedDocuments

    try:
        # No documents, no schema to build: uvicorn's parent process of several workers
        # starts as fast as before.
        if read_bodies(checked.trusted_documents_dir):
            TrustedDocuments().load(
                checked.trusted_documents_dir, _api_schema(checked), max_tokens=checked.max_tokens
            )
    except DocumentsError as error:
        return f"roster cannot start: {error}."
    return None


def _registered(directory: Path) -> "list[TrustedDocument]":
    from gateway.documents.checks import DocumentRefused, parsed_document
    from gateway.documents.directory import DocumentsError, read_bodies

    try:
        return [parsed_document(body) for _, body in read_bodies(directory)]
    except (DocumentsError, DocumentRefused) as error:
        raise _fail([str(error)], "Fix the directory first.") from None


def _checked(files: list[Path]) -> "list[TrustedDocument]":
    """Every document of ``files``, validated against the API schema; all or none."""
    from gateway.documents.checks import DocumentRefused, checked_document, validation_rules_of
    from gateway.documents.sources import SourceRefused, read_candidates

    checked_settings = settings()
    schema = _api_schema(checked_settings)
    rules = validation_rules_of(schema)
    documents, problems = [], []
    for path in files:
        try:
            candidates = read_candidates(path)
        except SourceRefused as error:
            problems.append(str(error))
            continue
        for candidate in candidates:
            problem = candidate.id_problem()
            if problem is not None:
                problems.append(problem)
                continue
            try:
                documents.append(
                    checked_document(
                        candidate.body, schema, rules, max_tokens=checked_settings.max_tokens
                    )
                )
            except DocumentRefused as error:
                problems.append(f"{candidate.origin}: {error}")
    if problems:
        raise _fail(problems, "Nothing was registered.")
    return documents


@documents_app.command("add")
def documents_add(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="A .graphql file (one document, its text exactly as clients' builds hash "
            "it), an Apollo persisted query manifest (.json), or a JSON object of id to "
            "text (GraphQL Code Generator's persisted-documents.json)."
        ),
    ],
    directory: Directory = None,
) -> None:
    """Validate documents against the API schema and register them.

    Prints each id and its operations; registering one again changes nothing. Restart
    roster and the router to serve them."""
    from gateway.documents.directory import write_document, write_manifest

    target = _directory(directory)
    documents = _checked(files)
    for document in {document.hex: document for document in documents}.values():
        added = write_document(target, document.body)
        state = "added" if added else "already registered"
        typer.echo(f"{document.id}  {document.names()}  ({state})")
    registered = _registered(target)
    write_manifest(target, registered)
    count = len(registered)
    typer.echo(f"{count} trusted document{'' if count == 1 else 's'} in {target}.")


@documents_app.command("list")
def documents_list(directory: Directory = None) -> None:
    """Print each registered document's id and operations."""
    target = _directory(directory)
    registered = _registered(target)
    for document in registered:
        typer.echo(f"{document.id}  {document.names()}")
    if not registered:
        typer.echo(f"No trusted documents in {target}.")


@documents_app.command("remove")
def documents_remove(
    ids: Annotated[list[str], typer.Argument(help="Document ids (sha256:<hex>).")],
    directory: Directory = None,
) -> None:
    """Unregister documents: refused from roster's (and the router's) next start."""
    from gateway.documents.directory import remove_document, write_manifest
    from gateway.documents.ids import PREFIX, hex_of

    target = _directory(directory)
    digests = [hex_of(id_) or hex_of(PREFIX + id_) for id_ in ids]
    unknown = [id_ for id_, digest in zip(ids, digests, strict=True) if digest is None]
    if unknown:
        raise _fail([f"{id_} is not a document id (sha256:<hex>)" for id_ in unknown])
    missing = []
    for id_, digest in zip(ids, digests, strict=True):
        assert digest is not None
        if remove_document(target, digest):
            typer.echo(f"removed {PREFIX}{digest}")
        else:
            missing.append(f"no trusted document {id_} in {target}")
    write_manifest(target, _registered(target))
    if missing:
        raise _fail(missing)
