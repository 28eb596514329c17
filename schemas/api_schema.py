"""The schema clients see at /graphql: the subgraphs' types without federation's machinery.

The types carry federation directives (``@key``, ``@shareable``) because the same
classes build the subgraphs. A router never shows them to its clients, so the composed
graph must not either: no ``@key``/``@shareable`` definitions, no ``_FieldSet``,
nothing a client of the router would not see.
"""

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLNamedType, print_schema, specified_directives
from strawberry.federation.schema_directives import FederationDirective

# The API defines no directive of its own: clients see GraphQL's specified ones only.
OWN_DIRECTIVES = frozenset(directive.name for directive in specified_directives)


def is_federation_directive(directive_type: type) -> bool:
    return issubclass(directive_type, FederationDirective)


class ApiSchema(strawberry.Schema):
    """A plain Strawberry schema that leaves every federation directive out."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Checked on what was built, not on the hook below: should a Strawberry upgrade
        # stop calling it, this fails at start instead of showing federation to clients.
        allowed = OWN_DIRECTIVES | {directive.graphql_name for directive in self.directives}
        machinery = [
            f"@{directive.name}"
            for directive in self._schema.directives
            if directive.name not in allowed
        ] + [
            name
            for name in self._schema.type_map
            if name.startswith("_") and not name.startswith("__")
        ]
        if machinery:
            raise RuntimeError(f"federation machinery left in the API schema: {machinery}")

    def _collect_schema_directives(
        self,
        explicit_directive_types: Iterable[type],
        graphql_types: Iterable[GraphQLNamedType | None],
    ) -> list[type]:
        # Strawberry builds the GraphQLSchema's directives (and, through their arguments,
        # types such as _FieldSet) from what this returns.
        collected = super()._collect_schema_directives(explicit_directive_types, graphql_types)
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
