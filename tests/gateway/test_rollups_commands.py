"""`roster rollups verify | rebuild` and `roster tenant set-time-zone`, on both backends."""

from datetime import UTC, date, datetime

from sqlalchemy import select, text

from db.enums import CallDirection, Role
from db.models import CallRollup
from tests.factories import caller_of, make_call, make_tenant, make_user
from tests.graphql import data_of

DAYS = """{ dashboard(from: "2026-03-01T00:00:00Z", to: "2026-03-31T00:00:00Z") {
  byPeriod(granularity: DAY) { periodStart callCount totalDurationSeconds } } }"""


async def _rollups(database):
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            select(CallRollup.__table__).order_by(  # type: ignore[attr-defined]
                text("tenant_id, local_day, user_id")
            )
        )
        return [tuple(row) for row in rows]


async def _world(database):
    acme = await make_tenant(database)  # Asia/Tokyo
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant")
    # 2026-03-09 15:30 UTC: 03-10 00:30 in Tokyo, 03-09 11:30 in New York (EDT).
    await make_call(
        database,
        ada,
        CallDirection.INBOUND,
        datetime(2026, 3, 9, 15, 30, tzinfo=UTC),
        duration_seconds=40,
    )
    # 2026-03-10 03:00 UTC: 03-10 12:00 in Tokyo, 03-09 23:00 in New York.
    await make_call(
        database,
        ada,
        CallDirection.OUTBOUND,
        datetime(2026, 3, 10, 3, tzinfo=UTC),
        duration_seconds=5,
    )
    await make_call(database, gus, CallDirection.INBOUND, datetime(2026, 3, 10, 3, tzinfo=UTC))
    return acme, ada, globex, gus


async def test_verify_passes_then_names_every_difference_and_rebuild_repairs(database, roster):
    _, ada, _, gus = await _world(database)
    passed = await roster("rollups", "verify")
    assert (passed.exit_code, passed.stdout) == (0, "rollups match the calls: 2 rows checked.\n")

    async with database.engine.begin() as connection:
        await connection.execute(text("UPDATE call_rollups SET outbound_seconds = 99"))
        await connection.execute(text(f"DELETE FROM call_rollups WHERE user_id = {gus.id}"))
    failed = await roster("rollups", "verify")
    assert failed.exit_code == 1
    assert failed.stdout == (
        f"acme 2026-03-10 user {ada.id}: expected inbound 1 (40 s), outbound 1 (5 s), "
        "found inbound 1 (40 s), outbound 1 (99 s)\n"
        f"globex 2026-03-10 user {gus.id}: expected inbound 1 (60 s), outbound 0 (0 s), "
        "found no row\n"
    )
    only_acme = await roster("rollups", "verify", "--tenant", "acme")
    assert only_acme.exit_code == 1 and "globex" not in only_acme.stdout

    rebuilt = await roster("rollups", "rebuild", "--tenant", "globex")
    assert (rebuilt.exit_code, rebuilt.stdout) == (0, "rollups rebuilt: 1 rows.\n")
    assert (await roster("rollups", "verify", "--tenant", "globex")).exit_code == 0
    assert (await roster("rollups", "verify")).exit_code == 1
    assert (await roster("rollups", "rebuild")).stdout == "rollups rebuilt: 2 rows.\n"
    assert (await roster("rollups", "verify")).exit_code == 0
    unknown = await roster("rollups", "verify", "--tenant", "nope")
    assert unknown.exit_code == 2 and "no tenant 'nope'" in unknown.stderr


async def test_a_time_zone_change_rebuilds_the_tenants_rollups_and_the_days_follow(
    database, roster
):
    acme, ada, globex, gus = await _world(database)
    before = await data_of(database, caller_of(ada, acme), DAYS)
    assert before["dashboard"]["byPeriod"] == [
        {"periodStart": "2026-03-10T00:00:00+09:00", "callCount": 2, "totalDurationSeconds": 45}
    ]

    changed = await roster("tenant", "set-time-zone", "acme", "America/New_York")
    assert changed.exit_code == 0
    assert changed.stdout == "acme: time zone Asia/Tokyo -> America/New_York; rollups rebuilt.\n"
    assert await _rollups(database) == [
        (acme.id, date(2026, 3, 9), ada.id, 1, 40, 1, 5),
        (globex.id, date(2026, 3, 10), gus.id, 1, 60, 0, 0),
    ]
    assert (await roster("rollups", "verify")).exit_code == 0
    acme.time_zone = "America/New_York"
    after = await data_of(database, caller_of(ada, acme), DAYS)
    assert after["dashboard"]["byPeriod"] == [
        {"periodStart": "2026-03-09T00:00:00-04:00", "callCount": 2, "totalDurationSeconds": 45}
    ]
    again = await roster("tenant", "set-time-zone", "acme", "America/New_York")
    assert again.stdout == "acme: time zone already America/New_York, nothing to do.\n"


async def test_set_time_zone_refuses_what_is_no_zone_and_no_tenant(database, roster):
    await _world(database)
    for zone in ["Mars/Olympus", "../../etc/passwd", "Asia/Tokyo\x00", "", "localtime", "x" * 5000]:
        refused = await roster("tenant", "set-time-zone", "acme", zone)
        assert refused.exit_code == 1, zone
        assert "is no IANA time zone name" in refused.stderr
    missing = await roster("tenant", "set-time-zone", "nope", "UTC")
    assert (missing.exit_code, missing.stderr) == (1, "error: no tenant 'nope'\n")
    assert (await roster("rollups", "verify")).exit_code == 0
