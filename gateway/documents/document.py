"""One trusted document: its id, its exact text, its operations and its parsed form."""

from dataclasses import dataclass

from graphql import DocumentNode, OperationDefinitionNode

from gateway.documents.ids import document_id, sha256_hex


@dataclass(frozen=True)
class Operation:
    """One operation of a document: its name (None when anonymous) and its type."""

    name: str | None
    type: str  # "query", "mutation" or "subscription"

    def label(self) -> str:
        return f"{self.type} {self.name or '(anonymous)'}"


@dataclass(frozen=True, eq=False)
class TrustedDocument:
    """A registered document, parsed (and, once loaded by a process, validated) once.

    The same object answers every request that names it: whatever is prepared for it
    ahead of time (its parsed ``document`` now; a per-operation plan later) is kept here,
    found by id (``TrustedDocuments.by_hex``) or by text (``TrustedDocuments.by_body``).
    """

    body: str
    document: DocumentNode
    operations: tuple[Operation, ...]

    @property
    def hex(self) -> str:
        return sha256_hex(self.body)

    @property
    def id(self) -> str:
        """``sha256:<hex>``, what clients send as ``documentId``."""
        return document_id(self.body)

    def names(self) -> str:
        return ", ".join(operation.label() for operation in self.operations)


def operations_of(document: DocumentNode) -> tuple[Operation, ...]:
    return tuple(
        Operation(
            name=definition.name.value if definition.name else None,
            type=definition.operation.value,
        )
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    )
