"""Idempotent by externalId per tenant: retries count once, other values are refused, and
the rollups follow exactly what was stored."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import func, select

from db.models import Call
from resolvers.calls.record import record_calls
from tests.factories import make_tenant, make_user
from tests.resolvers.calls.records import NOW, call_record, field, outcomes
from tests.resolvers.calls.rollups import expected_rollups, rollup_rows


async def _call_count(database) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Call)) or 0)


async def test_a_retried_batch_counts_once_and_answers_the_stored_calls(database):
    acme = await make_tenant(database, time_zone="America/New_York")
    ann = await make_user(database, acme, "Ann Active")
    batch = [
        call_record(ann, "c-1"),
        call_record(ann, "c-2", direction="INBOUND", duration_seconds=30),
    ]
    first = await record_calls(database, tenant_id=acme.id, calls=batch, now=NOW)
    rollups = await rollup_rows(database)
    again = await record_calls(database, tenant_id=acme.id, calls=batch, now=NOW)

    ids = [item.call.id for item in first.results]
    assert outcomes(first) == [("c-1", True, ids[0], []), ("c-2", True, ids[1], [])]
    assert outcomes(again) == [("c-1", False, ids[0], []), ("c-2", False, ids[1], [])]
    assert (again.recorded_count, again.already_recorded_count) == (0, 2)
    assert await _call_count(database) == 2
    assert rollups == await rollup_rows(database) == [(acme.id, STARTED_DAY, ann.id, 1, 30, 1, 60)]


STARTED_DAY = datetime(2026, 11, 24).date()


async def test_the_same_external_id_with_other_values_is_already_exists(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    ben = await make_user(database, acme, "Ben Bell")
    original = call_record(ann, "c-1")
    first = await record_calls(database, tenant_id=acme.id, calls=[original], now=NOW)
    stored_id = first.results[0].call.id
    changed = [
        replace(original, user_id=ben.id),
        replace(original, started_at=original.started_at + timedelta(seconds=1)),
        replace(original, direction="INBOUND"),
        replace(original, duration_seconds=61),
        replace(original, counterpart_number="+81399999999"),
        # The same instant in another offset, and spaces trimmed: the same call.
        replace(
            original,
            external_id=" c-1 ",
            started_at=original.started_at.astimezone(timezone(timedelta(hours=9))),
            counterpart_number=" +81312345678 ",
        ),
    ]
    result = await record_calls(database, tenant_id=acme.id, calls=changed, now=NOW)
    conflict = [("ALREADY_EXISTS", field(index, "externalId")) for index in range(5)]
    assert outcomes(result) == [
        *[("c-1", False, None, [error]) for error in conflict],
        ("c-1", False, stored_id, []),
    ]
    assert result.results[0].user_errors[0].message == (
        "A call with this externalId was recorded with other values."
    )
    assert await _call_count(database) == 1


async def test_within_a_batch_the_first_counts_repeats_are_judged_against_it(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    batch = [
        call_record(ann, "c-1", user_id=None),  # refused: the next valid one comes first
        call_record(ann, "c-1"),
        call_record(ann, "c-1"),
        call_record(ann, "c-1", duration_seconds=5),
        call_record(ann, "c-2"),
    ]
    result = await record_calls(database, tenant_id=acme.id, calls=batch, now=NOW)
    c1, c2 = result.results[1].call.id, result.results[4].call.id
    assert outcomes(result) == [
        ("c-1", False, None, [("NOT_FOUND", field(0, "userId"))]),
        ("c-1", True, c1, []),
        ("c-1", False, c1, []),
        ("c-1", False, None, [("ALREADY_EXISTS", field(3, "externalId"))]),
        ("c-2", True, c2, []),
    ]
    assert (result.recorded_count, result.already_recorded_count, result.rejected_count) == (
        2,
        1,
        2,
    )
    assert await _call_count(database) == 2


async def test_each_tenant_has_its_own_external_ids(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    in_acme = await record_calls(
        database, tenant_id=acme.id, calls=[call_record(ann, "same")], now=NOW
    )
    in_globex = await record_calls(
        database, tenant_id=globex.id, calls=[call_record(gus, "same", duration_seconds=9)], now=NOW
    )
    assert [item.recorded for item in in_acme.results + in_globex.results] == [True, True]
    assert in_acme.results[0].call.id != in_globex.results[0].call.id
    # Globex's user, named in acme's batch, is no user of acme's.
    crossed = await record_calls(
        database, tenant_id=acme.id, calls=[call_record(gus, "other")], now=NOW
    )
    assert outcomes(crossed) == [("other", False, None, [("NOT_FOUND", field(0, "userId"))])]


async def test_rollups_after_ingestion_are_the_calls_summed_per_local_day(database):
    zone = "America/New_York"
    acme = await make_tenant(database, time_zone=zone)
    ann = await make_user(database, acme, "Ann Active")
    ben = await make_user(database, acme, "Ben Bell")
    globex = await make_tenant(database, "globex", time_zone="Asia/Kolkata")
    gus = await make_user(database, globex, "Gus Other")
    # Around New York's local midnight and its DST end (2026-11-01 02:00 EDT -> 01:00 EST).
    start = datetime(2026, 10, 31, 3, 0, tzinfo=UTC)
    acme_calls = [
        call_record(
            (ann, ben)[index % 2],
            f"a-{index}",
            direction=("INBOUND", "OUTBOUND")[index % 3 % 2],
            started_at=start + timedelta(minutes=47 * index),
            duration_seconds=index * 7 % 600,
        )
        for index in range(200)
    ]
    globex_calls = [
        call_record(gus, f"g-{index}", started_at=start + timedelta(minutes=95 * index))
        for index in range(40)
    ]
    for offset in range(0, 200, 50):
        await record_calls(
            database, tenant_id=acme.id, calls=acme_calls[offset : offset + 50], now=NOW
        )
    await record_calls(database, tenant_id=globex.id, calls=globex_calls, now=NOW)
    # A retry of everything changes nothing.
    await record_calls(database, tenant_id=acme.id, calls=acme_calls[:120], now=NOW)

    assert await rollup_rows(database) == [
        *expected_rollups(acme.id, zone, acme_calls),
        *expected_rollups(globex.id, "Asia/Kolkata", globex_calls),
    ]
