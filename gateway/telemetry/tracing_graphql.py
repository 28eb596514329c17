"""The GraphQL spans: Strawberry's OpenTelemetry extension, kept free of personal data.

Strawberry's extension records the raw document (whose literals may be an email or a
search string) and, per resolver, its arguments. Here the document is recorded with its
literals blanked, the variables never, and a resolver's arguments only where they are
identifiers, numbers, booleans or enum values under a name that is not personal.
"""

from collections.abc import Generator
from contextlib import suppress
from functools import lru_cache
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import (
    FloatValueNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLResolveInfo,
    GraphQLScalarType,
    IntValueNode,
    StringValueNode,
    Visitor,
    parse,
    print_ast,
    visit,
)
from graphql.error import GraphQLSyntaxError
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from strawberry.extensions import LifecycleStep, SchemaExtension
from strawberry.extensions.tracing import OpenTelemetryExtension
from strawberry.types import ExecutionResult

# Scalars whose values say nothing about a person: kept in a resolver span's attributes.
IMPERSONAL_SCALARS = frozenset({"ID", "Int", "Float", "Boolean"})
# An argument or input field whose name contains one of these is dropped whatever its type.
PERSONAL_NAME_PARTS = ("email", "phone", "number", "search", "name", "externalid", "query")
HIDDEN_LITERAL = ""


def _personal(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in PERSONAL_NAME_PARTS)


def _kept(value: Any, type_: GraphQLInputType) -> tuple[bool, Any]:
    """(keep?, what to keep) for ``value`` of GraphQL input type ``type_``."""
    if isinstance(type_, GraphQLNonNull):
        return _kept(value, type_.of_type)
    if value is None:
        return True, None
    if isinstance(type_, GraphQLList):
        if not isinstance(value, (list, tuple)):
            return _kept(value, type_.of_type)
        items = [_kept(item, type_.of_type) for item in value]
        if not all(keep for keep, _ in items):
            return False, None
        return True, [item for _, item in items]
    if isinstance(type_, GraphQLInputObjectType):
        if not isinstance(value, dict):
            return False, None
        return True, _kept_fields(value, type_)
    if isinstance(type_, GraphQLEnumType):
        return True, value
    if isinstance(type_, GraphQLScalarType) and type_.name in IMPERSONAL_SCALARS:
        return True, value
    return False, None


def _kept_fields(values: dict[str, Any], type_: GraphQLInputObjectType) -> dict[str, Any]:
    # graphql-core hands resolvers an input object keyed by each field's out_name.
    by_key = {field.out_name or name: (name, field) for name, field in type_.fields.items()}
    kept: dict[str, Any] = {}
    for key, value in values.items():
        name, field = by_key.get(key, (key, None))
        if field is None or _personal(name) or _personal(key):
            continue
        keep, shown = _kept(value, field.type)
        if keep:
            kept[key] = shown
    return kept


def personal_data_filter(args: dict[str, Any], info: GraphQLResolveInfo) -> dict[str, Any]:
    """The resolver's arguments a span may carry: ids, numbers, booleans and enums only, and
    none under a personal name (email, phone, number, search, name...), at any depth."""
    field = info.parent_type.fields.get(info.field_name)
    if field is None:
        return {}
    kept: dict[str, Any] = {}
    for name, value in args.items():
        argument = field.args.get(name)
        if argument is None or _personal(name):
            continue
        keep, shown = _kept(value, argument.type)
        if keep:
            kept[name] = shown
    return kept


class _BlankLiterals(Visitor):
    def enter_string_value(self, node: StringValueNode, *_: object) -> StringValueNode:
        return StringValueNode(value=HIDDEN_LITERAL, block=False)

    def enter_int_value(self, node: IntValueNode, *_: object) -> IntValueNode:
        return IntValueNode(value="0")

    def enter_float_value(self, node: FloatValueNode, *_: object) -> FloatValueNode:
        return FloatValueNode(value="0")


@lru_cache(maxsize=256)
def document_without_literals(query: str) -> str:
    """``query`` printed with every string and number literal blanked ("" and 0): its
    shape for the trace, none of the values a caller wrote inline."""
    try:
        document = parse(query, no_location=True)
    except GraphQLSyntaxError:
        return ""
    return print_ast(visit(document, _BlankLiterals()))


class OperationSpans(OpenTelemetryExtension):
    """Spans for the operation, its parsing, validation and execution; none per resolver,
    so the planned executor (schemas/execution/) keeps running the fields."""

    # Strawberry wraps every resolver when an extension implements ``resolve``.
    resolve = SchemaExtension.resolve  # type: ignore[assignment]

    def on_operation(self) -> Generator[None, None, None]:
        span = self._tracer.start_span("GraphQL Operation", kind=SpanKind.INTERNAL)
        self._span_holder[LifecycleStep.OPERATION] = span
        yield
        context = self.execution_context
        if span.is_recording():
            span.set_attribute("graphql.document", document_without_literals(context.query or ""))
            operation_type = None
            # No document, or no operation of that name: the request error says so.
            with suppress(RuntimeError):
                operation_type = context.operation_type.value
            name = context.operation_name
            if operation_type is not None:
                span.set_attribute("graphql.operation.type", operation_type)
                span.update_name(f"{operation_type} {name}" if name else operation_type)
            if name:
                span.set_attribute("graphql.operation.name", name)
            result = context.result
            if isinstance(result, (GraphQLExecutionResult, ExecutionResult)) and result.errors:
                span.set_attribute("graphql.error.count", len(result.errors))
                span.set_status(Status(StatusCode.ERROR))
        span.end()

    def on_execute(self) -> Generator[None, None, None]:
        parent = trace.set_span_in_context(self._span_holder[LifecycleStep.OPERATION])
        span = self._tracer.start_span("GraphQL Execution", context=parent)
        # Current while the fields run: their SQL statements are its children.
        token = otel_context.attach(trace.set_span_in_context(span))
        try:
            yield
        finally:
            otel_context.detach(token)
            span.end()


class ResolverSpans(OperationSpans):
    """OperationSpans and a span for each resolver call (ROSTER_TRACE_RESOLVERS=true), with
    the arguments ``personal_data_filter`` keeps."""

    resolve = OpenTelemetryExtension.resolve  # type: ignore[assignment]
