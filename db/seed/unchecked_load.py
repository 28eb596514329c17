"""PostgreSQL: a bulk load that checks foreign keys and sums rollups once, not per row.

Row by row, COPY into ``calls`` spends most of its time in the foreign-key checks (one
lookup per row and key) and, per COPY, in the rollup trigger's upsert. Inside the
seed's transaction this drops the large tables' foreign keys and holds the rollup insert
trigger off, then adds the keys back (PostgreSQL validates each with one scan) and
sums the new tenants' rollups with one GROUP BY. All of it is transactional: a seed
that fails rolls back to the very constraints and triggers it found. The ALTER TABLEs
lock those tables until the commit, as the seed's SQLite write lock does.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncConnection

from db import rollup_triggers

_FOREIGN_KEYS = text(
    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE conrelid = CAST(:table AS regclass) AND contype = 'f' ORDER BY conname"
)


@asynccontextmanager
async def unchecked_load(
    connection: AsyncConnection, tables: list[Table], *, tenant_ids: Callable[[], list[int]]
) -> AsyncIterator[None]:
    """Load ``tables`` inside the block; ``tenant_ids`` names the tenants whose calls it
    wrote (they had none before), asked once the block is done."""
    quote = connection.dialect.identifier_preparer.quote
    dropped: list[tuple[str, str, str]] = []
    for table in tables:
        for name, definition in await connection.execute(_FOREIGN_KEYS, {"table": table.name}):
            dropped.append((table.name, name, definition))
            await connection.execute(
                text(f"ALTER TABLE {quote(table.name)} DROP CONSTRAINT {quote(name)}")
            )
    trigger = quote(rollup_triggers.PG_INSERT_TRIGGER)
    await connection.execute(text(f"ALTER TABLE calls DISABLE TRIGGER {trigger}"))
    yield
    ids = tenant_ids()
    await connection.run_sync(lambda sync: rollup_triggers.rebuild(sync, ids))
    await connection.execute(text(f"ALTER TABLE calls ENABLE TRIGGER {trigger}"))
    for table_name, name, definition in dropped:
        await connection.execute(
            text(f"ALTER TABLE {quote(table_name)} ADD CONSTRAINT {quote(name)} {definition}")
        )
