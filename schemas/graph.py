"""The five subgraph schemas and the composed graph, all from the same types."""

import warnings
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig

from schemas.admin.api_token import ApiToken
from schemas.admin.audit import AuditEntry
from schemas.admin.mutations import AdminMutation
from schemas.admin.queries import AdminQuery
from schemas.admin.scheduled_change import ScheduledStatusChange
from schemas.admin.scim_token import ScimToken
from schemas.admin.subscriptions import AdminSubscription
from schemas.admin.types import IncomingCallRule, PhoneNumber, UserGroup, UserStatusEvent
from schemas.analytics.mutations import AnalyticsMutation
from schemas.analytics.queries import AnalyticsQuery
from schemas.analytics.types import Call, Comment, Meeting
from schemas.api_schema import ApiSchema
from schemas.call_center.mutations import CallCenterMutation
from schemas.call_center.queries import CallCenterQuery
from schemas.call_center.subscriptions import CallCenterSubscription
from schemas.call_center.types import Seat
from schemas.execution import DirectFieldExecutor, plan_fields
from schemas.phone.queries import PhoneQuery
from schemas.phone_mobile.queries import PhoneMobileQuery
from schemas.scalars import SCALARS
from schemas.subgraph import SUBGRAPHS, SubgraphSchema, owner_of
from schemas.user import User
from schemas.video import VideoIntegration

ExtensionFactory = type[SchemaExtension] | Callable[[], SchemaExtension]


@strawberry.type(description="Everything you can read.")
class Query(
    AdminQuery,
    AnalyticsQuery,
    PhoneQuery,
    PhoneMobileQuery,
    CallCenterQuery,
):
    pass


@strawberry.type(description="Everything you can change.")
class Mutation(AdminMutation, AnalyticsMutation, CallCenterMutation):
    pass


@strawberry.type(description="Everything you can follow live, as it commits.")
class Subscription(AdminSubscription, CallCenterSubscription):
    pass


# Types reachable only through Node or _entities; `node` returns any of them.
NODE_TYPES: list[type] = [
    User,
    PhoneNumber,
    UserGroup,
    IncomingCallRule,
    UserStatusEvent,
    VideoIntegration,
    Seat,
    Call,
    Meeting,
    Comment,
    ScheduledStatusChange,
    ApiToken,
    ScimToken,
    AuditEntry,
]
CONFIG = StrawberryConfig(auto_camel_case=True, scalar_map=SCALARS)


def _has_fields(root: type, subgraph: str) -> bool:
    definition = root.__strawberry_definition__  # type: ignore[attr-defined]
    return any(owner_of(field) == subgraph for field in definition.fields)


SchemaT = TypeVar("SchemaT", bound=strawberry.Schema)


def _executor(planned_execution: bool) -> type[DirectFieldExecutor] | None:
    """The execution context: the planned one (docs/executor.md), or None for
    Strawberry's stock graphql-core execution (ROSTER_PLANNED_EXECUTION=false)."""
    return DirectFieldExecutor if planned_execution else None


def _planned(schema: SchemaT, planned_execution: bool) -> SchemaT:
    if planned_execution:
        plan_fields(schema)
    return schema


def build_subgraph_schema(
    subgraph: str,
    extensions: Sequence[ExtensionFactory] = (),
    *,
    planned_execution: bool = True,
) -> SubgraphSchema:
    if subgraph not in SUBGRAPHS:
        raise ValueError(f"unknown subgraph {subgraph!r}; one of {', '.join(SUBGRAPHS)}")
    return _planned(
        SubgraphSchema(
            subgraph,
            query=Query,
            mutation=Mutation if _has_fields(Mutation, subgraph) else None,
            subscription=Subscription if _has_fields(Subscription, subgraph) else None,
            types=NODE_TYPES if subgraph == "admin" else [User],
            extensions=list(extensions),
            config=CONFIG,
            execution_context_class=_executor(planned_execution),
        ),
        planned_execution,
    )


def build_composed_schema(
    extensions: Sequence[ExtensionFactory] = (), *, planned_execution: bool = True
) -> strawberry.Schema:
    """The whole graph as one plain schema: what the supergraph's API schema is, minus routing."""
    with warnings.catch_warnings():
        # The types' @key and @shareable are for the subgraphs; ApiSchema leaves them out.
        warnings.filterwarnings("ignore", message="Federation directive found in schema")
        return _planned(
            ApiSchema(
                query=Query,
                mutation=Mutation,
                subscription=Subscription,
                types=NODE_TYPES,
                extensions=list(extensions),
                config=CONFIG,
                execution_context_class=_executor(planned_execution),
            ),
            planned_execution,
        )


@cache
def plain_schemas(planned_execution: bool = True) -> dict[str, Any]:
    """Every schema without request extensions: for SDL export and in-process use."""
    schemas: dict[str, Any] = {
        name: build_subgraph_schema(name, planned_execution=planned_execution) for name in SUBGRAPHS
    }
    schemas["composed"] = build_composed_schema(planned_execution=planned_execution)
    return schemas
