"""Every row of every table: a write that must change nothing is compared before and after."""

from typing import Any

from sqlalchemy import select
from sqlmodel import SQLModel

from db.engine import Database


async def every_row(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, but a token's lastUsedAt (any authenticated request may record
    it), in a stable order."""
    async with database.session() as session:
        tables = {}
        for table in SQLModel.metadata.sorted_tables:
            columns = [column for column in table.c if column.name != "last_used_at"]
            rows = (await session.execute(select(*columns))).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables
