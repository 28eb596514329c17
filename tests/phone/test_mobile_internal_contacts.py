"""Phone Mobile, Internal: active users only, before and after deactivation; one tenant only."""

from db.enums import Role, UserStatus
from tests.call_center.status import gid, set_active
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

CONTACTS = """query($ben: ID!) {
  mobileInternalContacts { displayName inMobileInternalList }
  ben: user(id: $ben) { inMobileInternalList }
}"""


async def test_internal_list_shows_active_users_and_drops_then_restores_a_deactivated_one(
    database,
):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    await make_user(database, acme, "Aki Abe")
    globex = await make_tenant(database, "globex")
    await make_user(database, globex, "Abe Other")
    admin = caller_of(ada, acme)
    variables = {"ben": gid("User", ben)}

    def expected(ben_listed: bool) -> dict:
        names = ["Ada Admin", "Aki Abe"] + (["Ben Bell"] if ben_listed else [])
        return {
            "mobileInternalContacts": [
                {"displayName": name, "inMobileInternalList": True} for name in names
            ],
            "ben": {"inMobileInternalList": ben_listed},
        }

    assert await data_of(database, admin, CONTACTS, variables) == expected(True)
    await set_active(database, admin, ben, False)
    assert await data_of(database, admin, CONTACTS, variables) == expected(False)
    await set_active(database, admin, ben, True)
    assert await data_of(database, admin, CONTACTS, variables) == expected(True)


async def test_the_phone_mobile_subgraph_serves_the_list_alone(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)

    data = await data_of(
        database,
        caller_of(ada, acme),
        """query($reps: [_Any!]!) {
          mobileInternalContacts { id inMobileInternalList }
          _entities(representations: $reps) { ... on User { id inMobileInternalList } }
        }""",
        {"reps": [{"__typename": "User", "id": gid("User", dee)}]},
        schema="phoneMobile",
    )
    assert data == {
        "mobileInternalContacts": [{"id": gid("User", ada), "inMobileInternalList": True}],
        "_entities": [{"id": gid("User", dee), "inMobileInternalList": False}],
    }
