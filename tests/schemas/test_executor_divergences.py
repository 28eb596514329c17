"""Two ways the planned executor once answered differently from graphql-core's own,
each reproduced by a review: both executors must now answer the same."""

from typing import Any

import strawberry
from graphql import Undefined

from schemas.execution import DirectFieldExecutor, plan_fields


@strawberry.type
class Tag:
    name: str


@strawberry.type
class Item:
    name: str

    @strawberry.field
    def labels(self, extra: list[str]) -> list[str]:
        # A resolver that changes its argument: each item must get the list as sent.
        extra.append(self.name)
        return extra

    @strawberry.field
    def tag(self) -> Tag | None:
        return Undefined  # type: ignore[return-value]

    @strawberry.field
    def required_tag(self) -> Tag:
        return Undefined  # type: ignore[return-value]

    @strawberry.field
    def tags(self) -> list[Tag | None]:
        return [Tag(name="a"), Undefined, Tag(name="b")]  # type: ignore[list-item]


ITEMS = [Item(name="ada"), Item(name="bo"), Item(name="cy")]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS

    @strawberry.field
    def maybe_items(self) -> list[Item | None]:
        return ITEMS  # type: ignore[return-value]


def _formatted(result: Any) -> dict[str, Any]:
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


async def _both(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    stock = strawberry.Schema(query=Query)
    planned = strawberry.Schema(query=Query, execution_context_class=DirectFieldExecutor)
    plan_fields(planned)
    expected = _formatted(await stock.execute(query, variable_values=variables))
    actual = _formatted(await planned.execute(query, variable_values=variables))
    assert actual == expected
    return actual


async def test_a_resolver_changing_its_list_argument_changes_only_its_own_call():
    literal = await _both('{ items { labels(extra: ["x"]) } }')
    assert literal == {
        "data": {
            "items": [
                {"labels": ["x", "ada"]},
                {"labels": ["x", "bo"]},
                {"labels": ["x", "cy"]},
            ]
        },
        "errors": [],
    }
    variable = await _both(
        "query ($extra: [String!]!) { items { labels(extra: $extra) } }", {"extra": ["y"]}
    )
    assert variable["data"] == {
        "items": [{"labels": ["y", "ada"]}, {"labels": ["y", "bo"]}, {"labels": ["y", "cy"]}]
    }


async def test_an_object_field_resolving_to_undefined_is_null_as_graphql_core_completes_it():
    answer = await _both("{ items { name tag { name } } }")
    assert answer == {
        "data": {
            "items": [
                {"name": "ada", "tag": None},
                {"name": "bo", "tag": None},
                {"name": "cy", "tag": None},
            ]
        },
        "errors": [],
    }


async def test_a_list_item_that_is_undefined_is_null():
    answer = await _both("{ items { tags { name } } }")
    assert answer["errors"] == []
    assert answer["data"] == {
        "items": [{"tags": [{"name": "a"}, None, {"name": "b"}]} for _ in ITEMS]
    }


async def test_undefined_for_a_non_null_object_field_is_the_same_error():
    answer = await _both("{ maybeItems { name requiredTag { name } } }")
    assert answer["data"] == {"maybeItems": [None, None, None]}
    assert answer["errors"] == [
        {
            "message": "Cannot return null for non-nullable field Item.requiredTag.",
            "locations": [{"line": 1, "column": 21}],
            "path": ["maybeItems", index, "requiredTag"],
        }
        for index in range(3)
    ]
