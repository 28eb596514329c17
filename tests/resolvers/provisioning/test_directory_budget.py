"""The door's reads cost the same statements for a page of 5 as for a page of 100."""

from typing import Any

from resolvers.groups.directory import directory_group, directory_groups
from resolvers.people.directory import directory_user, directory_users
from resolvers.reader import Reader
from tests.factories import make_group, make_phone_number, make_tenant, make_user
from tests.graphql import StatementCounter


async def _world(database):
    acme = await make_tenant(database)
    users = [await make_user(database, acme, f"User {i:03}") for i in range(110)]
    for i, user in enumerate(users):
        await make_phone_number(database, acme, f"+8131234{i:04}", user)
    groups = [
        await make_group(database, acme, f"Group {i:03}", users[i : i + 3]) for i in range(110)
    ]
    return acme, users, groups


async def _counted(database, read) -> tuple[int, Any]:
    reader = Reader(database)
    try:
        with StatementCounter(database) as counter:
            answer = await read(reader)
    finally:
        await reader.finish()
    return counter.count, answer


async def test_user_pages_cost_the_same_statements_for_5_and_100(database):
    acme, users, _ = await _world(database)
    counts = []
    for limit in (5, 100):
        count, (total, page) = await _counted(
            database,
            lambda reader, limit=limit: directory_users(
                reader, tenant_id=acme.id, where=None, offset=0, limit=limit
            ),
        )
        assert total == 110 and len(page) == limit
        assert all(user.phone_numbers and user.groups for user in page)
        counts.append(count)
    # count, page, numbers, groups.
    assert counts == [4, 4]
    count, user = await _counted(
        database, lambda reader: directory_user(reader, tenant_id=acme.id, user_id=users[0].id)
    )
    assert count == 3 and user is not None


async def test_group_pages_cost_the_same_statements_for_5_and_100(database):
    acme, _, groups = await _world(database)
    counts = []
    for with_members in (True, False):
        for limit in (5, 100):
            count, (total, page) = await _counted(
                database,
                lambda reader, limit=limit, with_members=with_members: directory_groups(
                    reader,
                    tenant_id=acme.id,
                    where=None,
                    offset=0,
                    limit=limit,
                    with_members=with_members,
                ),
            )
            assert total == 110 and len(page) == limit
            assert all(bool(group.members) is with_members for group in page)
            counts.append(count)
    # count, page, members (when asked).
    assert counts == [3, 3, 2, 2]
    count, group = await _counted(
        database, lambda reader: directory_group(reader, tenant_id=acme.id, group_id=groups[0].id)
    )
    assert count == 2 and group is not None
