"""Rollups follow calls written by plain SQL text, as a product writing the shared database
would: every INSERT, UPDATE (of user, start, direction, duration), DELETE and TRUNCATE."""

from datetime import date

from sqlalchemy import text

from db.enums import Role
from resolvers.calls.rollup_check import check_rollups
from resolvers.reader import Reader
from tests.factories import make_tenant, make_user


async def _sql(database, *statements: str) -> None:
    async with database.engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement))


async def _rollups(database) -> list[tuple]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT local_day, user_id, inbound_count, inbound_seconds, outbound_count,"
                " outbound_seconds FROM call_rollups ORDER BY local_day, user_id"
            )
        )
        return [
            (day if isinstance(day, date) else date.fromisoformat(day), *rest)
            for day, *rest in rows
        ]


async def _equal_to_the_calls(database) -> None:
    reader = Reader(database)
    try:
        assert (await check_rollups(reader)).differences == []
    finally:
        await reader.finish()


def _call(call_id: int, tenant_id: int, user_id: int, direction: str, at: str, seconds: int):
    return (
        "INSERT INTO calls (id, tenant_id, user_id, direction, started_at, duration_seconds,"
        f" counterpart_number) VALUES ({call_id}, {tenant_id}, {user_id}, '{direction}',"
        f" '{at}', {seconds}, '+15550000000')"
    )


async def test_plain_sql_writes_keep_the_rollups_equal_to_the_calls(database):
    acme = await make_tenant(database, time_zone="America/New_York")
    ann = await make_user(database, acme, "Ann", role=Role.ADMIN)
    bob = await make_user(database, acme, "Bob")
    a, b, t = ann.id, bob.id, acme.id
    # 03:30 UTC on 03-09 is 03-08 23:30 in New York (EDT began 03-08 at 02:00).
    await _sql(
        database,
        _call(1, t, a, "INBOUND", "2026-03-09 03:30:00.000000", 10),
        _call(2, t, a, "OUTBOUND", "2026-03-09 04:00:00.000000", 20),
        "INSERT INTO calls (id, tenant_id, user_id, direction, started_at, duration_seconds,"
        f" counterpart_number) SELECT 3, {t}, {b}, 'INBOUND', started_at, 30, '+1' FROM calls"
        " WHERE id = 1",
    )
    assert await _rollups(database) == [
        (date(2026, 3, 8), a, 1, 10, 0, 0),
        (date(2026, 3, 8), b, 1, 30, 0, 0),
        (date(2026, 3, 9), a, 0, 0, 1, 20),
    ]
    await _equal_to_the_calls(database)

    await _sql(database, f"UPDATE calls SET user_id = {b} WHERE id = 2")
    await _sql(database, "UPDATE calls SET started_at = '2026-03-10 12:00:00.000000' WHERE id = 1")
    await _sql(database, "UPDATE calls SET direction = 'OUTBOUND' WHERE id = 3")
    await _sql(database, "UPDATE calls SET duration_seconds = duration_seconds + 1")
    assert await _rollups(database) == [
        (date(2026, 3, 8), b, 0, 0, 1, 31),
        (date(2026, 3, 9), b, 0, 0, 1, 21),
        (date(2026, 3, 10), a, 1, 11, 0, 0),
    ]
    await _equal_to_the_calls(database)

    await _sql(database, "DELETE FROM calls WHERE id IN (2, 3)")
    assert await _rollups(database) == [(date(2026, 3, 10), a, 1, 11, 0, 0)]
    await _equal_to_the_calls(database)

    if not database.is_sqlite:
        await _sql(database, "TRUNCATE calls CASCADE")
        assert await _rollups(database) == []
        await _equal_to_the_calls(database)
