"""Batches as a whole: the size limit, a constant statement count, concurrent retries."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import Call
from resolvers.calls.record import record_calls
from tests.factories import make_tenant, make_user
from tests.graphql import StatementCounter
from tests.resolvers.calls.records import NOW, STARTED, call_record


def _batch(users, count: int, prefix: str = "c"):
    return [
        call_record(
            users[index % len(users)],
            f"{prefix}-{index}",
            started_at=STARTED - timedelta(seconds=index),
        )
        for index in range(count)
    ]


async def _call_count(database) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Call)) or 0)


async def test_more_than_1000_calls_are_refused_whole_and_nothing_written(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    result = await record_calls(database, tenant_id=acme.id, calls=_batch([ann], 1001), now=NOW)
    assert result.results == []
    assert [(str(e.code), e.message, e.field) for e in result.user_errors] == [
        ("INVALID_INPUT", "At most 1000 calls at once; got 1001.", ("input", "calls"))
    ]
    assert await _call_count(database) == 0
    full = await record_calls(database, tenant_id=acme.id, calls=_batch([ann], 1000), now=NOW)
    assert full.recorded_count == 1000 and await _call_count(database) == 1000


async def test_the_statements_are_the_same_for_10_calls_as_for_1000(database):
    acme = await make_tenant(database)
    users = [await make_user(database, acme, f"User {index}") for index in range(20)]
    counts = []
    for size, prefix in ((10, "small"), (1000, "large")):
        with StatementCounter(database) as counter:
            result = await record_calls(
                database, tenant_id=acme.id, calls=_batch(users, size, prefix), now=NOW
            )
        assert result.recorded_count == size
        counts.append(counter.count)
    # A retry adds the read of the calls already stored, once.
    with StatementCounter(database) as counter:
        retry = await record_calls(
            database, tenant_id=acme.id, calls=_batch(users, 1000, "large"), now=NOW
        )
    assert retry.already_recorded_count == 1000
    assert counts == [2, 2] and counter.count == 3


# SQLite runs one writer at a time; the race is PostgreSQL's.
@pytest.mark.parametrize(
    "database", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_concurrent_identical_batches_on_postgres_count_once(database):
    acme = await make_tenant(database)
    users = [await make_user(database, acme, f"User {index}") for index in range(5)]
    for round_number in range(5):
        batch = _batch(users, 1000, f"r{round_number}")
        first, second = await asyncio.gather(
            record_calls(database, tenant_id=acme.id, calls=batch, now=NOW),
            record_calls(database, tenant_id=acme.id, calls=batch, now=NOW),
        )
        assert first.rejected_count == second.rejected_count == 0
        assert first.recorded_count + second.recorded_count == 1000
        for mine, theirs in zip(first.results, second.results, strict=True):
            assert mine.recorded != theirs.recorded
            assert mine.call.id == theirs.call.id
    assert await _call_count(database) == 5000
