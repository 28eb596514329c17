"""Overview of the dashboard: every user the conditions name, deactivated users included."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, UserStatus
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_call, make_group, make_tenant, make_user
from tests.graphql import data_of, execute

FROM, TO = "2026-11-01T00:00:00+09:00", "2026-12-01T00:00:00+09:00"
QUERY = """query ($from: DateTime!, $to: DateTime!, $users: [ID!], $groups: [ID!]) {
  dashboard(from: $from, to: $to, userIds: $users, groupIds: $groups) {
    overview { callCount totalDurationSeconds }
  }
}"""


def at(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


async def test_overview_counts_everyone_named_in_half_open_range(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    cid = await make_user(database, acme, "Cid Active")
    sales = await make_group(database, acme, "Sales", [ann, bob])
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    globex_team = await make_group(database, globex, "Team", [gus])

    await make_call(database, ann, CallDirection.OUTBOUND, at(2), duration_seconds=60)
    await make_call(database, ann, CallDirection.INBOUND, at(3), duration_seconds=30)
    # Exactly at `from`: counted; exactly at `to`: not ([from, to) is half-open).
    await make_call(
        database,
        ann,
        CallDirection.INBOUND,
        datetime(2026, 10, 31, 15, 0, tzinfo=UTC),
        duration_seconds=5,
    )
    await make_call(
        database,
        ann,
        CallDirection.INBOUND,
        datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
        duration_seconds=999,
    )
    await make_call(database, bob, CallDirection.INBOUND, at(4), duration_seconds=120)
    await make_call(
        database,
        bob,
        CallDirection.OUTBOUND,
        datetime(2026, 10, 31, 14, 59, tzinfo=UTC),
        duration_seconds=999,
    )
    await make_call(database, cid, CallDirection.OUTBOUND, at(5), duration_seconds=10)
    await make_call(database, gus, CallDirection.OUTBOUND, at(5), duration_seconds=777)

    async def overview(users=None, groups=None):
        variables = {"from": FROM, "to": TO, "users": users, "groups": groups}
        data = await data_of(database, caller_of(admin, acme), QUERY, variables)
        return data["dashboard"]["overview"]

    def ids(*rows):
        return [to_global_id(type(row).__name__, row.id) for row in rows]

    assert await overview() == {"callCount": 5, "totalDurationSeconds": 225}
    assert await overview(users=ids(bob)) == {"callCount": 1, "totalDurationSeconds": 120}
    assert await overview(groups=ids(sales)) == {"callCount": 4, "totalDurationSeconds": 215}
    assert await overview(users=ids(cid), groups=ids(sales)) == {
        "callCount": 5,
        "totalDurationSeconds": 225,
    }
    assert await overview(users=ids(gus)) == {"callCount": 0, "totalDurationSeconds": 0}
    assert await overview(groups=ids(globex_team)) == {"callCount": 0, "totalDurationSeconds": 0}
    assert await overview(users=ids(gus, ann)) == {"callCount": 3, "totalDurationSeconds": 95}
    assert await overview(users=[]) == {"callCount": 0, "totalDurationSeconds": 0}
    assert await overview(users=["not-an-id"]) == {"callCount": 0, "totalDurationSeconds": 0}


async def test_dashboard_refuses_an_empty_range_and_naive_times(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    caller = caller_of(admin, acme)

    backwards = await execute(database, caller, QUERY, {"from": TO, "to": FROM})
    naive = await execute(database, caller, QUERY, {"from": "2026-11-01T00:00:00", "to": TO})

    assert backwards.data is None
    assert [(e.message, e.extensions) for e in backwards.errors or []] == [
        ("`from` must be before `to`.", {"code": "INVALID_INPUT"})
    ]
    assert naive.data is None
    assert [(e.message, e.extensions) for e in naive.errors or []] == [
        (
            "Variable '$from' has invalid value: "
            "A DateTime needs a UTC offset, e.g. 2026-11-24T09:30:00+09:00.",
            {"code": "INVALID_INPUT"},
        )
    ]
