"""Concurrent status changes over real HTTP against two uvicorn workers on PostgreSQL.

The in-process test (tests/admin/test_concurrency.py) shares one event loop and
one connection pool; here the changes come from separate processes with their
own pools, so only the database's row locks can serialize them.
"""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from db.engine import Database
from db.models import User, UserStatusEvent, VideoIntegration
from tests.http import bearer
from tests.reliability.crowd import Crowd, build_crowd, row_counts
from tests.reliability.live_server import roster_serve

CHANGES = 100
DRY_RUN_ROUNDS = 10
MUTATION = """mutation($id: ID!, $dryRun: Boolean) {
  %s(input: {userId: $id, dryRun: $dryRun}) {
    changed dryRun user { status } removedVideoIntegrations { id }
    affectedIncomingCallRules { id } userErrors { code }
  }
}"""


@pytest.fixture
async def served(postgres: Database) -> AsyncIterator[tuple[Crowd, httpx.AsyncClient]]:
    crowd = await build_crowd(postgres, members=CHANGES)
    async with (
        roster_serve(postgres.url, workers=2) as base_url,
        httpx.AsyncClient(
            base_url=base_url,
            headers=bearer(crowd.token),
            timeout=20.0,
            limits=httpx.Limits(max_connections=CHANGES),
        ) as client,
    ):
        yield crowd, client


async def send(
    client: httpx.AsyncClient, name: str, user_id: str, *, dry_run: bool = False
) -> dict[str, Any]:
    """One status mutation; fails the test on anything but a clean 200 answer."""
    answer = await client.post(
        "/graphql", json={"query": MUTATION % name, "variables": {"id": user_id, "dryRun": dry_run}}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][name]
    assert payload["userErrors"] == []
    assert payload["dryRun"] is dry_run
    return payload


async def events_of(database: Database, user: User) -> list[str]:
    async with database.session() as session:
        return list(
            (
                await session.scalars(
                    select(UserStatusEvent.action)
                    .where(UserStatusEvent.user_id == user.id)
                    .order_by(UserStatusEvent.at, UserStatusEvent.id)
                )
            ).all()
        )


async def status_of(database: Database, user: User) -> tuple[str, int]:
    async with database.session() as session:
        row = (
            await session.execute(select(User.status, User.version).where(User.id == user.id))
        ).one()
    return str(row.status), int(row.version)


async def integrations_left(database: Database, users: list[User]) -> list[int]:
    async with database.session() as session:
        return list(
            (
                await session.scalars(
                    select(VideoIntegration.id).where(
                        VideoIntegration.user_id.in_([u.id for u in users])  # type: ignore[attr-defined]
                    )
                )
            ).all()
        )


def alternating(count: int) -> list[str]:
    """The events a serial order of toggles writes, from ACTIVE."""
    return ["DEACTIVATED" if n % 2 == 0 else "ACTIVATED" for n in range(count)]


async def test_hundred_concurrent_toggles_of_one_user_serialize(postgres, served):
    crowd, client = served
    ben = crowd.gid(crowd.ben)
    _, version_before = await status_of(postgres, crowd.ben)
    names = ["deactivateUser" if n % 2 == 0 else "activateUser" for n in range(CHANGES)]

    payloads = await asyncio.gather(*(send(client, name, ben) for name in names))

    events = await events_of(postgres, crowd.ben)
    status, version = await status_of(postgres, crowd.ben)
    changed = [name for name, p in zip(names, payloads, strict=True) if p["changed"]]
    # Events equal transitions: one per `changed: true`, of the same kinds, alternating.
    assert len(events) == len(changed) >= 1
    assert events == alternating(len(events))
    assert sorted(changed) == sorted(
        "deactivateUser" if e == "DEACTIVATED" else "activateUser" for e in events
    )
    # The final state is the last committed change, and each change bumped the version once.
    assert status == ("DEACTIVATED" if events[-1] == "DEACTIVATED" else "ACTIVE")
    assert version == version_before + len(events)
    # Each answer saw the status its own change left.
    for name, payload in zip(names, payloads, strict=True):
        assert payload["user"]["status"] == (
            "DEACTIVATED" if name == "deactivateUser" else "ACTIVE"
        )
    # Ben's two integrations were deleted by exactly one deactivation, never twice.
    removed = [i["id"] for p in payloads for i in p["removedVideoIntegrations"]]
    assert sorted(removed) == sorted(crowd.gid(i) for i in crowd.ben_integrations)
    assert await integrations_left(postgres, [crowd.ben]) == []


async def test_hundred_concurrent_deactivations_of_distinct_users(postgres, served):
    crowd, client = served
    ids = [crowd.gid(member) for member in crowd.members]

    payloads = await asyncio.gather(*(send(client, "deactivateUser", i) for i in ids))

    assert [p["changed"] for p in payloads] == [True] * CHANGES
    assert [p["user"]["status"] for p in payloads] == ["DEACTIVATED"] * CHANGES
    # Each deactivation removed its own user's one integration, and nobody else's.
    assert [[i["id"] for i in p["removedVideoIntegrations"]] for p in payloads] == [
        [crowd.gid(i)] for i in crowd.member_integrations
    ]
    assert await integrations_left(postgres, crowd.members) == []
    for member in crowd.members:
        assert await events_of(postgres, member) == ["DEACTIVATED"]
    counts = await row_counts(postgres)
    assert counts["events"] == CHANGES
    assert counts["video_integrations"] == len(crowd.ben_integrations)


async def test_dry_runs_racing_real_changes_never_write(postgres, served):
    crowd, client = served
    ben = crowd.gid(crowd.ben)
    before = await row_counts(postgres)
    ben_integrations = sorted(crowd.gid(i) for i in crowd.ben_integrations)
    ben_rules = sorted(crowd.gid(r) for r in crowd.ben_rules)
    real: list[dict[str, Any]] = []

    for round_ in range(DRY_RUN_ROUNDS):
        name = "deactivateUser" if round_ % 2 == 0 else "activateUser"
        change, *dry_runs = await asyncio.gather(
            send(client, name, ben),
            send(client, name, ben, dry_run=True),
            send(client, name, ben, dry_run=True),
        )
        real.append(change)
        assert change["changed"] is True
        for preview in dry_runs:
            # A dry run previews against the state before or after the real change,
            # never a mix of the two.
            if preview["changed"] and name == "deactivateUser" and round_ == 0:
                assert (
                    sorted(i["id"] for i in preview["removedVideoIntegrations"]) == ben_integrations
                )
                assert sorted(r["id"] for r in preview["affectedIncomingCallRules"]) == ben_rules
            else:
                assert preview["removedVideoIntegrations"] == []

    # Only the real changes wrote: one event each, the integrations deleted once.
    assert await events_of(postgres, crowd.ben) == alternating(DRY_RUN_ROUNDS)
    removed = [i["id"] for p in real for i in p["removedVideoIntegrations"]]
    assert sorted(removed) == ben_integrations
    assert await row_counts(postgres) == {
        **before,
        "events": before["events"] + DRY_RUN_ROUNDS,
        "video_integrations": before["video_integrations"] - len(ben_integrations),
    }
    status, _ = await status_of(postgres, crowd.ben)
    assert status == "ACTIVE"
