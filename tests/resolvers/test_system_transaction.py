"""system_transaction: the system's one write transaction, committed or rolled back whole."""

import pytest
from sqlalchemy import insert, select

from db.models import Tenant
from resolvers.transactions import system_transaction

_tenants = Tenant.__table__  # type: ignore[attr-defined]


async def _slugs(database) -> list[str]:
    async with database.session() as session:
        return list(await session.scalars(select(_tenants.c.slug).order_by(_tenants.c.id)))


async def _add(session, slug: str) -> str:
    await session.execute(
        insert(_tenants).values(slug=slug, name=slug.title(), time_zone="Asia/Tokyo")
    )
    return slug


async def test_work_is_committed_and_its_answer_returned(database):
    assert await system_transaction(database, lambda session: _add(session, "acme")) == "acme"
    assert await _slugs(database) == ["acme"]


async def test_any_exception_rolls_everything_back_and_propagates(database):
    async def work(session) -> None:
        await _add(session, "acme")
        raise LookupError("refused")

    with pytest.raises(LookupError, match="refused"):
        await system_transaction(database, work)
    assert await _slugs(database) == []
