"""A stand-in for graphql-core's resolve info, each part worked out only when read.

graphql-core builds a resolve info for every field it resolves: the field's name, nodes,
types and path, the schema, fragments, root, operation, variables, context and more.
Most readers want little of it: a resolver that takes ``info`` reads ``info.context`` (a
loader, the caller), a list's prefetch its nodes and type, and completing an object
asks Strawberry's ``is_type_of``, which ignores it. For the thousands of items of a
list, building each one costs more than what is done with it.
"""

from typing import TYPE_CHECKING, Any

from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path

if TYPE_CHECKING:
    from schemas.execution.base import PlannedExecutorBase


class DeferredResolveInfo:
    """Reads as the ``GraphQLResolveInfo`` Strawberry's executor would build for the
    field at ``key`` below ``parent_path`` (its ``path`` built on first read); anything
    it does not name comes from a real one, built then."""

    __slots__ = (
        "_built",
        "_executor",
        "_field_def",
        "_field_details_list",
        "_key",
        "_parent_path",
        "_path",
        "parent_type",
    )

    def __init__(
        self,
        executor: "PlannedExecutorBase",
        field_def: GraphQLField,
        field_details_list: FieldDetailsList,
        parent_type: GraphQLObjectType,
        parent_path: Path | None,
        key: str | int,
    ) -> None:
        self._executor = executor
        self._field_def = field_def
        self._field_details_list = field_details_list
        self.parent_type = parent_type
        self._parent_path = parent_path
        self._key = key
        self._path: Path | None = None
        self._built: GraphQLResolveInfo | None = None

    @property
    def context(self) -> Any:
        return self._executor.context_value

    @property
    def field_nodes(self) -> Any:
        return self._executor.nodes_of(self._field_details_list)

    @property
    def field_name(self) -> str:
        return self._field_details_list[0].node.name.value

    @property
    def return_type(self) -> Any:
        return self._field_def.type

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self._parent_path, self._key, self.parent_type.name)
        return self._path

    @property
    def schema(self) -> Any:
        return self._executor.schema

    @property
    def fragments(self) -> Any:
        return self._executor.fragment_definitions

    @property
    def root_value(self) -> Any:
        return self._executor.root_value

    @property
    def operation(self) -> Any:
        return self._executor.operation

    @property
    def variable_values(self) -> dict[str, Any]:
        return self._executor.variable_values.coerced  # as Strawberry's executor gives them

    def built(self) -> GraphQLResolveInfo:
        """The real resolve info, built once."""
        if self._built is None:
            self._built = self._executor.build_resolve_info(
                self._field_def, self.field_nodes, self.parent_type, self.path
            )
        return self._built

    def __getattr__(self, name: str) -> Any:
        return getattr(self.built(), name)
