"""Call Center, Real-time monitor: active users only, before and after deactivation."""

from db.enums import Role, UserStatus
from tests.call_center.status import gid, set_active
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

MONITOR = """query($ben: ID!) {
  realtimeMonitor { displayName inRealtimeMonitor }
  ben: user(id: $ben) { inRealtimeMonitor canLogIn(product: CALL_CENTER) }
}"""


async def test_monitor_lists_active_users_and_drops_then_restores_a_deactivated_one(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    await make_user(database, globex, "Abe Other")
    admin = caller_of(ada, acme)
    variables = {"ben": gid("User", ben)}

    def expected(ben_listed: bool) -> dict:
        names = ["Ada Admin"] + (["Ben Bell"] if ben_listed else [])
        return {
            "realtimeMonitor": [{"displayName": n, "inRealtimeMonitor": True} for n in names],
            "ben": {"inRealtimeMonitor": ben_listed, "canLogIn": ben_listed},
        }

    assert await data_of(database, admin, MONITOR, variables) == expected(True)
    await set_active(database, admin, ben, False)
    assert await data_of(database, admin, MONITOR, variables) == expected(False)
    await set_active(database, admin, ben, True)
    assert await data_of(database, admin, MONITOR, variables) == expected(True)
