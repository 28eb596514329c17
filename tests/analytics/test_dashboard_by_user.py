"""Table (By user): active users only, zero rows included, from one GROUP BY."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, UserStatus
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_call, make_group, make_tenant, make_user
from tests.graphql import data_of

QUERY = """query ($users: [ID!], $groups: [ID!]) {
  dashboard(from: "2026-11-01T00:00:00+09:00", to: "2026-12-01T00:00:00+09:00",
            userIds: $users, groupIds: $groups) {
    overview { callCount totalDurationSeconds }
    byUser { user { displayName active inDashboardByUser mentionable } callCount totalDurationSeconds }
  }
}"""


def user_row(name: str, call_count: int, seconds: int) -> dict[str, object]:
    return {
        "user": {
            "displayName": name,
            "active": True,
            "inDashboardByUser": True,
            "mentionable": True,
        },
        "callCount": call_count,
        "totalDurationSeconds": seconds,
    }


async def test_by_user_lists_active_users_only_while_overview_counts_all(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    cid = await make_user(database, acme, "Cid Quiet")
    sales = await make_group(database, acme, "Sales", [ann, bob, cid])
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    await make_call(
        database,
        ann,
        CallDirection.OUTBOUND,
        datetime(2026, 11, 2, tzinfo=UTC),
        duration_seconds=60,
    )
    await make_call(
        database, ann, CallDirection.INBOUND, datetime(2026, 11, 3, tzinfo=UTC), duration_seconds=40
    )
    await make_call(
        database,
        bob,
        CallDirection.INBOUND,
        datetime(2026, 11, 4, tzinfo=UTC),
        duration_seconds=120,
    )
    # Outside the period: Cid still has a row, with zeros.
    await make_call(
        database, cid, CallDirection.INBOUND, datetime(2026, 12, 4, tzinfo=UTC), duration_seconds=9
    )
    await make_call(
        database, gus, CallDirection.INBOUND, datetime(2026, 11, 4, tzinfo=UTC), duration_seconds=5
    )
    caller = caller_of(admin, acme)

    def user_ids(*users):
        return [to_global_id("User", user.id) for user in users]

    everyone = await data_of(database, caller, QUERY)
    group = await data_of(
        database, caller, QUERY, {"groups": [to_global_id("UserGroup", sales.id)]}
    )
    only_bob = await data_of(database, caller, QUERY, {"users": user_ids(bob)})
    bob_and_foreign = await data_of(database, caller, QUERY, {"users": user_ids(bob, gus)})

    assert everyone == {
        "dashboard": {
            "overview": {"callCount": 3, "totalDurationSeconds": 220},
            "byUser": [
                user_row("Ada Admin", 0, 0),
                user_row("Ann Active", 2, 100),
                user_row("Cid Quiet", 0, 0),
            ],
        }
    }
    assert group == {
        "dashboard": {
            "overview": {"callCount": 3, "totalDurationSeconds": 220},
            "byUser": [user_row("Ann Active", 2, 100), user_row("Cid Quiet", 0, 0)],
        }
    }
    assert only_bob == {
        "dashboard": {"overview": {"callCount": 1, "totalDurationSeconds": 120}, "byUser": []}
    }
    assert bob_and_foreign == only_bob
