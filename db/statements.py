"""SQL statements counted per unit of work (a request, a stream's event), for logs and
metrics: the engine's listener adds to whatever counter the running context holds."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

# Transaction control and SQLite's pragmas are not the work asked for.
_NOT_COUNTED = ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE")


@dataclass(slots=True)
class StatementCount:
    """How many statements the work sent so far."""

    value: int = 0


# Tasks copy the context they are made in: the loaders' batches a request starts add to the
# request's own count, never to another's.
_current: ContextVar[StatementCount | None] = ContextVar("roster_statement_count", default=None)


@contextmanager
def counting_statements() -> Iterator[StatementCount]:
    """Count the statements sent while the block runs (and by the tasks it starts)."""
    count = StatementCount()
    reset = _current.set(count)
    try:
        yield count
    finally:
        _current.reset(reset)


def _count(
    _conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
) -> None:
    count = _current.get()
    if count is not None and not statement.lstrip()[:9].upper().startswith(_NOT_COUNTED):
        count.value += 1


def count_statements_of(engine: Engine) -> None:
    """Install the counting listener on ``engine`` (an async engine's ``sync_engine``)."""
    if not event.contains(engine, "before_cursor_execute", _count):
        event.listen(engine, "before_cursor_execute", _count)
