"""A document checked as every request's is: parsed within the token limit, then validated
against the API schema with the rules its extensions add (depth, aliases, introspection
in production), so that a registered document need not be checked again per request."""

from graphql import ASTValidationRule, GraphQLError, parse, specified_rules
from strawberry import Schema
from strawberry.extensions import AddValidationRules
from strawberry.schema.schema import validate_document

from gateway.documents.document import TrustedDocument, operations_of
from gateway.http_request import holds_nul_escape
from gateway.text import NUL_REFUSED

Rules = tuple[type[ASTValidationRule], ...]


class DocumentRefused(ValueError):
    """The document cannot be registered; the message says why."""


def validation_rules_of(schema: Schema) -> Rules:
    """The rules a request's validation runs on ``schema``: GraphQL's own, then each
    AddValidationRules extension's, in the order Strawberry adds them per operation."""
    rules: Rules = tuple(specified_rules)
    for extension in schema.get_extensions():
        if isinstance(extension, AddValidationRules):
            rules += tuple(extension.validation_rules)
    return rules


def _described(errors: list[GraphQLError]) -> str:
    return "; ".join(error.message for error in errors)


def checked_document(
    body: str, schema: Schema, rules: Rules, *, max_tokens: int
) -> TrustedDocument:
    """``body`` parsed and validated; DocumentRefused with every error otherwise."""
    if "\x00" in body or holds_nul_escape(body):
        raise DocumentRefused(NUL_REFUSED)
    try:
        document = parse(body, max_tokens=max_tokens)
    except GraphQLError as error:
        raise DocumentRefused(error.message) from None
    errors = validate_document(schema._schema, document, rules)
    if errors:
        raise DocumentRefused(_described(errors))
    # Validated, it holds executable definitions only, and at least one operation.
    return TrustedDocument(body=body, document=document, operations=operations_of(document))


def parsed_document(body: str) -> TrustedDocument:
    """``body`` parsed only (its operations' names and types), for listing; not validated."""
    try:
        document = parse(body)
    except GraphQLError as error:
        raise DocumentRefused(error.message) from None
    return TrustedDocument(body=body, document=document, operations=operations_of(document))
