"""Phone, Menu > User: active users only, before and after deactivation; one tenant only."""

from db.enums import Role, UserStatus
from tests.call_center.status import gid, set_active
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

MENU = """query($ben: ID!) {
  phoneUserMenu { displayName inPhoneUserMenu }
  ben: user(id: $ben) { inPhoneUserMenu }
}"""


async def test_menu_lists_active_users_and_drops_then_restores_a_deactivated_one(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    await make_user(database, acme, "Cai Chen")
    ben = await make_user(database, acme, "Ben Bell")
    await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    await make_user(database, globex, "Abe Other")
    admin = caller_of(ada, acme)
    variables = {"ben": gid("User", ben)}

    def expected(ben_listed: bool) -> dict:
        names = ["Ada Admin", "Ben Bell", "Cai Chen"] if ben_listed else ["Ada Admin", "Cai Chen"]
        return {
            "phoneUserMenu": [{"displayName": name, "inPhoneUserMenu": True} for name in names],
            "ben": {"inPhoneUserMenu": ben_listed},
        }

    assert await data_of(database, admin, MENU, variables) == expected(True)
    await set_active(database, admin, ben, False)
    assert await data_of(database, admin, MENU, variables) == expected(False)
    await set_active(database, admin, ben, True)
    assert await data_of(database, admin, MENU, variables) == expected(True)


async def test_the_phone_subgraph_serves_the_menu_alone(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)

    data = await data_of(
        database,
        caller_of(ben, acme),
        """query($reps: [_Any!]!) {
          phoneUserMenu { id inPhoneUserMenu }
          _entities(representations: $reps) { ... on User { id inPhoneUserMenu } }
        }""",
        {"reps": [{"__typename": "User", "id": gid("User", dee)}]},
        schema="phone",
    )
    assert data == {
        "phoneUserMenu": [
            {"id": gid("User", ada), "inPhoneUserMenu": True},
            {"id": gid("User", ben), "inPhoneUserMenu": True},
        ],
        "_entities": [{"id": gid("User", dee), "inPhoneUserMenu": False}],
    }
