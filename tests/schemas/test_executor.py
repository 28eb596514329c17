"""DirectFieldExecutor answers exactly what Strawberry's own executor answers: the same
data, the same errors at the same paths, the same null propagation; and it really
takes its short path (no resolve info for plain leaf fields)."""

import enum
from datetime import UTC, datetime
from typing import Any

import pytest
import strawberry
from strawberry.extensions import FieldExtension, SchemaExtension

from schemas.execution import FIELD_PLANS, DirectFieldExecutor, plan_fields
from schemas.graph import plain_schemas


@strawberry.enum
class Product(enum.Enum):
    ADMIN = "ADMIN"
    PHONE = "PHONE"


class Shout(FieldExtension):
    def resolve(self, next_: Any, source: Any, info: strawberry.Info, **kwargs: Any) -> Any:
        return next_(source, info, **kwargs).upper()


@strawberry.type
class Item:
    name: str
    active: bool
    rank: int
    product: Product
    since: datetime | None
    nickname: str | None
    must: str | None = strawberry.field(graphql_type=str)  # non-null in the schema
    bad_rank: Any = strawberry.field(graphql_type=int)
    reach: int  # GraphQL's Int is 32 bits

    @strawberry.field
    def allowed(self, product: Product) -> bool:
        return self.active and product is Product.ADMIN

    @strawberry.field
    def label(self, info: strawberry.Info, prefix: str = "#") -> str:
        return f"{prefix}{self.rank}:{info.field_name}"

    @strawberry.field
    async def later(self) -> int:
        return self.rank * 10

    @strawberry.field
    def seen_by(self, info: strawberry.Info) -> str:
        return f"{info.context['who']} saw {self.name}"

    @strawberry.field
    def where(self, info: strawberry.Info) -> str:
        selected = [field.name for field in info.selected_fields]
        return f"{info.field_name} {info.python_name} {list(info.path.as_list())} {selected}"

    @strawberry.field
    def extensions_seen(self, info: strawberry.Info) -> str:
        return repr(info.input_extensions)

    @strawberry.field
    def seen_later(self, info: strawberry.Info) -> str:
        async def seen() -> str:
            return f"{info.context['who']} later saw {self.name}"

        return seen()  # type: ignore[return-value]

    @strawberry.field
    def broken(self) -> bool:
        raise ValueError(f"no answer for {self.name}")

    @strawberry.field(extensions=[Shout()])
    def loud(self) -> str:
        return self.name

    @strawberry.field
    def twin(self) -> "Item | None":
        return ITEMS[1 - ITEMS.index(self)]


ITEMS = [
    Item(
        name="ada",
        active=True,
        rank=1,
        product=Product.ADMIN,
        since=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        nickname=None,
        must="yes",
        bad_rank=1,
        reach=2**31 - 1,
    ),
    Item(
        name="bo",
        active=False,
        rank=2,
        product=Product.PHONE,
        since=None,
        nickname="b",
        must=None,
        bad_rank="many",
        reach=2**31,
    ),
]


async def _later_item(index: int) -> Item:
    return ITEMS[index]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS

    @strawberry.field
    def maybe_items(self) -> list[Item] | None:
        return ITEMS

    @strawberry.field
    def mixed(self) -> list[Item | None]:
        """An item, a null and an awaitable item: graphql-core's path, item by item."""
        return [ITEMS[0], None, _later_item(1)]  # type: ignore[list-item]

    @strawberry.field
    def item(self, index: int) -> Item | None:
        return ITEMS[index]


def _schemas(*extensions: Any) -> tuple[strawberry.Schema, strawberry.Schema]:
    stock = strawberry.Schema(query=Query, extensions=list(extensions))
    direct = strawberry.Schema(
        query=Query, extensions=list(extensions), execution_context_class=DirectFieldExecutor
    )
    plan_fields(direct)
    return stock, direct


async def _both(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    stock, direct = _schemas()
    expected = await stock.execute(query, variable_values=variables)
    actual = await direct.execute(query, variable_values=variables)
    assert actual.data == expected.data
    assert [e.formatted for e in actual.errors or []] == [
        e.formatted for e in expected.errors or []
    ]
    return {"data": actual.data, "errors": [e.formatted for e in actual.errors or []]}


async def test_plain_leaf_fields_answer_as_strawberry_does():
    answer = await _both(
        """query ($p: Product!) { items {
            name active rank product since nickname
            admin: allowed(product: ADMIN) phone: allowed(product: $p)
            label dash: label(prefix: "-") later loud twin { name }
        } }""",
        {"p": "ADMIN"},
    )
    assert answer == {
        "data": {
            "items": [
                {
                    "name": "ada",
                    "active": True,
                    "rank": 1,
                    "product": "ADMIN",
                    "since": "2026-01-02T03:04:05+00:00",
                    "nickname": None,
                    "admin": True,
                    "phone": True,
                    "label": "#1:label",
                    "dash": "-1:label",
                    "later": 10,
                    "loud": "ADA",
                    "twin": {"name": "bo"},
                },
                {
                    "name": "bo",
                    "active": False,
                    "rank": 2,
                    "product": "PHONE",
                    "since": None,
                    "nickname": "b",
                    "admin": False,
                    "phone": False,
                    "label": "#2:label",
                    "dash": "-2:label",
                    "later": 20,
                    "loud": "BO",
                    "twin": {"name": "ada"},
                },
            ]
        },
        "errors": [],
    }


async def test_a_raising_resolver_is_a_field_error_at_its_path_and_nulls_its_parent():
    answer = await _both(
        "{ first: item(index: 0) { name broken } second: item(index: 1) { name } }"
    )
    assert answer == {
        "data": {"first": None, "second": {"name": "bo"}},
        "errors": [
            {
                "message": "no answer for ada",
                "locations": [{"line": 1, "column": 32}],
                "path": ["first", "broken"],
            }
        ],
    }


async def test_null_for_a_non_null_field_and_an_uncoercible_value_are_errors():
    answer = await _both(
        """{
            first: item(index: 0) { must badRank reach }
            second: item(index: 1) { must }
            third: item(index: 1) { badRank }
            fourth: item(index: 1) { reach }
        }"""
    )
    assert answer["data"] == {
        "first": {"must": "yes", "badRank": 1, "reach": 2147483647},
        "second": None,
        "third": None,
        "fourth": None,
    }
    assert [(e["message"], e["path"]) for e in answer["errors"]] == [
        ("Cannot return null for non-nullable field Item.must.", ["second", "must"]),
        ("Int cannot represent non-integer value: 'many'", ["third", "badRank"]),
        (
            "Int cannot represent non 32-bit signed integer value: 2147483648",
            ["fourth", "reach"],
        ),
    ]


async def test_lists_with_null_awaitable_and_failing_items_answer_as_strawberry_does():
    answer = await _both("{ mixed { name later } }")
    assert answer == {
        "data": {"mixed": [{"name": "ada", "later": 10}, None, {"name": "bo", "later": 20}]},
        "errors": [],
    }
    answer = await _both("{ mixed { name broken } }")
    assert answer["data"] == {"mixed": [None, None, None]}
    assert [(e["message"], e["path"]) for e in answer["errors"]] == [
        ("no answer for ada", ["mixed", 0, "broken"]),
        ("no answer for bo", ["mixed", 2, "broken"]),
    ]


async def test_a_failing_non_null_item_nulls_the_whole_list():
    answer = await _both("{ maybeItems { name must } items { name } }")
    assert answer == {
        "data": {"maybeItems": None, "items": [{"name": "ada"}, {"name": "bo"}]},
        "errors": [
            {
                "message": "Cannot return null for non-nullable field Item.must.",
                "locations": [{"line": 1, "column": 21}],
                "path": ["maybeItems", 1, "must"],
            }
        ],
    }


async def test_a_list_of_objects_skips_graphql_cores_item_by_item_completion(monkeypatch):
    _, direct = _schemas()
    completed_one_by_one: list[Any] = []
    original = DirectFieldExecutor.complete_list_item_value

    def counted(self: Any, item: Any, *args: Any) -> Any:
        completed_one_by_one.append(item)
        return original(self, item, *args)

    monkeypatch.setattr(DirectFieldExecutor, "complete_list_item_value", counted)
    result = await direct.execute("{ items { name } mixed { name } }")
    assert result.errors is None
    assert result.data == {
        "items": [{"name": "ada"}, {"name": "bo"}],
        "mixed": [{"name": "ada"}, None, {"name": "bo"}],
    }
    # Only the null of `mixed` (the awaitable item is awaited first, then completed).
    assert completed_one_by_one == [None]


async def test_a_schema_extension_that_wraps_resolvers_still_sees_every_field():
    seen: list[str] = []

    class Recorder(SchemaExtension):
        def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    stock, direct = _schemas(Recorder)
    query = "{ item(index: 0) { name allowed(product: PHONE) } }"
    expected = await stock.execute(query)
    stock_seen, seen[:] = list(seen), []
    actual = await direct.execute(query)
    assert actual.data == expected.data == {"item": {"name": "ada", "allowed": False}}
    assert seen == stock_seen == ["item", "name", "allowed"]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fields the executor builds a whole resolve info for, from now on."""
    fields: list[str] = []
    original = DirectFieldExecutor.build_resolve_info

    def counted(self: Any, field_def: Any, nodes: Any, parent_type: Any, path: Any) -> Any:
        fields.append(f"{parent_type.name}.{nodes[0].name.value}")
        return original(self, field_def, nodes, parent_type, path)

    monkeypatch.setattr(DirectFieldExecutor, "build_resolve_info", counted)
    return fields


async def test_plain_leaf_fields_build_no_resolve_info(built):
    _, direct = _schemas()
    result = await direct.execute(
        "{ items { name active rank product since allowed(product: ADMIN) label later"
        " twin { name } } }"
    )
    assert result.errors is None
    assert result.data is not None
    assert [item["twin"] for item in result.data["items"]] == [{"name": "bo"}, {"name": "ada"}]
    # A resolver reading its field's name (label), an awaited result (later), lists and
    # objects completed (items, twin): none needs a whole resolve info.
    assert built == []


async def test_resolvers_read_their_info_as_strawberry_gives_it(built):
    stock, direct = _schemas()
    query = "{ items { seenBy where seenLater extensionsSeen } }"
    expected = await stock.execute(query, context_value={"who": "eve"})
    actual = await direct.execute(query, context_value={"who": "eve"})
    assert actual.errors is None
    assert (
        actual.data
        == expected.data
        == {
            "items": [
                {
                    "seenBy": "eve saw ada",
                    "where": "where where ['items', 0, 'where'] ['where']",
                    "seenLater": "eve later saw ada",
                    "extensionsSeen": "None",
                },
                {
                    "seenBy": "eve saw bo",
                    "where": "where where ['items', 1, 'where'] ['where']",
                    "seenLater": "eve later saw bo",
                    "extensionsSeen": "None",
                },
            ]
        }
    )
    # The context, the field's name, path and selection are read without a resolve info;
    # what it does not name (the operation's extensions) comes from a real one.
    assert built == ["Item.extensionsSeen", "Item.extensionsSeen"]


@pytest.mark.parametrize(
    ("type_name", "field", "plan"),
    [
        ("User", "displayName", "leaf"),
        ("User", "mentionable", "leaf"),
        ("User", "canLogIn", "leaf"),
        ("User", "inCallCenterReport", "leaf"),
        ("User", "phoneNumbers", "object"),  # a list of objects, completed by graphql-core
        ("Seat", "occupant", "object"),
        # An input object may build itself from each call's info: Strawberry's resolver.
        ("Mutation", "deactivateUser", None),
    ],
)
def test_the_graph_plans_its_plain_fields(type_name, field, plan):
    graphql_type = plain_schemas()["composed"]._schema.type_map[type_name]
    planned = graphql_type.extensions[FIELD_PLANS].get(field)
    kind = None if planned is None else "leaf" if planned.leaf_type is not None else "object"
    assert kind == plan
