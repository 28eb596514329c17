"""Retrying a whole write transaction when SQLite says another writer holds the lock."""

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

T = TypeVar("T")

ATTEMPTS = 8


def is_lock_contention(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database table is locked" in text


async def retry_on_lock(work: Callable[[], Awaitable[T]], *, attempts: int = ATTEMPTS) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await work()
        except OperationalError as error:
            if attempt == attempts or not is_lock_contention(error):
                raise
            await asyncio.sleep(min(0.05 * 2**attempt, 1.0) * random.uniform(0.5, 1.0))
    raise AssertionError("unreachable")
