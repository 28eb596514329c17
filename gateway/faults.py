"""A database that cannot be reached is a clear, retryable error: never a 500 or a stack trace.

Before execution (authentication reads the token) the request is refused with
503 and the code DATABASE_UNAVAILABLE. During execution the fields that failed
get a GraphQL error with that code; the transaction they were in rolled back.
"""

from collections.abc import Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from sqlalchemy import exc
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from gateway.responses import Refusal

DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
UNAVAILABLE_MESSAGE = "The database is unavailable right now; try again shortly."
RETRY_AFTER_SECONDS = "1"

# SQLSTATE classes and codes that mean "the server is not there for you right now":
# 08 connection exception, 53 insufficient resources (too many connections),
# 57P01-57P03 admin shutdown, crash shutdown, cannot connect now.
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P01", "57P02", "57P03")
_UNAVAILABLE_ERRORS = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.DisconnectionError,
    exc.TimeoutError,  # no pooled connection came free in time
    OSError,  # refused, reset or unresolvable, before the driver wraps it
)


def _sqlstate(error: BaseException) -> str:
    return str(getattr(error, "sqlstate", None) or getattr(error, "pgcode", None) or "")


def is_database_unavailable(error: BaseException) -> bool:
    """True when ``error`` (or what caused it) says the database could not be reached or used."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, _UNAVAILABLE_ERRORS):
            return True
        if isinstance(current, exc.DBAPIError) and current.connection_invalidated:
            return True
        if _sqlstate(current).startswith(_UNAVAILABLE_SQLSTATES):
            return True
        current = current.__cause__ or current.__context__
    return False


def _unavailable(error: GraphQLError) -> GraphQLError:
    # No original error: MaskErrors leaves it readable, and nothing of the cause leaks.
    return GraphQLError(
        UNAVAILABLE_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": DATABASE_UNAVAILABLE},
    )


class DatabaseUnavailableErrors(SchemaExtension):
    """Gives field errors caused by an unreachable database their code.

    List it after MaskErrors: extensions leave the operation in reverse order, so
    this sees the original errors first. Strawberry has logged them by then.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if not isinstance(result, (GraphQLExecutionResult, ExecutionResult)) or not result.errors:
            return
        result.errors = [
            _unavailable(error)
            if error.original_error is not None and is_database_unavailable(error.original_error)
            else error
            for error in result.errors
        ]


def database_unavailable() -> Refusal:
    """The 503 for a request the database failed outside execution (e.g. authentication)."""
    return Refusal(
        503, UNAVAILABLE_MESSAGE, DATABASE_UNAVAILABLE, {"Retry-After": RETRY_AFTER_SECONDS}
    )
