"""Loader bases: one SQL statement per batch, always confined to the caller's tenant."""

import asyncio
from collections import defaultdict
from collections.abc import Iterable, Sequence
from enum import Enum
from functools import cache
from typing import Any, ClassVar, Final, Literal

from aiodataloader import DataLoader
from sqlalchemy import Row, Select, select
from sqlmodel import SQLModel

from resolvers.parameters import KEYS, TENANT_ID
from resolvers.reader import Reader


class _NotLoaded(Enum):
    NOT_LOADED = "NOT_LOADED"


NOT_LOADED: Final = _NotLoaded.NOT_LOADED
NotLoaded = Literal[_NotLoaded.NOT_LOADED]


def _fail(future: "asyncio.Future[Any]", error: Exception) -> None:
    future.set_exception(error)
    # Marked as seen: whoever awaits it still gets the error, and nobody may ever await it.
    future.exception()


class TenantLoader(DataLoader[Any, Any]):
    """aiodataloader's loader, plus answers known without a future.

    A list prefetches (or primes) thousands of keys at once and its fields then read
    them with ``peek``; a future per key would only be created, resolved and read
    back. Those answers sit in a plain dict, and ``load`` wraps one in a future only
    when something awaits it. While a prefetch runs, its keys share one future.
    """

    def __init__(self, reader: Reader, tenant_id: int) -> None:
        super().__init__()
        self.reader = reader
        self.tenant_id = tenant_id
        self._known: dict[Any, Any] = {}
        self._prefetching: dict[Any, asyncio.Future[None]] = {}  # cache key: its batch

    def load(self, key: Any) -> "asyncio.Future[Any]":
        cache_key = self.get_cache_key(key)
        if cache_key in self._known:
            future = self.loop.create_future()
            future.set_result(self._known[cache_key])
            return future
        batch = self._prefetching.get(cache_key)
        if batch is not None:
            return asyncio.ensure_future(self._load_after(batch, key))
        # graphql-core cancels a failed field's siblings; a sibling's cancellation must not
        # cancel the batch future that fields elsewhere in the request also wait on.
        return asyncio.shield(super().load(key))

    async def _load_after(self, batch: "asyncio.Future[None]", key: Any) -> Any:
        await asyncio.shield(batch)  # a failed batch raises its error here
        return await self.load(key)

    def prime(self, key: Any, value: Any) -> "TenantLoader":
        """Keeps ``value`` as the answer for ``key`` unless one is known or on its way."""
        self.prime_many(((key, value),))
        return self

    def prime_many(self, answers: Iterable[tuple[Any, Any]]) -> None:
        """``prime`` for each ``(key, value)``: a list's thousands of rows at once."""
        known, cache, prefetching = self._known, self._cache, self._prefetching
        cache_key_of = self.get_cache_key
        for key, value in answers:
            if isinstance(value, Exception):
                super().prime(key, value)  # a failed answer stays a failed future
                continue
            cache_key = cache_key_of(key)
            if cache_key not in known and cache_key not in cache and cache_key not in prefetching:
                known[cache_key] = value

    def clear(self, key: Any) -> "TenantLoader":
        cache_key = self.get_cache_key(key)
        self._known.pop(cache_key, None)
        self._prefetching.pop(cache_key, None)
        return super().clear(key)

    def clear_all(self) -> "TenantLoader":
        self._known.clear()
        self._prefetching.clear()
        return super().clear_all()

    async def prefetch(self, keys: Iterable[Any]) -> None:
        """Loads every key not asked for yet in one batch, as the ``load``s of one tick
        would, and keeps each answer for ``load`` and ``peek``."""
        pending: dict[Any, Any] = {}  # cache key: key
        for key in keys:
            cache_key = self.get_cache_key(key)
            if (
                cache_key not in self._known
                and cache_key not in self._cache
                and cache_key not in self._prefetching
            ):
                pending[cache_key] = key
        if not pending:
            return
        # A load of one of these keys meanwhile waits for this batch.
        batch: asyncio.Future[None] = self.loop.create_future()
        for cache_key in pending:
            self._prefetching[cache_key] = batch
        try:
            answers = await self.batch_load_fn(list(pending.values()))
        except Exception as error:
            for cache_key in pending:
                if self._prefetching.get(cache_key) is batch:
                    del self._prefetching[cache_key]
            _fail(batch, error)
            raise
        for (cache_key, key), answer in zip(pending.items(), answers, strict=True):
            if self._prefetching.get(cache_key) is not batch:
                continue  # cleared meanwhile
            del self._prefetching[cache_key]
            if isinstance(answer, Exception):
                self.prime(key, answer)
            else:
                self._known[cache_key] = answer
        batch.set_result(None)

    def peek(self, key: Any) -> Any | NotLoaded:
        """What this request already knows for ``key``, without awaiting; NOT_LOADED when
        it was never asked for, is still pending, or failed."""
        cache_key = self.get_cache_key(key)
        known = self._known.get(cache_key, NOT_LOADED)
        if known is not NOT_LOADED:
            return known
        future = self._cache.get(cache_key)
        if future is None or not future.done() or future.cancelled() or future.exception():
            return NOT_LOADED
        return future.result()


class RowByIdLoader(TenantLoader):
    """``model`` rows by primary key; None for ids absent from the caller's tenant."""

    model: ClassVar[type[SQLModel]]

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        table = cls.model.__table__  # type: ignore[attr-defined]
        return select(table).where(table.c.id.in_(KEYS), table.c.tenant_id == TENANT_ID)

    async def batch_load_fn(self, keys: Sequence[int]) -> list[Row[Any] | None]:
        rows = await self.reader.rows(
            self.statement(), {"keys": list(keys), "tenant_id": self.tenant_id}
        )
        by_id = {row.id: row for row in rows}
        return [by_id.get(key) for key in keys]


class RowsByKeyLoader(TenantLoader):
    """Lists of rows grouped by one key column, each list in ``order_by`` order."""

    model: ClassVar[type[SQLModel]]
    key: ClassVar[str]
    order_by: ClassVar[tuple[str, ...]] = ("id",)

    @classmethod
    @cache
    def statement(cls) -> Select[Any]:
        """The rows whose ``key`` is one of KEYS, in the tenant TENANT_ID."""
        table = cls.model.__table__  # type: ignore[attr-defined]
        return (
            select(table)
            .where(table.c[cls.key].in_(KEYS), table.c.tenant_id == TENANT_ID)
            .order_by(*(table.c[name] for name in cls.order_by))
        )

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[list[Row[Any]]]:
        rows = await self.reader.rows(
            self.statement(), {"keys": list(keys), "tenant_id": self.tenant_id}
        )
        return group_rows(keys, rows, lambda row: getattr(row, self.key))


def group_rows(keys: Iterable[Any], rows: Iterable[Row[Any]], key_of: Any) -> list[list[Row[Any]]]:
    grouped: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        grouped[key_of(row)].append(row)
    return [grouped.get(key, []) for key in keys]
