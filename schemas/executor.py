"""Field execution without the per-field machinery that plain fields do not need.

A users page of 100 with every field completes about 8,700 fields, most of them
scalars read off an object (``displayName``) or answered by a small method
(``mentionable``). For each, graphql-core builds a resolve info and walks
``complete_value``'s type tests, and Strawberry builds an ``Info``, converts the
arguments (even when there are none) and chains the field extensions (even when
there are none): 6-8 µs a field, most of such a request.

``plan_fields`` looks at every field of a schema once, when the schema is built, and
gives each plain one a ``FieldPlan``: read the attribute, or call the method with its
parameters laid out as Strawberry lays them out. ``DirectFieldExecutor`` runs planned
fields itself: arguments converted once per operation (the same for every item of a
list), a Strawberry ``Info`` only for a resolver that takes one and a resolve info only
when something reads it (``DeferredResolveInfo``), a leaf
coerced as ``complete_leaf_value`` does (a str for String or ID, a bool, a 32-bit
int and an enum member get what coercion would return without its checks), an
object's fields executed without the four calls graphql-core makes on the way there.

A field with field extensions or an exception handler, or with an input-object
argument (input types may build themselves from the info of each call), is not
planned and keeps Strawberry's resolver; so does every field while a schema
extension wraps resolvers (``resolve``). Errors are graphql-core's own: a raising
resolver, a null for a non-null field and an uncoercible value become the same
located field errors, with the same null propagation (tests/schemas/test_executor.py).
"""

import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar, cast

from graphql import (
    FieldNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
    Undefined,
    get_named_type,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.arguments import convert_arguments
from strawberry.types.field import StrawberryField

from schemas.deferred_info import DeferredResolveInfo

# graphql-core keeps such metadata in a type's ``extensions``, as Strawberry does its own.
FIELD_PLANS = "roster.fieldPlans"
_STRAWBERRY_FIELD = "strawberry-definition"
# Values that coercion to these types returns unchanged.
_AS_IS: dict[Any, type] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLBoolean: bool,
    GraphQLInt: int,  # when it fits in 32 bits (``FieldPlan.bounded``)
}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
# What a completed field most often is, and never awaitable: no call to find that out.
_NEVER_AWAITABLE = frozenset({type(None), bool, int, float, str, list, dict})
_NO_ARGUMENTS: dict[str, Any] = {}  # what a field without arguments is called with; never changed

Call = Callable[[Any, Any, dict[str, Any]], Any]  # (source, Strawberry info or None, arguments)
R = TypeVar("R", dict[str, Any], list[Any])


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
    """Plans every field of ``strawberry_schema`` that can do without Strawberry's wrapper."""
    converter = strawberry_schema.schema_converter
    for graphql_type in strawberry_schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        plans = {}
        for name, field_def in graphql_type.fields.items():
            field = (field_def.extensions or {}).get(_STRAWBERRY_FIELD)
            if isinstance(field, StrawberryField) and _plain(field, field_def, converter):
                named = get_named_type(field_def.type)
                is_leaf = is_leaf_type(named) and named is _unwrap_non_null(field_def.type)
                plans[name] = FieldPlan(
                    name=name,
                    field=field,
                    field_def=field_def,
                    leaf_type=named if is_leaf else None,  # type: ignore[arg-type]
                    non_null=isinstance(field_def.type, GraphQLNonNull),
                    as_is=_AS_IS.get(named) if is_leaf else None,
                    bounded=is_leaf and named is GraphQLInt,
                    enum_names=_enum_names(named) if is_leaf else None,
                    attribute=field.python_name if field.base_resolver is None else None,
                    call=_call(field),
                    method=_method(field),
                    needs_info=_needs_info(field),
                    has_arguments=bool(field_def.args),
                )
        graphql_type.extensions = {**(graphql_type.extensions or {}), FIELD_PLANS: plans}


def _plain(field: StrawberryField, field_def: GraphQLField, converter: Any) -> bool:
    # The handler table is private to the converter; it is empty unless a schema
    # declares exception handlers, and then those fields keep Strawberry's resolver.
    if field.extensions or converter._get_field_exception_handlers(field):
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


def _needs_info(field: StrawberryField) -> bool:
    return field.base_resolver is not None and field.base_resolver.info_parameter is not None


def _call(field: StrawberryField) -> Call:
    """Calls the field's resolver as Strawberry's ``get_arguments`` lays out its parameters."""
    resolver = field.base_resolver
    if resolver is None:
        attribute = field.python_name
        return lambda source, _info, _arguments: getattr(source, attribute)
    function = cast(Callable[..., Any], resolver.wrapped_func)
    takes_self = resolver.self_parameter is not None
    source_names = [p.name for p in (resolver.parent_parameter, resolver.root_parameter) if p]
    info_name = resolver.info_parameter.name if resolver.info_parameter else None
    if takes_self and not source_names and not resolver.arguments:
        if info_name is None:
            return lambda source, _info, _arguments: function(source)
        if _second_positional(resolver.signature, info_name):
            return lambda source, info, _arguments: function(source, info)
        return lambda source, info, _arguments: function(source, **{info_name: info})

    def call(source: Any, info: Any, arguments: dict[str, Any]) -> Any:
        keywords = dict(arguments)
        for source_name in source_names:
            keywords[source_name] = source
        if info_name is not None:
            keywords[info_name] = info
        return function(source, **keywords) if takes_self else function(**keywords)

    return call


def _second_positional(signature: inspect.Signature, name: str) -> bool:
    """Whether ``name`` is the parameter right after ``self``, passable by position."""
    parameters = list(signature.parameters.values())
    return (
        len(parameters) == 2
        and parameters[1].name == name
        and parameters[1].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    )


def _method(field: StrawberryField) -> Callable[[Any], Any] | None:
    resolver = field.base_resolver
    if (
        resolver is None
        or resolver.self_parameter is None
        or resolver.parent_parameter is not None
        or resolver.root_parameter is not None
        or resolver.info_parameter is not None
        or resolver.arguments
    ):
        return None
    return cast(Callable[[Any], Any], resolver.wrapped_func)


@dataclass(frozen=True, slots=True)
class _Step:
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


def _step(
    response_name: str, field_details_list: FieldDetailsList, plan: FieldPlan | None
) -> _Step:
    if plan is None or plan.leaf_type is None:
        return _Step(response_name, field_details_list, plan, None, None, None)
    if plan.attribute is not None:
        read = attrgetter(plan.attribute)
        return _Step(response_name, field_details_list, plan, plan, read, None)
    if plan.method is not None:
        return _Step(response_name, field_details_list, plan, plan, plan.method, None)
    return _Step(response_name, field_details_list, plan, None, None, plan)


class DirectFieldExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with planned fields run by their plans."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Converted arguments per field group: the same for every item of a list.
        self._arguments: dict[int, tuple[FieldDetailsList, dict[str, Any]]] = {}
        self._field_nodes: dict[int, tuple[FieldDetailsList, list[FieldNode]]] = {}
        # The steps of each grouped field set: the same for every item of a list.
        self._steps: dict[
            int, tuple[GroupedFieldSet, GraphQLObjectType, tuple[_Step, ...] | None]
        ] = {}
        # Strawberry passes a manager on every request; it wraps resolvers only when a
        # schema extension implements ``resolve``, and then every field keeps its wrapper.
        manager = self.middleware_manager
        self._plans_apply = manager is None or not manager.middlewares
        self._info_class = self.schema._strawberry_schema.config.info_class  # type: ignore[attr-defined]

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
                            leaf_read.bounded and not _INT_MIN <= value <= _INT_MAX
                        ):
                            value = self._finish_leaf(
                                leaf_read, step, parent_type, path, value, None, position_context
                            )
                            if type(value) not in _NEVER_AWAITABLE and is_awaitable(value):
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
                if type(result) not in _NEVER_AWAITABLE and is_awaitable(result):
                    awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return self._with_awaited(results, awaitable_fields)

    def _steps_of(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> tuple[_Step, ...] | None:
        """The fields of ``grouped_field_set`` with their plans; None when none applies."""
        cached = self._steps.get(id(grouped_field_set))
        if cached is not None and cached[0] is grouped_field_set and cached[1] is parent_type:
            return cached[2]
        plans: Mapping[str, FieldPlan] | None = parent_type.extensions.get(FIELD_PLANS)
        steps: tuple[_Step, ...] | None = None
        if plans and self._plans_apply:
            steps = tuple(
                _step(response_name, field_details_list, plan)
                for response_name, field_details_list in grouped_field_set.items()
                for plan in [plans.get(field_details_list[0].node.name.value)]
            )
        # Keeping the field set alive keeps its id from being reused during the operation.
        self._steps[id(grouped_field_set)] = (grouped_field_set, parent_type, steps)
        return steps

    def complete_value(
        self,
        return_type: Any,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        # An object (a list item, a nested object): straight to its fields, past the
        # type tests and the four calls graphql-core makes on the way there.
        object_type = return_type.of_type if type(return_type) is GraphQLNonNull else return_type
        if (
            type(object_type) is GraphQLObjectType
            and position_context is None
            and result is not None
            and not isinstance(result, Exception)
            and (object_type.is_type_of is None or object_type.is_type_of(result, info) is True)
        ):
            grouped_field_set, new_defer_usages, _ = self.collect_subfields(
                object_type, field_details_list
            )
            if not new_defer_usages:
                return self.execute_fields(object_type, result, path, grouped_field_set, None)
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def complete_iterable_value(
        self,
        item_type: Any,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Path,
        items: Any,
        position_context: Any,
    ) -> Any:
        # A list of objects (users of a page, seats of the map): the item type's fields
        # are collected once and each item goes straight to them. Anything else (an
        # awaitable, null or wrong-typed item, a stream, a deferred fragment) takes
        # graphql-core's path, item by item or for the whole list.
        object_type = item_type.of_type if type(item_type) is GraphQLNonNull else item_type
        if (
            type(object_type) is not GraphQLObjectType
            or position_context is not None
            or type(items) not in (list, tuple)
            or self.get_stream_usage(field_details_list, path) is not None
        ):
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(
            object_type, field_details_list
        )
        if new_defer_usages:
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        is_awaitable = self.is_awaitable
        is_type_of = object_type.is_type_of
        execute_fields = self.execute_fields
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        try:
            for index, item in enumerate(items):
                item_path = path.add_key(index, None)
                if (
                    item is None
                    or isinstance(item, Exception)
                    or is_awaitable(item)
                    or (is_type_of is not None and is_type_of(item, info) is not True)
                ):
                    if self._complete_item(
                        item, completed, item_type, field_details_list, info, item_path
                    ):
                        awaitable_indices.append(index)
                    continue
                try:
                    value = execute_fields(object_type, item, item_path, grouped_field_set, None)
                except Exception as raw_error:
                    self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                    value = None
                else:
                    if is_awaitable(value):
                        value = self._awaited_field(value, item_type, field_details_list, item_path)
                        awaitable_indices.append(index)
                completed.append(value)
        except Exception:
            # A non-null item failed: the list is null; settle what is already running.
            if awaitable_indices:
                self.settle_in_background([completed[index] for index in awaitable_indices])
            raise
        if not awaitable_indices:
            return completed
        return self._with_awaited(completed, awaitable_indices)

    def _complete_item(
        self,
        item: Any,
        completed: list[Any],
        item_type: Any,
        field_details_list: FieldDetailsList,
        info: Any,
        item_path: Path,
    ) -> bool:
        """graphql-core's completion of one list item; True when it is awaitable."""
        if self.is_awaitable(item):
            completed.append(
                self.complete_awaitable_list_item_value(
                    item, item_type, field_details_list, info, item_path, None
                )
            )
            return True
        return self.complete_list_item_value(
            item, completed, item_type, field_details_list, info, item_path, None
        )

    async def _with_awaited(self, results: R, keys: list[Any]) -> R:
        """``results`` (an object's fields by name, or a list's items) with the
        awaitables at ``keys`` replaced by what they give."""
        if len(keys) == 1:
            results[keys[0]] = await results[keys[0]]
        else:
            awaited = await gather_with_cancel(*(results[key] for key in keys))
            for key, value in zip(keys, awaited, strict=True):
                results[key] = value
        return results

    def _resolve_leaf(
        self,
        plan: FieldPlan,
        step: _Step,
        parent_type: GraphQLObjectType,
        source: Any,
        parent_path: Path | None,
        position_context: Any,
    ) -> Any:
        """A scalar field its resolver answers: no path unless something reads it, and a
        deferred info for the resolver."""
        info = None
        try:
            if plan.needs_info:
                raw_info = self._leaf_resolve_info(plan, step, parent_type, parent_path)
                info = self._info_class(_raw_info=raw_info, _field=plan.field)
            arguments = (
                self._converted_arguments(plan, step.field_details_list, info)
                if plan.has_arguments
                else _NO_ARGUMENTS
            )
            value = plan.call(source, info, arguments)
            if type(value) is plan.as_is and (not plan.bounded or _INT_MIN <= value <= _INT_MAX):
                return value
            return self._finish_leaf(
                plan, step, parent_type, parent_path, value, info, position_context
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
        step: _Step,
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
        step: _Step,
        parent_type: GraphQLObjectType,
        parent_path: Path | None,
        value: Any,
        info: Any,
        position_context: Any,
    ) -> Any:
        """A scalar field's value, as the response holds it: coerced, or (an awaitable)
        awaited and then completed by graphql-core."""
        if type(value) not in _NEVER_AWAITABLE and self.is_awaitable(value):
            raw_info: Any = (
                info._raw_info
                if info is not None
                else self._leaf_resolve_info(plan, step, parent_type, parent_path)
            )
            return self.complete_awaitable_value(
                plan.field_def.type,
                step.field_details_list,
                raw_info,
                raw_info.path,
                value,
                position_context,
            )
        return self._complete_leaf(plan, parent_type, value)

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
                    self._converted_arguments(plan, field_details_list, info)
                    if plan.has_arguments
                    else _NO_ARGUMENTS
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
                return self._awaited_field(completed, return_type, field_details_list, path)
            return completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None

    def nodes_of(self, field_details_list: FieldDetailsList) -> list[FieldNode]:
        """The field's nodes for a resolve info: the same list for every item of a list."""
        cached = self._field_nodes.get(id(field_details_list))
        if cached is None:
            cached = self._field_nodes[id(field_details_list)] = (
                field_details_list,
                to_nodes(field_details_list),
            )
        return cached[1]

    async def _awaited_field(
        self,
        completed: Awaitable[Any],
        return_type: Any,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None

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

    def _converted_arguments(
        self, plan: FieldPlan, field_details_list: FieldDetailsList, info: Any
    ) -> dict[str, Any]:
        cached = self._arguments.get(id(field_details_list))
        if cached is not None:
            return cached[1]
        details = field_details_list[0]
        strawberry_schema = self.schema._strawberry_schema  # type: ignore[attr-defined]
        converted = convert_arguments(
            get_argument_values(
                plan.field_def,
                details.node,
                self.variable_values,
                details.fragment_variable_values,
                self.hide_suggestions,
            ),
            plan.field.arguments,
            scalar_registry=strawberry_schema.schema_converter.scalar_registry,
            config=strawberry_schema.config,
            info=info,
        )
        # Keeping the list alive keeps its id from being reused during the operation.
        self._arguments[id(field_details_list)] = (field_details_list, converted)
        return converted
