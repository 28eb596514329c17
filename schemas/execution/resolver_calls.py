"""Calling a field's resolver as Strawberry's ``get_arguments`` lays out its parameters."""

import inspect
from collections.abc import Callable
from typing import Any, cast

from strawberry.types.field import StrawberryField

Call = Callable[[Any, Any, dict[str, Any]], Any]  # (source, Strawberry info or None, arguments)


def needs_info(field: StrawberryField) -> bool:
    return field.base_resolver is not None and field.base_resolver.info_parameter is not None


def call_of(field: StrawberryField) -> Call:
    """The field's resolver (or attribute read) as one call of source, info and arguments."""
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


def method_of(field: StrawberryField) -> Callable[[Any], Any] | None:
    """The resolver when it takes the source alone (no info, argument or root)."""
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
