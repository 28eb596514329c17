"""One request's read connection, shared by every loader of that request."""

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Executable, Row
from sqlalchemy.ext.asyncio import AsyncConnection

from db.engine import Database


class Reader:
    """Runs a request's reads on one connection, one statement at a time.

    Loaders of different types dispatch in the same event-loop tick; a connection
    runs one statement at a time, so they queue on the lock.
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        self._connection: AsyncConnection | None = None
        # True while reading on a connection another owns (a dry run's transaction).
        self._borrowed = False
        self._lock = asyncio.Lock()
        self.statement_count = 0
        self._finished = False

    async def rows(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[Row[Any]]:
        async with self._lock:
            if self._connection is None:
                if self._finished:
                    # A field graphql-core left running after the response (a failed
                    # non-null sibling nulled its parent) would take a connection that
                    # no one gives back.
                    raise RuntimeError("the request is over: it reads nothing more")
                self._connection = await self.database.engine.connect()
            self.statement_count += 1
            result = await self._connection.execute(statement, parameters)
            return result.all()

    async def scalar(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Any:
        rows = await self.rows(statement, parameters)
        return rows[0][0] if rows else None

    async def refresh(self) -> None:
        """End the read transaction so the next read sees what was just committed."""
        async with self._lock:
            connection = self._connection
            if connection is not None and not self._borrowed and connection.in_transaction():
                await connection.rollback()

    async def read_on(self, connection: AsyncConnection) -> None:
        """Read on ``connection``, whose transaction another owns, until ``close``."""
        await self.close()
        async with self._lock:
            self._connection = connection
            self._borrowed = True

    async def close(self) -> None:
        """Give the connection back (a borrowed one only stops being read on); a later
        read takes one again."""
        async with self._lock:
            if self._connection is not None and not self._borrowed:
                await self._connection.close()
            self._connection = None
            self._borrowed = False

    async def finish(self) -> None:
        """Give the connection back for good: the request is over."""
        self._finished = True
        await self.close()
