from db.enums import Role, UserStatus
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of


async def test_users_lists_everyone_and_available_users_only_active(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    await make_user(database, acme, "Ben Active")
    await make_user(database, acme, "Cai Gone", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    await make_user(database, globex, "Dee Other")

    data = await data_of(
        database,
        caller_of(admin, acme),
        """{
          users(first: 10) { totalCount edges { node { displayName active inAvailableUserList
            canLogIn(product: CALL_CENTER) } } }
          availableUsers { totalCount edges { node { displayName } } }
        }""",
    )
    assert data == {
        "users": {
            "totalCount": 3,
            "edges": [
                {
                    "node": {
                        "displayName": "Ada Admin",
                        "active": True,
                        "inAvailableUserList": True,
                        "canLogIn": True,
                    }
                },
                {
                    "node": {
                        "displayName": "Ben Active",
                        "active": True,
                        "inAvailableUserList": True,
                        "canLogIn": True,
                    }
                },
                {
                    "node": {
                        "displayName": "Cai Gone",
                        "active": False,
                        "inAvailableUserList": False,
                        "canLogIn": False,
                    }
                },
            ],
        },
        "availableUsers": {
            "totalCount": 2,
            "edges": [
                {"node": {"displayName": "Ada Admin"}},
                {"node": {"displayName": "Ben Active"}},
            ],
        },
    }
