"""Apply and inspect Alembic migrations from code: the CLI, `make run` and tests.

The sync functions open their own engine. Alembic's env.py runs that engine with
``asyncio.run``, which cannot nest in a running loop, so from inside one they run on a
worker thread; async code should rather call the ``*_async`` variants with its engine.
"""

import asyncio
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import make_engine

# The same default as gateway.settings; db cannot import gateway.
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./roster.db"
ALEMBIC_INI = Path(__file__).with_name("alembic.ini")

T = TypeVar("T")


def alembic_config(database_url: str | None = None) -> Config:
    """Alembic's config for roster; without a URL, env.py reads ROSTER_DATABASE_URL."""
    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logger"] = False
    if database_url is not None:
        # The ini parser would read a "%" in a password as interpolation.
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def database_url_for(config: Config) -> str:
    """The URL a config points at: set in code, else ROSTER_DATABASE_URL, else the default."""
    url = config.get_main_option("sqlalchemy.url")
    return url or os.environ.get("ROSTER_DATABASE_URL") or DEFAULT_DATABASE_URL


def head() -> str | None:
    """The newest revision in db/migrations/versions."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _outside_running_loop(work: Callable[[], T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="roster-migrate") as pool:
        return pool.submit(work).result()


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate the database at ``database_url`` up to ``revision``; a no-op when it is there."""
    _outside_running_loop(lambda: command.upgrade(alembic_config(database_url), revision))


def downgrade(database_url: str, revision: str) -> None:
    """Migrate the database at ``database_url`` down to ``revision`` ("base": no tables)."""
    _outside_running_loop(lambda: command.downgrade(alembic_config(database_url), revision))


def current(database_url: str) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    return _outside_running_loop(lambda: asyncio.run(_current_at(database_url)))


async def _current_at(database_url: str) -> str | None:
    engine = make_engine(database_url)
    try:
        return await current_async(engine)
    finally:
        await engine.dispose()


def _upgrade_on(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade_async(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate through ``engine`` (for example ``Database.engine``) without leaving the loop."""
    async with engine.connect() as connection:
        await connection.run_sync(_upgrade_on, revision)


def _revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_async(engine: AsyncEngine) -> str | None:
    """The revision the database behind ``engine`` is at, or None when never migrated."""
    async with engine.connect() as connection:
        return await connection.run_sync(_revision_of)


def next_revision_id() -> str:
    """Revisions are numbered 0001, 0002, ... so their files sort in the order they apply."""
    latest = head()
    if latest is None:
        return "0001"
    if not re.fullmatch(r"\d{4}", latest):
        raise ValueError(f"head revision {latest!r} is not numbered; pass a revision id")
    return f"{int(latest) + 1:04d}"


def revision(message: str, *, database_url: str | None = None, autogenerate: bool = True) -> Path:
    """Write the next revision, comparing the models with a database migrated to head.

    Without ``database_url`` the comparison runs against a scratch SQLite file, so no
    developer database is touched. Returns the new file.
    """
    if database_url is not None:
        return _write_revision(message, database_url, autogenerate)
    with tempfile.TemporaryDirectory(prefix="roster-revision-") as scratch:
        scratch_url = f"sqlite+aiosqlite:///{Path(scratch) / 'head.db'}"
        upgrade(scratch_url)
        return _write_revision(message, scratch_url, autogenerate)


def _write_revision(message: str, database_url: str, autogenerate: bool) -> Path:
    def work() -> Path:
        script = command.revision(
            alembic_config(database_url),
            message=message,
            autogenerate=autogenerate,
            rev_id=next_revision_id(),
        )
        assert script is not None and not isinstance(script, list)
        return Path(script.path)

    return _outside_running_loop(work)
