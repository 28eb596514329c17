"""Fast inserts: Core ``insert(table)`` with chunks of plain dicts, never ORM objects."""

import asyncio
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert, text
from sqlalchemy.ext.asyncio import AsyncConnection

Progress = Callable[[str, int, int], None]
CHUNK_SIZE = 10_000


class BulkWriter:
    """Inserts streams of rows chunk by chunk, reporting progress per table."""

    def __init__(
        self,
        connection: AsyncConnection,
        *,
        chunk_size: int = CHUNK_SIZE,
        progress: Progress | None = None,
    ) -> None:
        self.connection = connection
        self.chunk_size = chunk_size
        self.progress = progress
        self.counts: dict[str, int] = {}

    async def insert(self, table: Table, rows: Iterable[dict[str, Any]], *, total: int) -> int:
        """Insert ``rows``, drawing the next chunk on a worker thread while one is written.

        The draw stays strictly sequential (one chunk at a time), so rows come out the
        same as a plain loop would make them; only the waiting on the database overlaps.
        """
        statement = insert(table)
        pending = iter(rows)

        def draw() -> list[dict[str, Any]]:
            return list(islice(pending, self.chunk_size))

        done = 0
        self._report(table.name, done, total)
        chunk = draw()
        while chunk:
            drawing = asyncio.get_running_loop().run_in_executor(None, draw)
            try:
                await self.connection.execute(statement, chunk)
            except BaseException:
                await asyncio.wait([drawing])
                raise
            done += len(chunk)
            self._report(table.name, done, max(total, done))
            chunk = await drawing
        self.counts[table.name] = self.counts.get(table.name, 0) + done
        return done

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


async def advance_id_sequences(connection: AsyncConnection, tables: list[Table]) -> None:
    """PostgreSQL: move each id sequence past the ids the seed chose itself."""
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        await connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:name, 'id'), top) "
                f"FROM (SELECT max(id) AS top FROM {quote(table.name)}) AS ids "
                f"WHERE top IS NOT NULL"
            ),
            {"name": table.name},
        )
