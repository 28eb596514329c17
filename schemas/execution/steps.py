"""The fields of one grouped field set with their plans, looked up once per operation."""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from graphql.execution.collect_fields import FieldDetailsList

from schemas.execution.plans import FieldPlan


@dataclass(frozen=True, slots=True)
class Step:
    """One field of a grouped field set, with its plan looked up once per operation."""

    response_name: str
    field_details_list: FieldDetailsList
    plan: FieldPlan | None  # None: graphql-core's and Strawberry's own path
    # The plan again when the field is a scalar read off the source by ``read``: an
    # attribute (``displayName``) or a method of the source alone (``inRealtimeMonitor``),
    # the most common fields of all.
    leaf_read: FieldPlan | None
    read: Callable[[Any], Any] | None
    # The plan again when the field is a scalar its resolver answers with an info or
    # arguments (``canLogIn``, ``visibleInSeatMap``).
    leaf_call: FieldPlan | None


def step_of(
    response_name: str, field_details_list: FieldDetailsList, plan: FieldPlan | None
) -> Step:
    if plan is None or plan.leaf_type is None:
        return Step(response_name, field_details_list, plan, None, None, None)
    if plan.attribute is not None:
        read = attrgetter(plan.attribute)
        return Step(response_name, field_details_list, plan, plan, read, None)
    if plan.method is not None:
        return Step(response_name, field_details_list, plan, plan, plan.method, None)
    return Step(response_name, field_details_list, plan, None, None, plan)
