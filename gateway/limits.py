"""Validation rules for the depth and alias limits, linear in the size of the document.

Strawberry's QueryDepthLimiter and MaxAliasesLimiter walk every fragment spread
again each time it is spread, so a chain of fragments that each spread the
next one twice costs 2**n steps: a 40-line document would keep a worker busy
for hours. These rules measure each fragment once and reuse the number.
"""

from collections.abc import Callable

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.language.visitor import BREAK

DEPTH_LIMIT_CODE = "DEPTH_LIMIT_EXCEEDED"
ALIAS_LIMIT_CODE = "ALIAS_LIMIT_EXCEEDED"

# `ofType` only unwraps List and NonNull, which a schema nests a few times at most:
# GraphiQL's type-reference fragment stays within the depth limit this way.
TRANSPARENT_FIELDS = frozenset({"ofType"})


class _FragmentMeasure:
    """Measures selection sets, each fragment once.

    A fragment cycle counts 0 here: graphql-core's NoFragmentCycles rule refuses it.
    """

    def __init__(
        self,
        document: DocumentNode,
        field_measure: Callable[[FieldNode, int], int],
        combine: Callable[[list[int]], int],
    ) -> None:
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.field_measure = field_measure
        self.combine = combine
        self.measured: dict[str, int] = {}
        self.in_progress: set[str] = set()

    def selection_set(self, selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        values: list[int] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                values.append(
                    self.field_measure(selection, self.selection_set(selection.selection_set))
                )
            elif isinstance(selection, InlineFragmentNode):
                values.append(self.selection_set(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                values.append(self.fragment(selection.name.value))
        return self.combine(values)

    def fragment(self, name: str) -> int:
        if name in self.measured:
            return self.measured[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return 0
        self.in_progress.add(name)
        value = self.selection_set(definition.selection_set)
        self.in_progress.discard(name)
        self.measured[name] = value
        return value


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [
        definition
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]


def _operation_name(operation: OperationDefinitionNode) -> str:
    return operation.name.value if operation.name else "anonymous"


def _field_depth(field: FieldNode, below: int) -> int:
    if field.selection_set is None:
        return 0
    return below if field.name.value in TRANSPARENT_FIELDS else 1 + below


def _field_aliases(field: FieldNode, below: int) -> int:
    return below + (1 if field.alias else 0)


def max_depth_rule(max_depth: int) -> type[ASTValidationRule]:
    """Refuses an operation whose fields nest more than ``max_depth`` levels (leaves count 0)."""

    class MaxDepthRule(ASTValidationRule):
        def enter_document(self, node: DocumentNode, *_: object) -> object:
            measure = _FragmentMeasure(node, _field_depth, lambda values: max(values, default=0))
            for operation in _operations(node):
                depth = measure.selection_set(operation.selection_set)
                if depth > max_depth:
                    self.report_error(
                        GraphQLError(
                            f"Operation '{_operation_name(operation)}' nests fields {depth} "
                            f"levels deep; the depth limit is {max_depth}.",
                            operation,
                            extensions={"code": DEPTH_LIMIT_CODE},
                        )
                    )
            return BREAK

    return MaxDepthRule


def max_aliases_rule(max_aliases: int) -> type[ASTValidationRule]:
    """Refuses an operation with more than ``max_aliases`` aliases; each fragment spread counts."""

    class MaxAliasesRule(ASTValidationRule):
        def enter_document(self, node: DocumentNode, *_: object) -> object:
            measure = _FragmentMeasure(node, _field_aliases, sum)
            for operation in _operations(node):
                aliases = measure.selection_set(operation.selection_set)
                if aliases > max_aliases:
                    self.report_error(
                        GraphQLError(
                            f"Operation '{_operation_name(operation)}' uses {aliases} aliases "
                            f"(fragments included); the alias limit is {max_aliases}.",
                            operation,
                            extensions={"code": ALIAS_LIMIT_CODE},
                        )
                    )
            return BREAK

    return MaxAliasesRule


__all__ = ["ALIAS_LIMIT_CODE", "DEPTH_LIMIT_CODE", "max_aliases_rule", "max_depth_rule"]
