"""The Analytics rows of the chart as User fields, for active and deactivated users."""

from db.enums import Role, UserStatus
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

FIELDS = (
    "inDashboardConditions",
    "inDashboardOverview",
    "inDashboardByUser",
    "inDashboardByPeriod",
    "mentionable",
)


async def test_chart_booleans_follow_the_chart(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)

    data = await data_of(
        database,
        caller_of(admin, acme),
        "{ users { edges { node { displayName " + " ".join(FIELDS) + " } } } }",
    )

    assert data == {
        "users": {
            "edges": [
                {
                    "node": {
                        "displayName": "Ada Admin",
                        "inDashboardConditions": True,
                        "inDashboardOverview": True,
                        "inDashboardByUser": True,
                        "inDashboardByPeriod": True,
                        "mentionable": True,
                    }
                },
                {
                    "node": {
                        "displayName": "Bob Gone",
                        "inDashboardConditions": True,
                        "inDashboardOverview": True,
                        "inDashboardByUser": False,
                        "inDashboardByPeriod": True,
                        "mentionable": False,
                    }
                },
            ]
        }
    }
