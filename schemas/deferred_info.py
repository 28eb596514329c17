"""A stand-in for graphql-core's resolve info, built only when something reads it.

graphql-core builds a resolve info for every field it resolves: the field's name, nodes,
types and path, the schema, fragments, root, operation, variables, context and more.
Most readers want none of it: a resolver that takes ``info`` reads ``info.context`` (a
loader, the caller), and completing an object asks Strawberry's ``is_type_of``, which
ignores it. For the thousands of items of a list, building each one costs more than
what is done with it; this one answers ``context`` at once and builds the real resolve
info on the first read of anything else.
"""

from typing import TYPE_CHECKING, Any

from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path

if TYPE_CHECKING:
    from schemas.executor import DirectFieldExecutor


class DeferredResolveInfo:
    """Reads as the ``GraphQLResolveInfo`` of the field at ``key`` below ``parent_path``
    (its ``path``, when not given, built on first read too)."""

    __slots__ = (
        "_built",
        "_executor",
        "_field_def",
        "_field_details_list",
        "_key",
        "_parent_path",
        "_parent_type",
        "_path",
    )

    def __init__(
        self,
        executor: "DirectFieldExecutor",
        field_def: GraphQLField,
        field_details_list: FieldDetailsList,
        parent_type: GraphQLObjectType,
        parent_path: Path | None,
        key: str | int,
        path: Path | None = None,
    ) -> None:
        self._executor = executor
        self._field_def = field_def
        self._field_details_list = field_details_list
        self._parent_type = parent_type
        self._parent_path = parent_path
        self._key = key
        self._path = path
        self._built: GraphQLResolveInfo | None = None

    @property
    def context(self) -> Any:
        return self._executor.context_value

    def built(self) -> GraphQLResolveInfo:
        """The real resolve info, built once."""
        if self._built is None:
            path = self._path
            if path is None:
                path = Path(self._parent_path, self._key, self._parent_type.name)
            self._built = self._executor.resolve_info_of(
                self._field_def, self._field_details_list, self._parent_type, path
            )
        return self._built

    def __getattr__(self, name: str) -> Any:
        return getattr(self.built(), name)
