"""Primary keys the seed assigns itself, so rows can point at rows not yet inserted."""

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection


class IdCounters:
    """Hands out ids per table, continuing after the largest id already there."""

    def __init__(self, last_ids: dict[str, int]) -> None:
        self._last = dict(last_ids)

    @classmethod
    async def after_existing(cls, connection: AsyncConnection, tables: list[Table]) -> "IdCounters":
        last_ids = {}
        for table in tables:
            last_ids[table.name] = int(await connection.scalar(select(func.max(table.c.id))) or 0)
        return cls(last_ids)

    def next(self, table: str) -> int:
        self._last[table] += 1
        return self._last[table]
