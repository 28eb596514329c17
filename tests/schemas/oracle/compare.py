"""One operation through both executors: the planned one and graphql-core's own."""

from typing import Any

from db.engine import Database
from resolvers.tokens import Caller
from tests.graphql import execute


def answer(result: Any) -> dict[str, Any]:
    """What a client receives: the data, and every error as formatted (message, path,
    locations, extensions)."""
    return {"data": result.data, "errors": [error.formatted for error in result.errors or []]}


async def both(
    database: Database, caller: Caller, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The answer of the planned executor, after checking it is the stock executor's.

    Each execution gets its own context (loaders are per request), as requests do.
    """
    stock = answer(await execute(database, caller, query, variables, planned_execution=False))
    planned = answer(await execute(database, caller, query, variables, planned_execution=True))
    assert planned == stock, f"the executors differ on\n{query}\nvariables: {variables}"
    return planned
