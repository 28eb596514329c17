"""Which fields of a schema can do without Strawberry's per-field wrapper, worked out once.

``plan_fields`` looks at every field of a schema when the schema is built and gives each
plain one a ``FieldPlan``: read the attribute, or call the method with its parameters laid
out as Strawberry lays them out (``resolver_calls``). Plans are kept where graphql-core
keeps such metadata, in the ``extensions`` of each object type; what the executor needs
from Strawberry for the whole schema (its config, its scalars) in the schema's.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    get_named_type,
    is_leaf_type,
)
from strawberry.types.field import StrawberryField

from schemas.execution.resolver_calls import Call, call_of, method_of, needs_info
from schemas.execution.versions import warn_if_unverified

FIELD_PLANS = "roster.fieldPlans"
SCHEMA_PLAN = "roster.schemaPlan"
# Where Strawberry keeps each GraphQL field's own definition.
_STRAWBERRY_FIELD = "strawberry-definition"
# Values that coercion to these types returns unchanged.
_AS_IS: dict[Any, type] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLBoolean: bool,
    GraphQLInt: int,  # when it fits in 32 bits (``FieldPlan.bounded``)
}


@dataclass(frozen=True, slots=True)
class SchemaPlan:
    """What the executor takes from the Strawberry schema: how it builds an ``Info`` and
    converts arguments."""

    config: Any  # StrawberryConfig
    scalar_registry: Mapping[Any, Any]


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """How to answer one field of one object type without Strawberry's resolver."""

    name: str
    field: StrawberryField
    field_def: GraphQLField
    leaf_type: GraphQLScalarType | GraphQLEnumType | None  # None: completed by graphql-core
    non_null: bool
    # None, or the type whose leaf values need no coercion (Any: mypy would narrow a value
    # compared to it to object).
    as_is: Any
    bounded: bool  # an Int: as is only within 32 bits
    enum_names: Mapping[Any, str] | None  # a Strawberry enum's members and their GraphQL names
    attribute: str | None  # read it off the source (``call`` does the same, for the rest)
    call: Call
    # The resolver when it takes the source alone (no info, argument or root): a method.
    method: Callable[[Any], Any] | None
    needs_info: bool
    has_arguments: bool


def plan_fields(strawberry_schema: Any) -> None:
    """Plans every field of ``strawberry_schema`` that can do without Strawberry's wrapper.

    A schema with exception handlers is not planned at all: Strawberry's resolver is what
    turns an exception into a result there.
    """
    warn_if_unverified()
    # Strawberry keeps its GraphQL schema in ``_schema``: read once, here, at build time.
    graphql_schema: GraphQLSchema = strawberry_schema._schema
    if strawberry_schema.exception_handlers:
        return
    # A subscription's root fields resolve each event to itself, as graphql-core's
    # subscription loop runs them: they are never planned.
    subscription_type = graphql_schema.subscription_type
    for graphql_type in graphql_schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        if graphql_type is subscription_type:
            continue
        plans = {
            name: _plan(name, field_def)
            for name, field_def in graphql_type.fields.items()
            if _plain(field_def)
        }
        graphql_type.extensions = {**(graphql_type.extensions or {}), FIELD_PLANS: plans}
    schema_plan = SchemaPlan(
        config=strawberry_schema.config,
        scalar_registry=strawberry_schema.schema_converter.scalar_registry,
    )
    graphql_schema.extensions = {**(graphql_schema.extensions or {}), SCHEMA_PLAN: schema_plan}


def _plan(name: str, field_def: GraphQLField) -> FieldPlan:
    field: StrawberryField = field_def.extensions[_STRAWBERRY_FIELD]
    named = get_named_type(field_def.type)
    is_leaf = is_leaf_type(named) and named is _unwrap_non_null(field_def.type)
    return FieldPlan(
        name=name,
        field=field,
        field_def=field_def,
        leaf_type=named if is_leaf else None,  # type: ignore[arg-type]
        non_null=isinstance(field_def.type, GraphQLNonNull),
        as_is=_AS_IS.get(named) if is_leaf else None,
        bounded=is_leaf and named is GraphQLInt,
        enum_names=_enum_names(named) if is_leaf else None,
        attribute=field.python_name if field.base_resolver is None else None,
        call=call_of(field),
        method=method_of(field),
        needs_info=needs_info(field),
        has_arguments=bool(field_def.args),
    )


def _plain(field_def: GraphQLField) -> bool:
    """A field with no extension, a default or callable resolver, and leaf arguments only
    (an input object may build itself from each call's info)."""
    field = (field_def.extensions or {}).get(_STRAWBERRY_FIELD)
    if not isinstance(field, StrawberryField) or field.extensions:
        return False
    resolver = field.base_resolver
    if resolver is None and field.default_resolver is not getattr:
        return False
    if resolver is not None and not callable(resolver.wrapped_func):
        return False  # Strawberry reports that itself, call by call
    return all(is_leaf_type(get_named_type(arg.type)) for arg in field_def.args.values())


def _enum_names(leaf_type: Any) -> Mapping[Any, str] | None:
    """What Strawberry's enum type coerces each member of its Python enum to."""
    wrapped = getattr(leaf_type, "wrapped_cls", None)
    if not isinstance(leaf_type, GraphQLEnumType) or wrapped is None:
        return None
    return {member: leaf_type.coerce_output_value(member) for member in wrapped}


def _unwrap_non_null(graphql_type: Any) -> Any:
    return graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
