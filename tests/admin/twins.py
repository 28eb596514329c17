"""A second empty database on the backend of the ``database`` fixture, for identical worlds.

Two worlds built the same way in two fresh databases get the same ids (a PostgreSQL
sequence is not rolled back, so one database could not give a real run the ids its
preview showed).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

from db.engine import Database


@asynccontextmanager
async def twin_of(database: Database) -> AsyncIterator[Database]:
    url = make_url(database.url)
    name = f"{url.database}_twin"
    if database.is_sqlite:
        path = Path(str(url.database))
        twin_url = url.set(database=str(path.with_name(f"{path.stem}_twin{path.suffix}")))
    else:
        twin_url = url.set(database=name)
        admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        await admin.dispose()
    twin = Database(twin_url.render_as_string(hide_password=False))
    try:
        async with twin.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        yield twin
    finally:
        await twin.dispose()
        if not database.is_sqlite:
            admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await admin.dispose()
