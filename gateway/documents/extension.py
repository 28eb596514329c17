"""The Strawberry extension that hands a registered document's parsed form to the request
and skips its validation, both done once when the documents were loaded."""

from collections.abc import Callable, Iterator

from strawberry.extensions import SchemaExtension

from gateway.documents.document import TrustedDocument
from gateway.documents.store import TrustedDocuments


class TrustedDocumentParse(SchemaExtension):
    """Before the parser cache: a request whose text is a registered document's (the text
    its id named) gets that document's DocumentNode, and no validation when it runs on the
    schema, and with the rules, the document was validated with at load."""

    def __init__(self, documents: TrustedDocuments) -> None:
        super().__init__()
        self.documents = documents

    def _trusted(self) -> TrustedDocument | None:
        context = self.execution_context
        if context.query is None or context.schema is not self.documents.schema:
            return None
        return self.documents.by_body.get(context.query)

    def on_parse(self) -> Iterator[None]:
        trusted = self._trusted()
        if trusted is not None:
            self.execution_context.graphql_document = trusted.document
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        trusted = self._trusted()
        if (
            trusted is not None
            and context.graphql_document is trusted.document
            and context.validation_rules == self.documents.rules
        ):
            context.pre_execution_errors = []
        yield


def trusted_document_parse(documents: TrustedDocuments) -> Callable[[], SchemaExtension]:
    """The extension's factory, for a schema's extension list (one instance per request)."""
    return lambda: TrustedDocumentParse(documents)
