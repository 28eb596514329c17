"""The scheduler in real processes: `roster serve` runs it, `--no-worker` does not,
`roster worker` does, and several uvicorn workers run each change once.

Each test prints how late its changes ran (ran_at - at) and records it as a property
(``lateness_seconds``), for the issue's note; run with ``-s`` to read it.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from db.enums import UserStatusAction
from resolvers.ids import pk_of
from tests.factories import make_token, make_user
from tests.gateway.worker_process import serving, working
from tests.schedule.helpers import (
    audit,
    build_schedule_world,
    changes,
    events,
    queue_row,
    user_row,
)

SCHEDULE = """mutation($input: ScheduleUserStatusChangeInput!) {
  scheduleUserStatusChange(input: $input) { scheduledStatusChange { id state } userErrors { code } } }"""
# ROSTER_WORKER_POLL_SECONDS is 1 by default: a change runs about a second late at most,
# plus what a busy machine adds.
A_FEW_SECONDS = timedelta(seconds=3)


async def _schedule_over_http(base_url: str, token: str, user_gid: str, at: datetime) -> str:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            f"{base_url}/graphql",
            json={
                "query": SCHEDULE,
                "variables": {
                    "input": {"userId": user_gid, "action": "DEACTIVATED", "at": at.isoformat()}
                },
            },
            headers={"Authorization": f"Bearer {token}"},
        )
    payload = response.json()["data"]["scheduleUserStatusChange"]
    assert payload["userErrors"] == [], payload
    assert payload["scheduledStatusChange"]["state"] == "PENDING"
    return payload["scheduledStatusChange"]["id"]


async def _until_done(database, ids: set[int], seconds: float = 15.0) -> list:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        rows = [row for row in await changes(database) if row.id in ids]
        if rows and all(row.state != "PENDING" for row in rows):
            return rows
        assert loop.time() < deadline, [(row.id, row.state) for row in rows]
        await asyncio.sleep(0.05)


def _lateness(database, rows, record_property, what: str) -> list[float]:
    late = sorted((row.ran_at - row.at).total_seconds() for row in rows)
    backend = "sqlite" if database.is_sqlite else "postgres"
    print(f"\n{what} ({backend}): lateness (ran_at - at) of {len(late)} change(s), s: {late}")
    record_property("lateness_seconds", late)
    assert all(row.state == "DONE" for row in rows)
    assert all(timedelta(0) <= row.ran_at - row.at <= A_FEW_SECONDS for row in rows), late
    return late


def _pk(global_id: str) -> int:
    pk = pk_of(global_id, "ScheduledStatusChange")
    assert pk is not None
    return pk


async def test_roster_serve_runs_a_change_due_in_a_second(
    database, tmp_path: Path, record_property
):
    world = await build_schedule_world(database)
    token = await make_token(database, world.ada)
    async with serving(database.url, tmp_path / "serve.log") as base_url:
        at = datetime.now(UTC) + timedelta(seconds=1)
        change = await _schedule_over_http(base_url, token, world.gid(world.ben), at)
        rows = await _until_done(database, {_pk(change)})
    _lateness(database, rows, record_property, "roster serve")
    (event,) = await events(database)
    assert (event.user_id, event.actor_id) == (world.ben.id, world.ada.id)
    assert [entry["actor_kind"] for entry in await audit(database)] == ["USER", "SCHEDULE"]


async def test_no_worker_runs_nothing_and_roster_worker_runs_it(
    database, tmp_path: Path, record_property
):
    world = await build_schedule_world(database)
    token = await make_token(database, world.ada)
    async with serving(database.url, tmp_path / "serve.log", "--no-worker") as base_url:
        due = datetime.now(UTC) + timedelta(milliseconds=300)
        waiting = _pk(await _schedule_over_http(base_url, token, world.gid(world.ben), due))
        await asyncio.sleep(3)
        assert [row.state for row in await changes(database)] == ["PENDING"]
        async with working(database.url, tmp_path / "worker.log") as status:
            await _until_done(database, {waiting})
            at = datetime.now(UTC) + timedelta(seconds=1)
            later = _pk(await _schedule_over_http(base_url, token, world.gid(world.cai), at))
            rows = await _until_done(database, {later})
    assert status == [0]
    assert "roster worker: stopped" in (tmp_path / "worker.log").read_text()
    _lateness(database, rows, record_property, "roster worker")
    assert sorted(event.user_id for event in await events(database)) == sorted(
        [int(world.ben.id), int(world.cai.id)]
    )


async def test_two_uvicorn_workers_run_each_change_once(database, tmp_path: Path, record_property):
    world = await build_schedule_world(database)
    users = [await make_user(database, world.acme, f"Temp {n:02}") for n in range(8)]
    at = datetime.now(UTC) + timedelta(seconds=6)  # both processes are up by then
    rows = [await queue_row(database, world.admin, user, at=at) for user in users]
    rows.append(
        await queue_row(database, world.admin, world.dee, UserStatusAction.ACTIVATED, at=at)
    )
    async with serving(database.url, tmp_path / "serve.log", "--workers", "2"):
        done = await _until_done(database, {int(row.id) for row in rows})
        await asyncio.sleep(1.5)  # both workers poll again: nothing runs twice
    _lateness(database, done, record_property, "roster serve --workers 2")
    stored_events = await events(database)
    assert sorted(e.user_id for e in stored_events) == sorted(
        [int(u.id) for u in users] + [int(world.dee.id)]
    )
    assert [e["actor_kind"] for e in await audit(database)] == ["SCHEDULE"] * 9
    assert {row.status_event_id for row in await changes(database)} == {e.id for e in stored_events}
    assert (await user_row(database, world.dee)).status == "ACTIVE"  # Dee is back
