"""Completing a planned scalar or enum field: coerced as ``complete_leaf_value`` does.

A str for String or ID, a bool, a 32-bit int and an enum member get what coercion would
return without its checks; anything else goes through graphql-core's coercion, and an
awaitable through graphql-core's completion once awaited.
"""

from enum import Enum
from typing import Any

from graphql import GraphQLObjectType, Undefined
from graphql.pyutils import Path

from schemas.execution.base import NEVER_AWAITABLE, NO_ARGUMENTS, PlannedExecutorBase
from schemas.execution.deferred_info import DeferredResolveInfo
from schemas.execution.plans import FieldPlan
from schemas.execution.steps import Step

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class LeafCompletion(PlannedExecutorBase):
    def _resolve_leaf(
        self,
        plan: FieldPlan,
        step: Step,
        parent_type: GraphQLObjectType,
        source: Any,
        parent_path: Path | None,
        position_context: Any,
    ) -> Any:
        """A scalar field its resolver answers: no path unless something reads it, and a
        deferred info for the resolver."""
        info = raw_info = None
        try:
            if plan.needs_info:
                raw_info = self._leaf_resolve_info(plan, step, parent_type, parent_path)
                # The Info Strawberry's resolver wrapper would build.
                info = self._info_class(_raw_info=raw_info, _field=plan.field)
            arguments = (
                self._arguments.of(plan, step.field_details_list, info)
                if plan.has_arguments
                else NO_ARGUMENTS
            )
            value = plan.call(source, info, arguments)
            if type(value) is plan.as_is and (not plan.bounded or INT_MIN <= value <= INT_MAX):
                return value
            return self._finish_leaf(
                plan, step, parent_type, parent_path, value, raw_info, position_context
            )
        except Exception as raw_error:
            self.handle_field_error(
                raw_error,
                plan.field_def.type,
                step.field_details_list,
                Path(parent_path, step.response_name, parent_type.name),
            )
            return None

    def _leaf_resolve_info(
        self,
        plan: FieldPlan,
        step: Step,
        parent_type: GraphQLObjectType,
        parent_path: Path | None,
    ) -> Any:
        return DeferredResolveInfo(
            self,
            plan.field_def,
            step.field_details_list,
            parent_type,
            parent_path,
            step.response_name,
        )

    def _finish_leaf(
        self,
        plan: FieldPlan,
        step: Step,
        parent_type: GraphQLObjectType,
        parent_path: Path | None,
        value: Any,
        raw_info: Any,
        position_context: Any,
    ) -> Any:
        """A scalar field's value, as the response holds it: coerced, or (an awaitable)
        awaited and then completed by graphql-core."""
        if type(value) not in NEVER_AWAITABLE and self.is_awaitable(value):
            if raw_info is None:
                raw_info = self._leaf_resolve_info(plan, step, parent_type, parent_path)
            return self.complete_awaitable_value(
                plan.field_def.type,
                step.field_details_list,
                raw_info,
                raw_info.path,
                value,
                position_context,
            )
        return self._complete_leaf(plan, parent_type, value)

    def _complete_leaf(self, plan: FieldPlan, parent_type: GraphQLObjectType, value: Any) -> Any:
        # What coercion returns for an enum member, without its checks on the way (a value
        # already as the response holds it never comes here).
        if plan.enum_names is not None and isinstance(value, Enum):
            name = plan.enum_names.get(value)
            if name is not None:
                return name
        if isinstance(value, Exception):
            raise value
        if value is None or value is Undefined:
            if plan.non_null:
                raise TypeError(
                    f"Cannot return null for non-nullable field {parent_type}.{plan.name}."
                )
            return None
        return self.complete_leaf_value(plan.leaf_type, value)  # type: ignore[arg-type]
