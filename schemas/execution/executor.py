"""The execution context roster's schemas run with: graphql-core's field loop, with
planned fields run by their plans.

Wired with graphql-core's own hook for it, ``execution_context_class`` (Strawberry passes
it through). An unplanned field (with field extensions, an input-object argument, or
while a schema extension wraps resolvers) is executed by graphql-core and Strawberry
exactly as without this class; errors are graphql-core's own, located and propagated the
same way.
"""

from collections.abc import Mapping
from typing import Any

from graphql import GraphQLObjectType, Undefined
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path

from schemas.execution.base import NEVER_AWAITABLE, NO_ARGUMENTS, with_awaited
from schemas.execution.deferred_info import DeferredResolveInfo
from schemas.execution.leaves import INT_MAX, INT_MIN, LeafCompletion
from schemas.execution.objects import ObjectCompletion
from schemas.execution.plans import FIELD_PLANS, FieldPlan
from schemas.execution.steps import Step, step_of


class DirectFieldExecutor(ObjectCompletion, LeafCompletion):
    """Strawberry's executor, with planned fields run by their plans."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The steps of each grouped field set: the same for every item of a list.
        self._steps: dict[
            int, tuple[GroupedFieldSet, GraphQLObjectType, tuple[Step, ...] | None]
        ] = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        steps = self._steps_of(parent_type, grouped_field_set)
        if steps is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        # graphql-core's loop, with planned fields run by their plans.
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        is_awaitable = self.is_awaitable
        try:
            for step in steps:
                response_name = step.response_name
                plan = step.plan
                leaf_read = step.leaf_read
                if leaf_read is not None:
                    # Inline: no path unless it fails or is awaited.
                    try:
                        value = step.read(source_value)  # type: ignore[misc]
                        if type(value) is not leaf_read.as_is or (
                            leaf_read.bounded and not INT_MIN <= value <= INT_MAX
                        ):
                            value = self._finish_leaf(
                                leaf_read, step, parent_type, path, value, None, position_context
                            )
                            if type(value) not in NEVER_AWAITABLE and is_awaitable(value):
                                awaitable_fields.append(response_name)
                    except Exception as raw_error:
                        self.handle_field_error(
                            raw_error,
                            leaf_read.field_def.type,
                            step.field_details_list,
                            Path(path, response_name, parent_type.name),
                        )
                        value = None
                    results[response_name] = value
                    continue
                if plan is None:
                    result = self.execute_field(
                        parent_type,
                        source_value,
                        step.field_details_list,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                    if result is Undefined:
                        continue
                elif step.leaf_call is not None:
                    result = self._resolve_leaf(
                        step.leaf_call, step, parent_type, source_value, path, position_context
                    )
                else:
                    result = self._execute_planned(
                        plan,
                        parent_type,
                        source_value,
                        step.field_details_list,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                results[response_name] = result
                if type(result) not in NEVER_AWAITABLE and is_awaitable(result):
                    awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return with_awaited(results, awaitable_fields)

    def _steps_of(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> tuple[Step, ...] | None:
        """The fields of ``grouped_field_set`` with their plans; None when none applies."""
        cached = self._steps.get(id(grouped_field_set))
        if cached is not None and cached[0] is grouped_field_set and cached[1] is parent_type:
            return cached[2]
        plans: Mapping[str, FieldPlan] | None = parent_type.extensions.get(FIELD_PLANS)
        steps: tuple[Step, ...] | None = None
        if plans and self._plans_apply:
            steps = tuple(
                step_of(response_name, field_details_list, plan)
                for response_name, field_details_list in grouped_field_set.items()
                for plan in [plans.get(field_details_list[0].node.name.value)]
            )
        # Keeping the field set alive keeps its id from being reused during the operation.
        self._steps[id(grouped_field_set)] = (grouped_field_set, parent_type, steps)
        return steps

    def _execute_planned(
        self,
        plan: FieldPlan,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        """graphql-core's ``execute_field`` with the plan's call as the resolver, for a
        field whose object or list result graphql-core completes with a resolve info."""
        return_type = plan.field_def.type
        try:
            # Completing the result passes it to is_type_of, which Strawberry's ignores.
            raw_info: Any = DeferredResolveInfo(
                self, plan.field_def, field_details_list, parent_type, path.prev, path.key
            )
            info = (
                self._info_class(_raw_info=raw_info, _field=plan.field) if plan.needs_info else None
            )
            if plan.attribute is not None:
                value = getattr(source, plan.attribute)
            else:
                arguments = (
                    self._arguments.of(plan, field_details_list, info)
                    if plan.has_arguments
                    else NO_ARGUMENTS
                )
                value = plan.call(source, info, arguments)
            if self.is_awaitable(value):
                return self.complete_awaitable_value(
                    return_type, field_details_list, raw_info, path, value, position_context
                )
            completed = self.complete_value(
                return_type, field_details_list, raw_info, path, value, position_context
            )
            if self.is_awaitable(completed):
                return self.awaited_field(completed, return_type, field_details_list, path)
            return completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
