"""Strawberry's ``Info`` with graphql-core's resolve info built only when something reads it.

Most resolvers that take ``info`` read ``info.context`` and nothing else (a loader, the
caller). A resolve info holds the field's name, nodes, types, path, schema, fragments,
root, operation, variables, context and more: building one for each of the thousands of
items of a list costs more than what such a resolver does with it.
"""

from functools import cached_property
from typing import TYPE_CHECKING, Any

from graphql import GraphQLObjectType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.types import Info

if TYPE_CHECKING:
    from schemas.executor import DirectFieldExecutor, FieldPlan


class DeferredInfo(Info[Any, Any]):
    """An ``Info`` that answers ``context`` at once and everything else as ``Info`` does,
    from a resolve info (and the field's path) built on first use."""

    def __init__(
        self,
        executor: "DirectFieldExecutor",
        plan: "FieldPlan",
        field_details_list: FieldDetailsList,
        parent_type: GraphQLObjectType,
        parent_path: Path | None,
        response_name: str,
    ) -> None:
        self._field = plan.field
        self._executor = executor
        self._field_def = plan.field_def
        self._field_details_list = field_details_list
        self._parent_type = parent_type
        self._parent_path = parent_path
        self._response_name = response_name

    @property
    def context(self) -> Any:
        return self._executor.context_value

    @cached_property
    def _raw_info(self) -> GraphQLResolveInfo:  # type: ignore[override]
        path = Path(self._parent_path, self._response_name, self._parent_type.name)
        return self._executor.resolve_info_of(
            self._field_def, self._field_details_list, self._parent_type, path
        )
