"""A request's ORM session; resolvers of one list run concurrently, so they take turns."""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass
class NaiveContext:
    session: AsyncSession
    tenant_id: int
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def all(self, statement: Executable) -> Sequence[Any]:
        async with self.lock:
            return (await self.session.execute(statement)).scalars().all()

    async def scalar(self, statement: Executable) -> Any:
        async with self.lock:
            return (await self.session.execute(statement)).scalar()
