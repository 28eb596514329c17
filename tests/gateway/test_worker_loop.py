"""The background loop: every job each poll, errors logged and paused, a clean stop."""

import asyncio
import logging
from datetime import timedelta

from db.engine import Database
from db.enums import ScheduledChangeState
from gateway.app import create_app
from gateway.settings import Settings
from gateway.worker.jobs import scheduler_job, worker_jobs
from gateway.worker.loop import NamedJob, WorkerLoop
from tests.schedule.helpers import NOW, audit, build_schedule_world, changes, events, queue_row


async def _until(condition, seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, "not in time"
        await asyncio.sleep(0.01)


async def test_a_failing_job_is_logged_and_paused_while_the_others_go_on(caplog):
    runs = {"good": 0, "bad": 0}

    async def good() -> bool:
        runs["good"] += 1
        return False

    async def bad() -> bool:
        runs["bad"] += 1
        raise ConnectionError("the database is away")

    loop = WorkerLoop(
        [NamedJob("bad", bad), NamedJob("good", good)], poll_seconds=0.01, max_pause_seconds=0.08
    )
    with caplog.at_level(logging.ERROR, logger="gateway.worker.loop"):
        loop.start()

        async def enough() -> bool:
            return runs["good"] >= 30

        await _until(enough)
        await loop.stop()
    # Paused for 0.02, 0.04, then 0.08 s at most: far fewer tries than polls.
    assert 2 <= runs["bad"] < runs["good"] / 2
    assert "job bad failed (1 in a row); next try in 0.0 s" in caplog.text
    assert "ConnectionError: the database is away" in caplog.text


async def test_a_job_with_more_to_do_runs_again_at_once():
    batches = [True, True, False]
    calls = 0

    async def job() -> bool:
        nonlocal calls
        calls += 1
        return batches.pop(0) if batches else False

    loop = WorkerLoop([NamedJob("batches", job)], poll_seconds=60)
    loop.start()

    async def three() -> bool:
        return calls >= 3

    await _until(three, 1.0)
    await loop.stop()
    assert calls == 3  # one poll, three rounds; the next poll is a minute away


async def test_stop_cancels_a_job_midway_and_waits_for_it():
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def slow() -> bool:
        started.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return False

    loop = WorkerLoop([NamedJob("slow", slow)], poll_seconds=0.01)
    task = loop.start()
    await asyncio.wait_for(started.wait(), 1)
    await asyncio.wait_for(loop.stop(), 1)
    assert cancelled.is_set() and task.done()
    await loop.stop()  # stopping twice is harmless


async def test_the_scheduler_job_runs_what_its_clock_says_is_due(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW + timedelta(seconds=30))
    now = [NOW]
    loop = WorkerLoop([scheduler_job(database, clock=lambda: now[0])], poll_seconds=0.01)
    loop.start()
    try:
        await asyncio.sleep(0.1)
        assert [change.state for change in await changes(database)] == ["PENDING"]
        now[0] = NOW + timedelta(seconds=30)

        async def done() -> bool:
            return [c.state for c in await changes(database)] == ["DONE"]

        await _until(done)
    finally:
        await loop.stop()
    (stored,) = await changes(database)
    assert (stored.id, stored.ran_at) == (row.id, NOW + timedelta(seconds=30))


async def test_two_loops_on_one_queue_run_each_change_once(database):
    world = await build_schedule_world(database)
    rows = [await queue_row(database, world.admin, user, at=NOW) for user in (world.ben, world.cai)]
    databases = [Database(database.url) for _ in range(2)]
    loops = [WorkerLoop(worker_jobs(db, clock=lambda: NOW), poll_seconds=0.005) for db in databases]
    try:
        for loop in loops:
            loop.start()

        async def done() -> bool:
            return {c.state for c in await changes(database)} == {"DONE"}

        await _until(done)
        await asyncio.sleep(0.1)  # both loops poll on
    finally:
        for loop in loops:
            await loop.stop()
        for db in databases:
            await db.dispose()
    assert sorted(e.user_id for e in await events(database)) == sorted(r.user_id for r in rows)
    assert [entry["actor_kind"] for entry in await audit(database)] == ["SCHEDULE", "SCHEDULE"]


async def test_the_app_runs_the_loop_for_its_lifespan_only_when_asked(database):
    world = await build_schedule_world(database)
    await queue_row(database, world.admin, world.ben, at=NOW)
    settings = Settings(database_url=database.url, worker_poll_seconds=0.01)
    idle = create_app(settings, Database(database.url))
    async with idle.router.lifespan_context(idle):
        await asyncio.sleep(0.2)
    assert [c.state for c in await changes(database)] == ["PENDING"]
    working = create_app(settings, Database(database.url), worker=True)
    async with working.router.lifespan_context(working):

        async def done() -> bool:
            return [c.state for c in await changes(database)] == [ScheduledChangeState.DONE]

        await _until(done)
