"""Exactly once, however many runners: two run the same due queue at the same time.

Each runner has its own Database (its own pool, its own connections), as two processes
would. On PostgreSQL they contend on row locks (FOR UPDATE SKIP LOCKED), on SQLite on
the database's write lock.
"""

import asyncio
from collections import Counter

from db.engine import Database
from db.enums import ScheduledChangeState, UserStatusAction
from resolvers.schedule.run import run_due_changes
from tests.factories import make_user
from tests.schedule.helpers import NOW, audit, build_schedule_world, changes, events, queue_row


async def _race(url: str, runners: int) -> list:
    databases = [Database(url) for _ in range(runners)]
    try:
        results = await asyncio.gather(
            *(run_due_changes(database, now=NOW) for database in databases)
        )
    finally:
        for database in databases:
            await database.dispose()
    return [outcome for result in results for outcome in result]


async def test_one_due_change_runs_once_with_two_runners_racing(database):
    world = await build_schedule_world(database)
    for _ in range(5):  # several rounds: the race has several ways to go
        row = await queue_row(database, world.admin, world.ben)
        outcomes = await _race(database.url, 2)
        assert [(o.change_id, o.state) for o in outcomes] == [(row.id, ScheduledChangeState.DONE)]
        stored = [change for change in await changes(database) if change.id == row.id]
        assert [change.state for change in stored] == ["DONE"]
        # Back to active for the next round, through the queue too.
        back = await queue_row(database, world.admin, world.ben, UserStatusAction.ACTIVATED)
        assert [(o.change_id, o.state) for o in await _race(database.url, 2)] == [
            (back.id, ScheduledChangeState.DONE)
        ]
    assert Counter(event.action for event in await events(database)) == {
        "DEACTIVATED": 5,
        "ACTIVATED": 5,
    }
    assert Counter(entry["actor_kind"] for entry in await audit(database)) == {"SCHEDULE": 10}


async def test_many_due_changes_each_run_once_with_three_runners_racing(database):
    world = await build_schedule_world(database)
    users = [await make_user(database, world.acme, f"Temp {n:02}") for n in range(24)]
    rows = [await queue_row(database, world.admin, user) for user in users]
    outcomes = await _race(database.url, 3)
    assert sorted(o.change_id for o in outcomes) == sorted(int(row.id) for row in rows)
    assert {o.state for o in outcomes} == {ScheduledChangeState.DONE}
    assert {change.state for change in await changes(database)} == {"DONE"}
    stored_events = await events(database)
    assert sorted(event.user_id for event in stored_events) == sorted(int(u.id) for u in users)
    entries = await audit(database)
    assert len(entries) == 24
    assert {entry["actor_kind"] for entry in entries} == {"SCHEDULE"}
    assert {change.status_event_id for change in await changes(database)} == {
        event.id for event in stored_events
    }
