"""The seed's PostgreSQL path (COPY, foreign keys checked once, rollups summed once) writes
the very rows the INSERT path writes, and the rollups a full GROUP BY gives."""

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from db.engine import Database
from db.models import Call, CallRollup, Tenant
from db.seed import seed_demo
from db.seed.bulk import BulkWriter
from tests.db.test_seed_demo import _digest

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
USERS = 30
CALLS = 900
# Foreign keys of the tables the PostgreSQL path loads with theirs dropped.
_KEYS = text(
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE contype = 'f' AND conrelid::regclass::text IN "
    "('calls', 'meetings', 'comments', 'comment_mentions') ORDER BY 1, 2"
)
_INSERT_TRIGGER = text(
    "SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'call_rollups_insert' "
    "AND tgrelid = 'calls'::regclass"
)

calls_t = Call.__table__  # type: ignore[attr-defined]
rollups_t = CallRollup.__table__  # type: ignore[attr-defined]
tenants_t = Tenant.__table__  # type: ignore[attr-defined]


def _insert_only(*args: Any, **options: Any) -> BulkWriter:
    writer = BulkWriter(*args, **options)
    writer.copies = False
    return writer


async def _schema_state(database: Database) -> tuple[list[Any], list[Any]]:
    async with database.engine.connect() as connection:
        keys = list((await connection.execute(_KEYS)).all())
        trigger = list((await connection.execute(_INSERT_TRIGGER)).scalars())
    return keys, trigger


@pytest.mark.postgres
async def test_copy_path_writes_the_rows_of_the_insert_path(
    database: Database, twin_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has only the INSERT path")
    copied = await seed_demo(database, users=USERS, calls=CALLS, now=NOW, chunk_size=250)
    monkeypatch.setattr("db.seed.demo.BulkWriter", _insert_only)
    inserted = await seed_demo(twin_database, users=USERS, calls=CALLS, now=NOW)

    assert copied == inserted
    assert copied.calls == CALLS + 40
    # Every table, call_rollups included: the one GROUP BY equals the per-row triggers.
    assert await _digest(database) == await _digest(twin_database)


@pytest.mark.postgres
async def test_copy_path_puts_back_the_keys_and_the_trigger(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has only the INSERT path")
    before = await _schema_state(database)
    await seed_demo(database, users=USERS, calls=CALLS, now=NOW)

    assert await _schema_state(database) == before
    assert before[1] == ["O"]  # enabled
    assert len(before[0]) == 9


@pytest.mark.postgres
async def test_a_failed_copy_seed_leaves_nothing_and_the_schema_as_it_was(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has only the INSERT path")
    before = await _schema_state(database)
    insert = BulkWriter.insert

    async def failing(self: BulkWriter, table: Any, rows: Any, **options: Any) -> int:
        if table.name == "comments":
            raise RuntimeError("the disk is full")
        return await insert(self, table, rows, **options)

    monkeypatch.setattr(BulkWriter, "insert", failing)
    with pytest.raises(RuntimeError, match="the disk is full"):
        await seed_demo(database, users=USERS, calls=CALLS, now=NOW)

    assert await _schema_state(database) == before
    async with database.session() as session:
        assert (await session.execute(select(tenants_t.c.id))).all() == []
        assert (await session.execute(select(calls_t.c.id))).all() == []
        assert (await session.execute(select(rollups_t.c.tenant_id))).all() == []


async def test_rollups_equal_the_group_by_of_the_seeded_calls(database: Database) -> None:
    await seed_demo(database, users=USERS, calls=CALLS, now=NOW)
    async with database.session() as session:
        zones: dict[int, str] = dict(
            (await session.execute(select(tenants_t.c.id, tenants_t.c.time_zone))).all()
        )
        calls = (await session.execute(select(calls_t))).all()
        rollups = (await session.execute(select(rollups_t))).all()

    expected: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for call in calls:
        day = call.started_at.astimezone(ZoneInfo(zones[call.tenant_id])).date()
        sums = expected[(call.tenant_id, day, call.user_id)]
        offset = 0 if call.direction == "INBOUND" else 2
        sums[offset] += 1
        sums[offset + 1] += call.duration_seconds
    found = {
        (row.tenant_id, row.local_day, row.user_id): [
            row.inbound_count,
            row.inbound_seconds,
            row.outbound_count,
            row.outbound_seconds,
        ]
        for row in rollups
    }
    assert len(calls) == CALLS + 40
    assert found == dict(expected)
    assert sum(sums[0] + sums[2] for sums in found.values()) == CALLS + 40
