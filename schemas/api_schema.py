"""The schema clients see at /graphql: the subgraphs' types without federation's machinery.

The types carry federation directives (``@key``, ``@shareable``) because the same
classes build the subgraphs. A router never shows them to its clients, so the composed
graph must not either: no ``@key``/``@shareable`` definitions, no ``_FieldSet``,
nothing a client of the router would not see.
"""

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLNamedType, print_schema
from strawberry.federation.schema_directives import FederationDirective


def is_federation_directive(directive_type: type) -> bool:
    return issubclass(directive_type, FederationDirective)


class ApiSchema(strawberry.Schema):
    """A plain Strawberry schema that leaves every federation directive out."""

    _federation_directive_names: frozenset[str] = frozenset()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        leftover = [
            directive.name
            for directive in self._schema.directives
            if directive.name in self._federation_directive_names
        ]
        if leftover:  # a Strawberry upgrade that no longer goes through the hook below
            raise RuntimeError(f"federation directives left in the API schema: {leftover}")

    def _collect_schema_directives(
        self,
        explicit_directive_types: Iterable[type],
        graphql_types: Iterable[GraphQLNamedType | None],
    ) -> list[type]:
        # Strawberry builds the GraphQLSchema's directives (and, through their arguments,
        # types such as _FieldSet) from what this returns.
        collected = super()._collect_schema_directives(explicit_directive_types, graphql_types)
        self._federation_directive_names = frozenset(
            self._schema_graphql_directives[directive_type].name
            for directive_type in collected
            if is_federation_directive(directive_type)
        )
        return [
            directive_type
            for directive_type in collected
            if not is_federation_directive(directive_type)
        ]

    def as_str(self) -> str:
        """The SDL as introspection shows it (Strawberry's printer would add the
        federation directives the types carry)."""
        return print_schema(self._schema)

    __str__ = as_str
