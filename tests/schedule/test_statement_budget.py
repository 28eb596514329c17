"""scheduledStatusChanges(first: 100) costs the statements of first: 5; so does the User field."""

from datetime import timedelta

from db.enums import Role
from resolvers.schedule.run import run_due_changes
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import StatementCounter, execute
from tests.schedule.helpers import NOW, queue_row

FIELDS = """id action at state ranAt changed errorCode errorMessage createdAt
  user { id displayName } createdBy { id displayName } reassignIncomingCallRulesTo { id }
  statusEvent { id action actor { displayName } }"""


async def _count(database, caller, query, key) -> int:
    with StatementCounter(database) as counter:
        result = await execute(database, caller, query)
    assert result.errors is None, result.errors
    assert result.data is not None and result.data[key]
    return counter.count


async def test_the_root_list_and_the_user_field_cost_the_same_for_5_and_100(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Admin", role=Role.ADMIN)
    caller = caller_of(admin, acme)
    users = [await make_user(database, acme, f"User {i:03}") for i in range(110)]
    for i, user in enumerate(users):
        if i % 2 == 0:  # half of them already run: DONE with a status event
            await queue_row(database, caller, user, at=NOW - timedelta(seconds=i + 1))
        reassign = users[(i + 1) % len(users)] if i % 3 == 0 else None
        await queue_row(
            database, caller, user, at=NOW + timedelta(hours=i + 1), reassign_to=reassign
        )
    await run_due_changes(database, now=NOW, limit=200)

    def root(first: int) -> str:
        return (
            f"{{ scheduledStatusChanges(first: {first}) {{ totalCount "
            f"pageInfo {{ endCursor }} edges {{ cursor node {{ {FIELDS} }} }} }} }}"
        )

    small = await _count(database, caller, root(5), "scheduledStatusChanges")
    large = await _count(database, caller, root(100), "scheduledStatusChanges")
    # page, count, the users (user, createdBy, reassign target), status events (their
    # actor, the admin, is one of the users already loaded).
    assert (small, large) == (4, 4)

    def by_user(first: int) -> str:
        return f"{{ users(first: {first}) {{ edges {{ node {{ scheduledStatusChanges {{ {FIELDS} }} }} }} }} }}"

    small = await _count(database, caller, by_user(5), "users")
    large = await _count(database, caller, by_user(100), "users")
    # users page, their changes, the users those name, status events.
    assert (small, large) == (4, 4), (small, large)
