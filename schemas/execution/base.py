"""What every part of the planned executor shares for one operation."""

from collections.abc import Awaitable
from typing import Any, TypeVar

from graphql import FieldNode
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schemas.execution.arguments import OperationArguments
from schemas.execution.plans import SCHEMA_PLAN, SchemaPlan

# What a completed field most often is, and never awaitable: no call to find that out.
NEVER_AWAITABLE = frozenset({type(None), bool, int, float, str, list, dict})
NO_ARGUMENTS: dict[str, Any] = {}  # what a field without arguments is called with; never changed
R = TypeVar("R", dict[str, Any], list[Any])


class PlannedExecutorBase(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with the per-operation state of the planned path."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema_plan: SchemaPlan | None = (self.schema.extensions or {}).get(SCHEMA_PLAN)
        # Strawberry passes a manager on every request; it wraps resolvers only when a
        # schema extension implements ``resolve``, and then every field keeps its wrapper.
        manager = self.middleware_manager
        self._plans_apply = schema_plan is not None and (manager is None or not manager.middlewares)
        # Both are read only where plans apply, so only with a schema plan.
        self._info_class: Any = schema_plan.config.info_class if schema_plan else None
        self._arguments: OperationArguments = (
            OperationArguments(self, schema_plan) if schema_plan else None  # type: ignore[assignment]
        )
        self._field_nodes: dict[int, tuple[FieldDetailsList, list[FieldNode]]] = {}

    def nodes_of(self, field_details_list: FieldDetailsList) -> list[FieldNode]:
        """The field's nodes for a resolve info: the same list for every item of a list."""
        cached = self._field_nodes.get(id(field_details_list))
        if cached is None:
            nodes = [details.node for details in field_details_list]
            # Keeping the list alive keeps its id from being reused during the operation.
            cached = self._field_nodes[id(field_details_list)] = (field_details_list, nodes)
        return cached[1]

    async def awaited_field(
        self,
        completed: Awaitable[Any],
        return_type: Any,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> Any:
        """``completed`` awaited; a failure is the field's error, as graphql-core makes it."""
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None


async def with_awaited(results: R, keys: list[Any]) -> R:
    """``results`` (an object's fields by name, or a list's items) with the awaitables at
    ``keys`` replaced by what they give."""
    if len(keys) == 1:
        results[keys[0]] = await results[keys[0]]
    else:
        awaited = await gather_with_cancel(*(results[key] for key in keys))
        for key, value in zip(keys, awaited, strict=True):
            results[key] = value
    return results
