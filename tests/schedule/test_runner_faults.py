"""An unexpected error rolls the run back, leaves the change PENDING, and is not spun on."""

from datetime import timedelta

import pytest

from db.enums import ScheduledChangeState
from resolvers.schedule import run
from resolvers.schedule.attempts import Attempts
from resolvers.schedule.run import RunOutcome, run_due_changes
from tests.schedule.helpers import NOW, audit, build_schedule_world, changes, events, queue_row


async def test_a_change_that_keeps_erring_is_paused_then_failed_internal(database, monkeypatch):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben)
    other = await queue_row(database, world.admin, world.cai, at=NOW + timedelta(seconds=1))
    real = run.apply_status_change
    calls: list[int] = []

    async def erring(session, **kwargs):
        calls.append(kwargs["user_id"])
        if kwargs["user_id"] == world.ben.id:
            await real(session, **kwargs)  # its writes must all roll back
            raise RuntimeError("a bug")
        return await real(session, **kwargs)

    monkeypatch.setattr(run, "apply_status_change", erring)
    attempts = Attempts(max_attempts=2, first_pause=timedelta(seconds=5))
    assert await run_due_changes(database, now=NOW, attempts=attempts) == [RunOutcome(row.id, None)]
    stored, _ = await changes(database)
    assert (stored.state, stored.ran_at) == ("PENDING", None)
    assert await events(database) == []
    assert await audit(database) == []
    # Held back for its pause, while the others run.
    assert await run_due_changes(database, now=NOW + timedelta(seconds=4), attempts=attempts) == [
        RunOutcome(other.id, ScheduledChangeState.DONE)
    ]
    assert await run_due_changes(database, now=NOW + timedelta(seconds=5), attempts=attempts) == [
        RunOutcome(row.id, ScheduledChangeState.FAILED, "INTERNAL")
    ]
    stored, _ = await changes(database)
    assert (stored.state, stored.error_code, stored.error_message, stored.ran_at) == (
        "FAILED",
        "INTERNAL",
        "The change met an unexpected error 2 times; see the server's log.",
        NOW + timedelta(seconds=5),
    )
    assert [event.user_id for event in await events(database)] == [world.cai.id]
    assert calls == [world.ben.id, world.cai.id, world.ben.id]
    assert await run_due_changes(database, now=NOW + timedelta(hours=1), attempts=attempts) == []


async def test_an_error_before_any_claim_reaches_the_loop(database, monkeypatch):
    world = await build_schedule_world(database)
    await queue_row(database, world.admin, world.ben)

    async def broken_claim(*args, **kwargs):
        raise ConnectionError("the database is away")

    monkeypatch.setattr(run, "_claim", broken_claim)
    with pytest.raises(ConnectionError):
        await run_due_changes(database, now=NOW)
    (stored,) = await changes(database)
    assert stored.state == "PENDING"
