"""The number of SQL statements does not grow with the number of users returned."""

from db.enums import IncomingCallAction, Role, VideoProvider
from tests.factories import (
    caller_of,
    make_group,
    make_integration,
    make_phone_number,
    make_rule,
    make_tenant,
    make_user,
)
from tests.graphql import StatementCounter, execute

ADMIN_FIELDS = """
  id email displayName role status active deactivatedAt
  canLogIn(product: ADMIN) inAvailableUserList
  phoneNumbers { id number user { id displayName } }
  groups { id name members { id displayName } }
  statusHistory { id action at actor { displayName } user { id } removedVideoIntegrations { provider } }
"""


async def _statements_for(database, caller, first: int) -> int:
    query = (
        f"{{ users(first: {first}) {{ totalCount edges {{ cursor node {{ {ADMIN_FIELDS} }} }} }} }}"
    )
    with StatementCounter(database) as counter:
        result = await execute(database, caller, query)
    assert result.errors is None
    assert len(result.data["users"]["edges"]) == first
    return counter.count


async def test_users_costs_the_same_statements_for_5_and_100_users(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Admin", role=Role.ADMIN)
    users = [await make_user(database, acme, f"User {i:03}") for i in range(120)]
    await make_group(database, acme, "Everyone", users)
    for i, user in enumerate(users):
        phone = await make_phone_number(database, acme, f"+8131234{i:04}", user)
        if i % 3 == 0:
            await make_rule(
                database,
                phone,
                f"Rule {i}",
                IncomingCallAction.CALL_SPECIFIC_USER,
                target_user=user,
            )
        if i % 4 == 0:
            await make_integration(database, user, VideoProvider.ZOOM)
    caller = caller_of(admin, acme)
    small = await _statements_for(database, caller, 5)
    large = await _statements_for(database, caller, 100)
    # users page + count, phone numbers, their users, groups, members, history: one each.
    assert small == large == 7
