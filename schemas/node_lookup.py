"""Every Node entity found by its id, one way: ``node(id:)``, ``resolve_reference``, ``_entities``.

A Node type says once, with ``@node_entity(...)``, which loader finds its rows and, for a
private type, whose it is; that one declaration answers ``node(id:)`` and gives the
type its federation ``resolve_reference``.
"""

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol, TypeVar

from strawberry.types.base import get_object_definition

from resolvers.ids import from_global_id, pk_of
from resolvers.loaders.base import RowByIdLoader
from schemas.context import Info, may_see_private
from schemas.errors import forbidden_error


class _BuiltFromRows(Protocol):
    """A Node class: ``from_row`` builds one from its stored row."""

    def from_row(self, row: Any) -> Any: ...


T = TypeVar("T", bound=_BuiltFromRows)


class NodeKind(NamedTuple):
    loader: type[RowByIdLoader]
    build: Callable[[Any], Any]
    # For private objects (history, integrations): the column naming the user they belong to.
    private_to: str | None = None
    # For objects only admins may read (scheduled status changes, the audit log).
    admin_only: bool = False


# Filled by ``node_entity`` as the types are defined: GraphQL type name -> its kind.
NODE_KINDS: dict[str, NodeKind] = {}


def node_entity(
    loader: type[RowByIdLoader], *, private_to: str | None = None, admin_only: bool = False
) -> Callable[[T], T]:
    """Class decorator (apply above ``@strawberry.federation.type``): the type is a Node
    entity whose rows ``loader`` finds by primary key and ``from_row`` builds."""

    def register(cls: T) -> T:
        type_name = get_object_definition(cls, strict=True).name
        if type_name in NODE_KINDS:
            raise ValueError(f"{type_name} is already a node entity")
        NODE_KINDS[type_name] = NodeKind(loader, cls.from_row, private_to, admin_only)

        async def resolve_reference(_cls: type, info: Info, id: str) -> Any:
            return await resolve_entity(info, type_name, id)

        # Strawberry's `_entities` calls the type's resolve_reference with the key.
        cls.resolve_reference = classmethod(resolve_reference)  # type: ignore[attr-defined]
        return cls

    return register


async def load_node(info: Info, type_name: str, pk: int) -> Any:
    """The ``type_name`` object with primary key ``pk`` in the caller's tenant, or None."""
    kind = NODE_KINDS.get(type_name)
    if kind is None:
        return None
    row = await info.context.loader(kind.loader).load(pk)
    if row is None:
        return None
    if kind.admin_only and not info.context.caller.is_admin:
        raise forbidden_error()
    if kind.private_to is not None and not may_see_private(info, getattr(row, kind.private_to)):
        raise forbidden_error()
    return kind.build(row)


async def resolve_node(info: Info, global_id: str) -> Any:
    decoded = from_global_id(global_id)
    return await load_node(info, *decoded) if decoded is not None else None


async def resolve_entity(info: Info, type_name: str, global_id: str) -> Any:
    """An entity's ``resolve_reference``: the representation's id, of this type only."""
    pk = pk_of(global_id, type_name)
    return await load_node(info, type_name, pk) if pk is not None else None
