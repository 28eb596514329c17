"""List-level prefetch driven by the selection, so per-item fields resolve synchronously.

A list resolver that returns users (or objects holding users) awaits ``prefetch_users``.
For every User field the operation selects below that list and a prefetcher is
registered for (``@prefetches("phoneNumbers")``, next to the field), the prefetcher asks
the field's own loader for every user of the list at once: the same keys, so the same
one statement per batch the items would have caused. Each such field then calls
``loaded``: prefetched, it answers at once, with no future, task or await per item;
otherwise (one user, an entity, a nested list) it returns an awaitable, which
graphql-core awaits like the result of any async resolver.

Nothing outlives the request: the values sit in the request's own loaders.
"""

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
)
from graphql.execution import values

from resolvers.loaders.base import NOT_LOADED, TenantLoader
from schemas.context import Info

T = TypeVar("T")


def later(awaitable: Awaitable[T]) -> T:
    """An awaitable where a resolver declares a value: graphql-core awaits whatever
    awaitable a resolver returns, so one field can be sync or async call by call."""
    return cast(T, awaitable)


def loaded(loader: TenantLoader, key: Any, convert: Callable[[Any], T]) -> T:
    """``convert`` of what ``loader`` has for ``key``: at once when a list prefetched it,
    else once loaded."""
    value = loader.peek(key)
    if value is not NOT_LOADED:
        return convert(value)
    return later(_convert_when_loaded(loader, key, convert))


async def _convert_when_loaded(loader: TenantLoader, key: Any, convert: Callable[[Any], T]) -> T:
    return convert(await loader.load(key))


@dataclass(frozen=True, slots=True)
class FieldSelection:
    """One selection of a User field: its coerced arguments and what it selects below."""

    raw_info: GraphQLResolveInfo
    node: FieldNode
    field_type: Any
    arguments: dict[str, Any]

    def selects(self, name: str) -> bool:
        return name in _collect(self.raw_info, [self.node], get_named_type(self.field_type))


Prefetcher = Callable[[Info, Sequence[int], FieldSelection], Iterable[Awaitable[Any]]]
USER_PREFETCHERS: dict[str, Prefetcher] = {}


def prefetches(field_name: str) -> Callable[[Prefetcher], Prefetcher]:
    """Registers the prefetcher of the User field ``field_name`` (its GraphQL name)."""

    def register(prefetcher: Prefetcher) -> Prefetcher:
        USER_PREFETCHERS[field_name] = prefetcher
        return prefetcher

    return register


async def prefetch_users(info: Info, user_pks: Sequence[int], path: Sequence[str] = ()) -> None:
    """Loads, for all ``user_pks`` at once, what the User fields selected at ``path`` below
    the current field will ask for (``("edges", "node")`` for a connection of users)."""
    if not user_pks:
        return
    loads: list[Awaitable[Any]] = []
    for name, selections in selections_below(info, path).items():
        prefetcher = USER_PREFETCHERS.get(name)
        if prefetcher is not None:
            for selection in selections:
                loads.extend(prefetcher(info, user_pks, selection))
    # A failed batch stays in its loader: each field then reports it, as without prefetch.
    await asyncio.gather(*loads, return_exceptions=True)


def selects_directly(info: Info, name: str) -> bool:
    """Whether the current field selects ``name`` (through fragments): one level of the
    document is read, where ``info.selected_fields`` converts the whole selection; once
    per request for the field nodes of a list's items (the same list for every item)."""
    raw = info._raw_info
    memo = info.context.memo
    key = (selects_directly, id(raw.field_nodes))
    known = memo.get(key)
    if known is None or known[0] is not raw.field_nodes:
        # Keeping the nodes alive keeps their id from being reused during the request.
        selected = frozenset(_collect(raw, raw.field_nodes, get_named_type(raw.return_type)))
        known = memo[key] = (raw.field_nodes, selected)
    return name in known[1]


def selections_below(info: Info, path: Sequence[str]) -> dict[str, list[FieldSelection]]:
    """The fields selected at ``path`` below the current field (on the object type found
    there), by GraphQL name."""
    raw = info._raw_info
    nodes: list[FieldNode] = list(raw.field_nodes)
    parent = get_named_type(raw.return_type)
    for name in path:
        assert isinstance(parent, GraphQLObjectType)
        nodes = _collect(raw, nodes, parent).get(name, [])
        parent = get_named_type(parent.fields[name].type)
    assert isinstance(parent, GraphQLObjectType)
    variables = _variable_values(raw)
    return {
        name: [
            FieldSelection(
                raw_info=raw,
                node=node,
                field_type=parent.fields[name].type,
                arguments=values.get_argument_values(parent.fields[name], node, variables),
            )
            for node in group
        ]
        for name, group in _collect(raw, nodes, parent).items()
        if name in parent.fields
    }


def _variable_values(raw: GraphQLResolveInfo) -> Any:
    variables: Any = raw.variable_values
    if isinstance(variables, dict):
        # Strawberry hands resolvers the plain coerced dict; graphql-core reads its own shape.
        return values.VariableValues(sources={}, coerced=variables)
    return variables


def _included(raw: GraphQLResolveInfo, node: Any) -> bool:
    variables = _variable_values(raw)
    skip = values.get_directive_values(GraphQLSkipDirective, node, variables)
    if skip is not None and skip.get("if") is True:
        return False
    include = values.get_directive_values(GraphQLIncludeDirective, node, variables)
    return include is None or include.get("if") is not False


def _applies(raw: GraphQLResolveInfo, type_condition: Any, runtime_type: Any) -> bool:
    if type_condition is None:
        return True
    condition = raw.schema.get_type(type_condition.name.value)
    if condition is None:
        return False
    if condition is runtime_type:
        return True
    return is_abstract_type(condition) and raw.schema.is_sub_type(condition, runtime_type)


def _collect(
    raw: GraphQLResolveInfo, nodes: Sequence[FieldNode], runtime_type: Any
) -> dict[str, list[FieldNode]]:
    """The fields selected on ``runtime_type`` below ``nodes``, through fragments."""
    collected: dict[str, list[FieldNode]] = defaultdict(list)
    for node in nodes:
        _visit(raw, node.selection_set, runtime_type, collected)
    return collected


def _visit(
    raw: GraphQLResolveInfo,
    selection_set: SelectionSetNode | None,
    runtime_type: Any,
    collected: dict[str, list[FieldNode]],
) -> None:
    # A function of the module, not one nested in _collect: a nested one calling itself
    # would be a reference cycle holding the resolve info, and the request with it.
    for selection in selection_set.selections if selection_set else ():
        if not _included(raw, selection):
            continue
        if isinstance(selection, FieldNode):
            collected[selection.name.value].append(selection)
        elif isinstance(selection, InlineFragmentNode):
            if _applies(raw, selection.type_condition, runtime_type):
                _visit(raw, selection.selection_set, runtime_type, collected)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = raw.fragments.get(selection.name.value)
            if fragment is not None and _applies(raw, fragment.type_condition, runtime_type):
                _visit(raw, fragment.selection_set, runtime_type, collected)
