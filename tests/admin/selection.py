"""A payload type's whole selection, generated from the schema, so a field added later is in it."""

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    Undefined,
    get_named_type,
)

# Values for required arguments, by argument name then type name; an argument neither
# names fails the generation, so a new required argument is given a value on purpose.
ARGUMENT_VALUES: dict[str, str] = {
    "from": '"2026-01-01T00:00:00+00:00"',
    "to": '"2027-01-01T00:00:00+00:00"',
}


def whole_selection(schema: GraphQLSchema, type_name: str, depth: int) -> str:
    """Every field of ``type_name``, and of the types they reach, ``depth`` object levels down.

    A required enum argument is asked once per value (aliased), so each answer of, e.g.,
    ``canLogIn(product:)`` is compared; optional arguments keep their defaults.
    """
    named = schema.get_type(type_name)
    assert isinstance(named, GraphQLObjectType), type_name
    return _selection(schema, named, depth)


def _selection(schema: GraphQLSchema, type_: GraphQLObjectType, depth: int) -> str:
    parts: list[str] = []
    for name, field in sorted(type_.fields.items()):
        target = get_named_type(field.type)
        if isinstance(target, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)):
            if depth <= 0:
                continue
            inner = _abstract_or_object(schema, target, depth - 1)
            if not inner:
                continue
            parts.extend(f"{call} {{ {inner} }}" for call in _calls(name, field))
        else:
            parts.extend(_calls(name, field))
    return " ".join(parts)


def _abstract_or_object(
    schema: GraphQLSchema,
    target: GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType,
    depth: int,
) -> str:
    if isinstance(target, GraphQLObjectType):
        return _selection(schema, target, depth)
    return "__typename " + " ".join(
        f"... on {possible.name} {{ {_selection(schema, possible, depth)} }}"
        for possible in schema.get_possible_types(target)
    )


def _calls(name: str, field: GraphQLField) -> list[str]:
    """The field once, or once per value of its required enum argument, aliased."""
    fixed: list[str] = []
    enum_argument: tuple[str, GraphQLEnumType] | None = None
    for argument_name, argument in field.args.items():
        required = isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined
        if not required:
            continue
        argument_type = get_named_type(argument.type)
        if isinstance(argument_type, GraphQLEnumType) and enum_argument is None:
            enum_argument = (argument_name, argument_type)
        elif argument_name in ARGUMENT_VALUES:
            fixed.append(f"{argument_name}: {ARGUMENT_VALUES[argument_name]}")
        else:
            raise AssertionError(f"no value for the required argument {name}({argument_name}:)")
    if enum_argument is None:
        return [f"{name}({', '.join(fixed)})" if fixed else name]
    argument_name, enum = enum_argument
    return [
        f"{name}_{value}: {name}({', '.join([*fixed, f'{argument_name}: {value}'])})"
        for value in enum.values
    ]
