"""Running operations in-process against roster's schemas, as Strawberry's own tests do."""

from typing import Any

from strawberry.types import ExecutionResult

from db.engine import Database
from gateway.settings import get_settings
from resolvers.context import make_context
from resolvers.tokens import Caller
from schemas.graph import plain_schemas


async def execute(
    database: Database,
    caller: Caller,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    schema: str = "composed",
    planned_execution: bool | None = None,
) -> ExecutionResult:
    """Run ``query`` as ``caller`` on one of the schemas (``composed`` or a subgraph name),
    with the executor ROSTER_PLANNED_EXECUTION selects unless ``planned_execution`` says."""
    if planned_execution is None:
        planned_execution = get_settings().planned_execution
    context = make_context(database, caller)
    try:
        return await plain_schemas(planned_execution)[schema].execute(
            query, variable_values=variables, context_value=context
        )
    finally:
        await context.close()


async def data_of(
    database: Database,
    caller: Caller,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    schema: str = "composed",
) -> dict[str, Any]:
    """The data of a query that must succeed; fails the test with the errors otherwise."""
    result = await execute(database, caller, query, variables, schema=schema)
    assert result.errors is None, [error.formatted for error in result.errors or []]
    assert result.data is not None
    return result.data


class StatementCounter:
    """Counts SQL statements sent through an engine while active."""

    def __init__(self, database: Database) -> None:
        self.engine = database.engine.sync_engine
        self.statements: list[str] = []

    def _record(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            self.statements.append(statement)

    def __enter__(self) -> "StatementCounter":
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._record)

    @property
    def count(self) -> int:
        return len(self.statements)
