"""The async engine and sessions, for SQLite (the default) or PostgreSQL."""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from db import sqlite_functions
from db.statements import count_statements_of

WRITE_OPTION = "roster_write"
# session.info keys: the Database a session belongs to, and what it hands over at commit.
_DATABASE_KEY = "roster_database"
_AFTER_COMMIT_KEY = "roster_after_commit"

logger = logging.getLogger(__name__)

CommitListener = Callable[[list[Any]], None]


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, sqlite_busy_timeout_ms: int = 5000, **kwargs: Any) -> AsyncEngine:
    if not is_sqlite(url):
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_async_engine(url, **kwargs)
        count_statements_of(engine.sync_engine)
        return engine

    engine = create_async_engine(url, **kwargs)
    sync_engine = engine.sync_engine
    count_statements_of(sync_engine)

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling would defeat BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(sqlite_busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        sqlite_functions.register(dbapi_connection)

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: a deferred transaction that later
        # upgrades can deadlock against another writer and fail instead of waiting.
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


class Database:
    """One engine and two session factories: reads, and write transactions."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        """``engine_kwargs`` go to SQLAlchemy, but for ``sqlite_busy_timeout_ms`` (SQLite only)."""
        self.url = url
        if not is_sqlite(url):
            engine_kwargs.pop("sqlite_busy_timeout_ms", None)
        self.engine = make_engine(url, **engine_kwargs)
        self.is_sqlite = is_sqlite(url)
        # Called with what a write transaction handed over (``after_commit``) once it has
        # committed; never for one rolled back. They run on the event loop's thread, so
        # they must not block: the event bus queues what it publishes.
        self.commit_listeners: list[CommitListener] = []
        self.read_sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessions = async_sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}),
            expire_on_commit=False,
            info={_DATABASE_KEY: self},
        )

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.read_sessions() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


def after_commit(session: AsyncSession | Session, item: Any) -> None:
    """Hand ``item`` to the commit listeners of ``session``'s Database once its transaction
    commits. A rollback (a dry run's too) drops it, and so does the rollback of the
    savepoint it was handed over in: it never reaches anyone."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    transaction = sync.get_nested_transaction() or sync.get_transaction()
    sync.info.setdefault(_AFTER_COMMIT_KEY, []).append((transaction, item))


@dataclass(frozen=True, slots=True)
class _Call:
    function: Callable[[], None]


def call_after_commit(session: AsyncSession | Session, function: Callable[[], None]) -> None:
    """Call ``function`` once ``session``'s transaction commits; never when it (or the
    savepoint it was called in) rolls back. It runs on the event loop's thread."""
    after_commit(session, _Call(function))


@event.listens_for(Session, "after_commit")
def _hand_over_after_commit(session: Session) -> None:
    pending = session.info.pop(_AFTER_COMMIT_KEY, None)
    if not pending:
        return
    items = []
    for _transaction, item in pending:
        if not isinstance(item, _Call):
            items.append(item)
            continue
        try:
            item.function()
        except Exception:  # the transaction has committed: a callback cannot undo it
            logger.exception("a function called after commit failed")
    database = session.info.get(_DATABASE_KEY)
    if not items or database is None:
        return
    for listener in database.commit_listeners:
        try:
            listener(items)
        except Exception:  # the transaction has committed: a listener cannot undo it
            logger.exception("a commit listener failed")


def _within(transaction: Any, ended: Any) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_soft_rollback")
def _drop_what_was_rolled_back(session: Session, previous_transaction: Any) -> None:
    pending = session.info.get(_AFTER_COMMIT_KEY)
    if pending:
        pending[:] = [
            (transaction, item)
            for transaction, item in pending
            if not _within(transaction, previous_transaction)
        ]
