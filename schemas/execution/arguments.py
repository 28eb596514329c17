"""Each planned field's arguments, converted as Strawberry converts them.

graphql-core coerces a field's arguments, and Strawberry converts them, at every call:
for each item of a list again, although the field's node and the variables are the same.
Converted once per field group, they are handed to every item while no resolver can
change them: scalars, enums, dates, ids. A list (``userIds: [ID!]``), or a value of a
type not known to be immutable, is converted afresh for each call, as the stock executor
does, so a resolver that changes its argument changes only its own.
"""

from datetime import date, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.values import get_argument_values
from strawberry.relay import GlobalID
from strawberry.types.arguments import convert_arguments

from schemas.execution.plans import FieldPlan, SchemaPlan

if TYPE_CHECKING:
    from schemas.execution.base import PlannedExecutorBase

# Values no resolver can change (``datetime`` is a ``date``).
_IMMUTABLE = (type(None), bool, int, float, str, bytes, Enum, date, time, timedelta, Decimal, UUID)
_IMMUTABLE_CONTAINERS = (tuple, frozenset)


def immutable(value: Any) -> bool:
    """Whether ``value`` and everything in it can be shared between calls."""
    if isinstance(value, _IMMUTABLE):
        return True
    if isinstance(value, GlobalID):
        return True  # a frozen dataclass of two strings
    if isinstance(value, _IMMUTABLE_CONTAINERS):
        return all(immutable(item) for item in value)
    return False


class OperationArguments:
    """The converted arguments of one operation's planned fields."""

    __slots__ = ("_executor", "_plan", "_shared")

    def __init__(self, executor: "PlannedExecutorBase", schema_plan: SchemaPlan) -> None:
        self._executor = executor
        self._plan = schema_plan
        # By field group: the converted arguments when every item may share them, else
        # None. Keeping the group alive keeps its id from being reused during the operation.
        self._shared: dict[int, tuple[FieldDetailsList, dict[str, Any] | None]] = {}

    def of(
        self, plan: FieldPlan, field_details_list: FieldDetailsList, info: Any
    ) -> dict[str, Any]:
        """The arguments for one call of ``plan``'s resolver."""
        cached = self._shared.get(id(field_details_list))
        if cached is not None and cached[1] is not None:
            return cached[1]
        converted = self._convert(plan, field_details_list, info)
        if cached is None:
            shared = converted if all(immutable(v) for v in converted.values()) else None
            self._shared[id(field_details_list)] = (field_details_list, shared)
        return converted

    def _convert(
        self, plan: FieldPlan, field_details_list: FieldDetailsList, info: Any
    ) -> dict[str, Any]:
        details = field_details_list[0]
        executor = self._executor
        values = get_argument_values(
            plan.field_def,
            details.node,
            executor.variable_values,
            details.fragment_variable_values,
            executor.hide_suggestions,
        )
        return convert_arguments(
            values,
            plan.field.arguments,
            scalar_registry=self._plan.scalar_registry,
            config=self._plan.config,
            info=info,
        )
