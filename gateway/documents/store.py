"""The registered documents one process serves, loaded once at start-up: each parsed and
validated against the API schema, found by id or by its exact text."""

from pathlib import Path

from strawberry import Schema

from gateway.documents.checks import DocumentRefused, Rules, checked_document, validation_rules_of
from gateway.documents.directory import DocumentsError, read_bodies
from gateway.documents.document import TrustedDocument


class TrustedDocuments:
    """Empty until ``load``: the app builds its schema (whose extensions read this set)
    before the documents can be validated against it."""

    def __init__(self) -> None:
        self.by_hex: dict[str, TrustedDocument] = {}
        self.by_body: dict[str, TrustedDocument] = {}
        # What the documents were validated against: a request on this schema with these
        # rules needs no validation of its own.
        self.schema: Schema | None = None
        self.rules: Rules = ()

    def __len__(self) -> int:
        return len(self.by_hex)

    def load(self, directory: Path, schema: Schema, *, max_tokens: int) -> None:
        """Every document of ``directory``; DocumentsError naming the first file refused."""
        rules = validation_rules_of(schema)
        loaded = []
        for path, body in read_bodies(directory):
            try:
                loaded.append(checked_document(body, schema, rules, max_tokens=max_tokens))
            except DocumentRefused as error:
                raise DocumentsError(
                    f"{path}: this trusted document does not validate against the API "
                    f"schema: {str(error).rstrip('.')}. Remove the file (`roster documents remove "
                    f"sha256:{path.stem}`) or register a corrected one"
                ) from None
        self.by_hex = {document.hex: document for document in loaded}
        self.by_body = {document.body: document for document in loaded}
        self.schema = schema
        self.rules = rules
