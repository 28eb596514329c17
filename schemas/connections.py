"""One construction for every Relay connection of the graph, and its edge.

``@connection`` turns ``class UserConnection(Connection[User])`` into the Strawberry
types ``UserConnection`` and ``UserEdge``, with the descriptions the committed SDL has
always had; ``Connection.of`` builds any page from its rows and the list's cursors.
Strawberry's own generics would name the types the same, but give every list the
same field descriptions, which would change the contract's SDL.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

import strawberry

from schemas.cursors import PageCursors
from schemas.pagination import PageInfo
from schemas.subgraph import owned_by

NodeT = TypeVar("NodeT")
RowT = TypeVar("RowT")
ConnectionT = TypeVar("ConnectionT", bound="type[Connection[Any]]")


class Edge(Generic[NodeT]):
    """An item of a page and the cursor to continue after it."""

    node: NodeT
    cursor: str

    if TYPE_CHECKING:

        def __init__(self, *, node: NodeT, cursor: str) -> None: ...


class Connection(Generic[NodeT]):
    """A page of a list: its edges, where it stands, and how many items match."""

    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int
    edge_type: ClassVar[type[Edge[Any]]]

    if TYPE_CHECKING:

        def __init__(
            self, *, edges: list[Edge[NodeT]], page_info: PageInfo, total_count: int
        ) -> None: ...

    @classmethod
    def of(
        cls,
        rows: Sequence[RowT],
        *,
        node: Callable[[RowT], NodeT],
        key: Callable[[RowT], tuple[Any, ...]],
        cursors: PageCursors,
        has_next_page: bool,
        total_count: int,
    ) -> Self:
        """The page of ``rows``: each row's node, and its cursor from its sort ``key``."""
        edge, encode = cls.edge_type, cursors.encode
        edges = [edge(node=node(row), cursor=encode(key(row))) for row in rows]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=has_next_page, end_cursor=edges[-1].cursor if edges else None
            ),
            total_count=total_count,
        )


def connection(
    *,
    owner: str,
    node_type: type,
    noun: str,
    plural: str,
    list_name: str,
    description: str,
) -> Callable[[ConnectionT], ConnectionT]:
    """Class decorator: the Strawberry types of a connection of ``node_type`` and its edge.

    ``noun`` names one item ("call"), ``plural`` several ("calls"), ``list_name`` the
    list ("call history"); ``owner`` is the subgraph that owns both types.
    """

    def build(cls: ConnectionT) -> ConnectionT:
        prefix = cls.__name__.removesuffix("Connection")
        edge_namespace = {
            "__module__": cls.__module__,
            "__qualname__": f"{prefix}Edge",
            "__annotations__": {"node": node_type, "cursor": str},
            "node": strawberry.field(description=f"The {noun}."),
            "cursor": strawberry.field(
                description=f"Pass as `after` to continue after this {noun}."
            ),
        }
        edge = strawberry.type(description=f"A {noun} in a page of {list_name}.")(
            type(f"{prefix}Edge", (Edge,), edge_namespace)
        )
        cls.__annotations__ = {
            "edges": list[edge],  # type: ignore[valid-type]
            "page_info": PageInfo,
            "total_count": int,
        }
        fields = {
            "edges": strawberry.field(description=f"The {plural} of this page."),
            "page_info": strawberry.field(description="Where this page stands."),
            "total_count": strawberry.field(
                description=f"How many {plural} match, over all pages."
            ),
        }
        for name, field in fields.items():
            setattr(cls, name, field)
        cls.edge_type = owned_by(owner, except_fields=())(edge)
        return owned_by(owner, except_fields=())(strawberry.type(description=description)(cls))

    return build
