"""Every argument of a kind in the composed schema, and an operation that reaches it.

Tests that must cover every DateTime argument, or every cursor, find them here by
walking the schema, so a field added later is covered without anyone listing it.
"""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)

from schemas.graph import plain_schemas

SCHEMA: GraphQLSchema = plain_schemas()["composed"]._schema

# Literal values for required arguments of the fields on the way to (and below) a site.
_FILLERS = {
    "Int": "10",
    "String": '"a"',
    "Boolean": "true",
    "ID": '"none"',
    "DateTime": '"2026-01-01T00:00:00+00:00"',
}
_LATER_FILLERS = {"to": '"2026-02-01T00:00:00+00:00"'}
# By argument name: an id that must name a row of the test's world (its first endpoint).
_NAMED_FILLERS = {"endpointId": '"V2ViaG9va0VuZHBvaW50OjE="'}  # WebhookEndpoint 1


@dataclass(frozen=True)
class ArgumentSite:
    type_name: str
    field_name: str
    arguments: tuple[str, ...]  # the field's arguments of the kind, in schema order

    def __str__(self) -> str:
        return f"{self.type_name}.{self.field_name}({', '.join(self.arguments)})"


def argument_sites(
    schema: GraphQLSchema, chosen: Callable[[GraphQLField, GraphQLArgument, str], bool]
) -> list[ArgumentSite]:
    """Every field (of every object type) with arguments ``chosen(field, argument, name)``."""
    sites = []
    for type_ in schema.type_map.values():
        if not is_object_type(type_) or type_.name.startswith("__"):
            continue
        assert isinstance(type_, GraphQLObjectType)
        for field_name, field in type_.fields.items():
            names = tuple(name for name, arg in field.args.items() if chosen(field, arg, name))
            if names:
                sites.append(ArgumentSite(type_.name, field_name, names))
    return sorted(sites, key=str)


def is_page(field: GraphQLField) -> bool:
    """Whether ``field`` returns a page of a list (a connection: it has ``pageInfo``)."""
    returned = get_named_type(field.type)
    return isinstance(returned, GraphQLObjectType) and "pageInfo" in returned.fields


def _filler(name: str, argument: GraphQLArgument) -> str | None:
    named = get_named_type(argument.type)
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    if name in _NAMED_FILLERS:
        return _NAMED_FILLERS[name]
    if name in _LATER_FILLERS and named.name == "DateTime":
        return _LATER_FILLERS[name]
    return _FILLERS.get(named.name)


def _required_arguments(field: GraphQLField, skip: tuple[str, ...] = ()) -> str | None:
    """``(a: 1, b: "x")`` for the field's required arguments; None if one cannot be filled."""
    parts = []
    for name, argument in field.args.items():
        if name in skip or not is_non_null_type(argument.type) or argument.default_value:
            continue
        value = _filler(name, argument)
        if value is None:
            return None
        parts.append(f"{name}: {value}")
    return f"({', '.join(parts)})" if parts else ""


def _path_to(schema: GraphQLSchema, type_name: str) -> list[str]:
    """Field selections (with filled arguments) from Query to an object of ``type_name``."""
    assert schema.query_type is not None
    queue: deque[tuple[GraphQLNamedType, list[str]]] = deque([(schema.query_type, [])])
    seen = {schema.query_type.name}
    while queue:
        type_, path = queue.popleft()
        if type_.name == type_name:
            return path
        assert isinstance(type_, GraphQLObjectType)
        # Fields without arguments first: the shortest, plainest way there.
        for name, field in sorted(type_.fields.items(), key=lambda item: len(item[1].args)):
            target = get_named_type(field.type)
            arguments = _required_arguments(field)
            if not is_object_type(target) or target.name in seen or arguments is None:
                continue
            seen.add(target.name)
            queue.append((target, [*path, f"{name}{arguments}"]))
    raise AssertionError(f"no way from Query to {type_name}")


def selection_of(type_: GraphQLNamedType, depth: int) -> str:
    """Every field of ``type_`` that can be asked for, ``depth`` object levels down."""
    if is_leaf_type(type_):
        return ""
    if not is_object_type(type_) or depth == 0:
        return "{ __typename }"
    assert isinstance(type_, GraphQLObjectType)
    parts = ["__typename"]
    for name, field in type_.fields.items():
        arguments = _required_arguments(field)
        if arguments is None:
            continue
        below = selection_of(get_named_type(field.type), depth - 1)
        parts.append(f"{name}{arguments} {below}".strip())
    return "{ " + " ".join(parts) + " }"


def operation_for(
    schema: GraphQLSchema, site: ArgumentSite, *, depth: int = 2
) -> tuple[str, dict[str, str]]:
    """A query that sets the site's arguments from variables (``$<argument>``) and selects
    what lies below it; returns it with each variable's argument name."""
    owner = schema.get_type(site.type_name)
    assert isinstance(owner, GraphQLObjectType)
    field = owner.fields[site.field_name]
    variables = {f"v_{name}": name for name in site.arguments}
    declared = ", ".join(f"${v}: {field.args[name].type}" for v, name in variables.items())
    own = [f"{name}: ${v}" for v, name in variables.items()]
    others = _required_arguments(field, skip=site.arguments)
    assert others is not None, f"{site}: a required argument cannot be filled"
    if others:
        own.append(others[1:-1])
    below = selection_of(get_named_type(field.type), depth)
    inner = f"{site.field_name}({', '.join(own)}) {below}".strip()
    for step in reversed(_path_to(schema, site.type_name)):
        inner = f"{step} {{ {inner} }}"
    return f"query({declared}) {{ {inner} }}", variables
