"""Alembic's entry point: runs migrations over roster's async engine, or renders them as SQL."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from logging.config import fileConfig
from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import db.models  # noqa: F401  (registers every table on SQLModel.metadata)
from db import rollup_triggers
from db.engine import make_engine
from db.migrate import database_url_for
from db.types import UTCDateTime

config = context.config
target_metadata = SQLModel.metadata

# Programmatic callers (db.migrate) keep their own logging; only the alembic CLI sets it up.
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | bool:
    """Render roster's column types so a generated revision imports what it names."""
    if type_ != "type":
        return False
    if isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    if isinstance(obj, UTCDateTime):
        autogen_context.imports.add("import db.types")
        return "db.types.UTCDateTime()"
    return False


def context_options(dialect_name: str) -> dict[str, Any]:
    return {
        "target_metadata": target_metadata,
        "compare_type": True,
        "render_item": render_item,
        # SQLite alters most things only by copying the table: batch mode does that.
        "render_as_batch": dialect_name == "sqlite",
        # db.engine begins SQLite transactions explicitly, so DDL is transactional there too:
        # the whole upgrade is one transaction, and a failure rolls all of it back.
        "transactional_ddl": True,
    }


@contextmanager
def sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Batch mode drops and re-creates tables; enforced foreign keys would cascade or fail.

    The pragma is ignored inside a transaction, so it goes straight to the driver, before
    SQLAlchemy begins one; integrity is checked before commit (see run_migrations_on).
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    cursor = connection.connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys")
        (enforced,) = cursor.fetchone() or (0,)
        was_on = bool(enforced)
        cursor.execute("PRAGMA foreign_keys=OFF")
        yield
    finally:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if was_on else 'OFF'}")
        cursor.close()


def run_migrations_on(connection: Connection) -> None:
    with sqlite_foreign_keys_off(connection):
        context.configure(connection=connection, **context_options(connection.dialect.name))
        with context.begin_transaction():
            if connection.dialect.name != "sqlite":
                context.run_migrations()
                return
            # SQLite's batch mode renames and drops tables, which fails while a trigger's
            # body names them: the rollup triggers step aside and come back after.
            rollup_triggers.uninstall(connection)
            context.run_migrations()
            if inspect(connection).has_table("call_rollups"):
                rollup_triggers.install(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left rows with broken foreign keys: {broken}")


async def run_async_migrations(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_migrations_on)
    finally:
        await engine.dispose()


def run_migrations_offline(url: str) -> None:
    dialect_name = url.split(":", 1)[0].split("+", 1)[0]
    context.configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **context_options(dialect_name),
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    # db.migrate.upgrade_async lends its own connection; otherwise we open one from the URL.
    connection: Connection | None = config.attributes.get("connection")
    if connection is not None:
        run_migrations_on(connection)
        return
    url = database_url_for(config)
    if context.is_offline_mode():
        run_migrations_offline(url)
    else:
        asyncio.run(run_async_migrations(url))


main()
