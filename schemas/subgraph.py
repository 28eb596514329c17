"""One set of Strawberry types, five Federation 2 subgraphs cut from it by field ownership.

Every field carries the name of the subgraph that owns it (``owned_by``); fields that
carry none are shared (keys, ``@shareable`` value types, federation machinery). A
subgraph's schema keeps its own fields and the shared ones, so an entity owned
elsewhere appears there as its key alone, as Federation 2 expects.
"""

from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any, TypeVar

import strawberry.federation.schema as federation_schema
from strawberry.federation import Schema as FederationSchema
from strawberry.types.base import StrawberryObjectDefinition, get_object_definition
from strawberry.types.field import StrawberryField

SUBGRAPHS = ("admin", "analytics", "phone", "phoneMobile", "callCenter")
OWNER = "roster.subgraph"
FEDERATION_VERSION = "2.9"  # the newest that both Hive's and Apollo's composers accept

T = TypeVar("T")


def owned_by(subgraph: str, *, except_fields: Iterable[str] = ("id",)) -> Callable[[T], T]:
    """Class decorator (apply above ``@strawberry.type``): ``subgraph`` owns these fields."""
    if subgraph not in SUBGRAPHS:
        raise ValueError(f"unknown subgraph {subgraph!r}")
    skipped = set(except_fields)

    def mark(cls: T) -> T:
        definition = get_object_definition(cls, strict=True)
        for field in definition.fields:
            if field.python_name not in skipped:
                field.metadata = MappingProxyType({**(field.metadata or {}), OWNER: subgraph})
        return cls

    return mark


def owner_of(field: StrawberryField) -> str | None:
    owner = dict(field.metadata or {}).get(OWNER)
    return str(owner) if owner is not None else None


class SubgraphSchema(FederationSchema):
    """The federation schema of one subgraph: its own fields and the shared ones."""

    def __init__(self, subgraph: str, **kwargs: Any) -> None:
        self.subgraph = subgraph
        kwargs.setdefault("federation_version", FEDERATION_VERSION)
        super().__init__(**kwargs)

    def get_fields(self, type_definition: StrawberryObjectDefinition) -> list[StrawberryField]:
        return [f for f in type_definition.fields if owner_of(f) in (None, self.subgraph)]

    def _get_federation_query_type(self, *args: Any, **kwargs: Any) -> type:
        # Strawberry finds the entities of ``_Entity`` by walking every field of every
        # type, so without this each subgraph would list every entity of the graph.
        original = federation_schema._get_entity_type
        federation_schema._get_entity_type = self._own_entity_type  # type: ignore[assignment]
        try:
            return super()._get_federation_query_type(*args, **kwargs)
        finally:
            federation_schema._get_entity_type = original

    def _own_entity_type(self, query: Any, mutation: Any, subscription: Any, extra: Any) -> Any:
        from strawberry.types.base import StrawberryContainer
        from strawberry.types.lazy_type import LazyType
        from strawberry.types.union import StrawberryUnion

        entities: list[Any] = []
        seen: set[Any] = set()
        stack: list[Any] = [query, mutation, subscription, *extra]
        while stack:
            type_ = stack.pop()
            while isinstance(type_, StrawberryContainer | LazyType):
                type_ = (
                    type_.of_type
                    if isinstance(type_, StrawberryContainer)
                    else type_.resolve_type()
                )
            definition = get_object_definition(type_, strict=False)
            if definition is None or type_ in seen:
                continue
            seen.add(type_)
            if definition.is_object_type and federation_schema._has_federation_keys(definition):
                entities.append(type_)
            stack.extend(field.type for field in self.get_fields(definition))
        if not entities:
            return None
        entities.sort(key=lambda type_: type_.__strawberry_definition__.name)
        return StrawberryUnion(
            "_Entity",
            type_annotations=tuple(
                federation_schema.StrawberryAnnotation(type_) for type_ in entities
            ),
        )
