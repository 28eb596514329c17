"""Subscriptions through Hive Gateway: a client subscribes to the router over SSE, a user is
deactivated through the router, and the event arrives with fields from several subgraphs.

Processes: five `roster serve --subgraph` (each its own process, so the change made in the
admin subgraph's reaches the callCenter subgraph's subscribers over Redis pub/sub), the
embedded graph and the router, over one seeded SQLite file.
"""

import asyncio
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from db.engine import Database
from db.enums import Role, UserStatus
from db.models import Seat, Tenant, User
from db.seed import seed_demo
from gateway.commands.tokens import create_token_for
from resolvers.ids import to_global_id
from tests.federation.sse_client import Result, Subscription, subscribed
from tests.federation.topology import Topology, federated_roster, node_missing_reason
from tests.federation.ws_client import ws_subscribed

REDIS_URL_VARIABLE = "ROSTER_TEST_REDIS_URL"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"
# A loaded machine: the event crosses a commit, Redis, a subgraph's stream and the router's.
EVENT_SECONDS = 30.0

# Seat from callCenter; displayName and status from admin; inPhoneUserMenu from phone;
# inMobileInternalList from phoneMobile.
SEAT_MAP_CHANGED = """
subscription {
  seatMapChanged {
    seat {
      label x y
      occupant { id displayName status inPhoneUserMenu inMobileInternalList inRealtimeMonitor }
    }
  }
}
"""
USER_STATUS_CHANGED = """
subscription {
  userStatusChanged {
    user { id displayName status inPhoneUserMenu inRealtimeMonitor visibleInSeatMap seat { label } }
    event { action actorKind actor { displayName } }
  }
}
"""
SET_STATUS = """
mutation SetStatus($id: ID!, $active: Boolean!) {
  deactivateUser(input: {userId: $id}) @skip(if: $active) { changed userErrors { code } }
  activateUser(input: {userId: $id}) @include(if: $active) { changed userErrors { code } }
}
"""


@dataclass(frozen=True)
class Seated:
    id: str
    display_name: str
    seat: str
    x: int
    y: int


@dataclass(frozen=True)
class RoutedWorld:
    topology: Topology
    admin: dict[str, str]
    target: Seated  # deactivated and activated by the test
    probe: Seated  # toggled until every stream is known to be listening


def redis_url() -> str:
    """The Redis server the processes share: ROSTER_TEST_REDIS_URL's (CI sets it; one that
    does not answer fails the test), else a local one, else the test is skipped."""
    configured = os.environ.get(REDIS_URL_VARIABLE)
    url = configured or LOCAL_REDIS
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as probe:
            probe.sendall(b"PING\r\n")
            answer = probe.recv(64)
    except OSError as error:
        if configured:
            pytest.fail(f"{REDIS_URL_VARIABLE}={configured} does not answer: {error}")
        pytest.skip(f"no Redis server answers at {LOCAL_REDIS}; set {REDIS_URL_VARIABLE}")
    if not configured and not answer.startswith((b"+PONG", b"-NOAUTH")):
        pytest.skip(f"{LOCAL_REDIS} is not a Redis server")
    return url


async def _seed(url: str) -> tuple[Seated, Seated]:
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        await seed_demo(database, users=30, calls=30)
        async with database.read_sessions() as session:
            acme = (
                await session.execute(select(Tenant.id).where(Tenant.slug == "acme"))
            ).scalar_one()
            rows = (
                await session.execute(
                    select(User.id, User.display_name, Seat.label, Seat.x, Seat.y)
                    .join(Seat, Seat.user_id == User.id)
                    .where(
                        User.tenant_id == acme,
                        User.role == Role.MEMBER,
                        User.status == UserStatus.ACTIVE,
                    )
                    .order_by(User.id)
                    .limit(2)
                )
            ).all()
        target, probe = (Seated(to_global_id("User", row[0]), *row[1:]) for row in rows)
        return target, probe
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def routed_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoutedWorld]:
    reason = node_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    events_url = redis_url()
    workdir: Path = tmp_path_factory.mktemp("router-subscriptions")
    url = f"sqlite+aiosqlite:///{workdir}/roster.db"
    target, probe = asyncio.run(_seed(url))
    token = asyncio.run(create_token_for(url, email="admin@acme.example", tenant="acme"))
    settings = {
        "ROSTER_EVENTS_URL": events_url,
        # Its own channels: other runs on the same Redis server hear nothing of this one.
        "ROSTER_EVENTS_CHANNEL_PREFIX": f"test-{uuid.uuid4().hex[:12]}:",
    }
    with federated_roster(url, workdir, settings=settings) as topology:
        yield RoutedWorld(topology, {"Authorization": f"Bearer {token}"}, target, probe)


def set_status(world: RoutedWorld, user: Seated, *, active: bool) -> dict[str, Any]:
    response = httpx.post(
        world.topology.router_url,
        json={"query": SET_STATUS, "variables": {"id": user.id, "active": active}},
        headers=world.admin,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


Matcher = Callable[[Result], bool]


def about_seat(label: str) -> Matcher:
    return lambda result: result["data"]["seatMapChanged"]["seat"]["label"] == label


def about_user(user_id: str) -> Matcher:
    return lambda result: result["data"]["userStatusChanged"]["user"]["id"] == user_id


def listening(world: RoutedWorld, streams: list[tuple[Subscription, Matcher]]) -> None:
    """Toggles the probe user until each stream has its event, so the subgraphs are known to
    hold the subscriptions (a stream answers before its subgraph has subscribed); leaves the
    probe active, its last event received."""
    active = True
    for _ in range(6):
        active = not active
        sent = [len(stream.results) for stream, _ in streams]
        set_status(world, world.probe, active=active)
        arrived = [
            stream.wait_for(matches, after=after, timeout=EVENT_SECONDS / 6) is not None
            for (stream, matches), after in zip(streams, sent, strict=True)
        ]
        if all(arrived):
            break
    else:
        pytest.fail("no probe event came through the router: see the processes' logs")
    if active:
        return
    sent = [len(stream.results) for stream, _ in streams]
    set_status(world, world.probe, active=True)
    for (stream, matches), after in zip(streams, sent, strict=True):
        last = stream.wait_for(active_again(matches), after=after, timeout=EVENT_SECONDS)
        assert last is not None, f"the probe's activation never came: {stream.results}"


def active_again(matches: Matcher) -> Matcher:
    """``matches``, for the result that shows its user active (seated, or ACTIVE)."""

    def matches_active(result: Result) -> bool:
        data = result["data"]
        if "seatMapChanged" in data:
            active = data["seatMapChanged"]["seat"]["occupant"] is not None
        else:
            active = data["userStatusChanged"]["user"]["status"] == "ACTIVE"
        return matches(result) and active

    return matches_active


def event_after(stream: Subscription, matches: Matcher, after: int) -> Result:
    index = stream.wait_for(matches, after=after, timeout=EVENT_SECONDS)
    assert index is not None, f"no event after #{after}; received: {stream.results}"
    return stream.results[index]


def test_a_deactivation_through_the_router_reaches_subscribers_with_fields_of_every_subgraph(
    routed_world: RoutedWorld,
) -> None:
    world, target = routed_world, routed_world.target
    router = world.topology.router_url
    with ExitStack() as stack:
        seats = stack.enter_context(subscribed(router, SEAT_MAP_CHANGED, world.admin))
        statuses = stack.enter_context(subscribed(router, USER_STATUS_CHANGED, world.admin))
        listening(
            world,
            [(seats, about_seat(world.probe.seat)), (statuses, about_user(world.probe.id))],
        )
        seats_seen, statuses_seen = len(seats.results), len(statuses.results)

        deactivated = set_status(world, target, active=False)
        seat_emptied = event_after(seats, about_seat(target.seat), seats_seen)
        user_left = event_after(statuses, about_user(target.id), statuses_seen)
        seats_seen, statuses_seen = len(seats.results), len(statuses.results)

        activated = set_status(world, target, active=True)
        seat_taken = event_after(seats, about_seat(target.seat), seats_seen)
        user_back = event_after(statuses, about_user(target.id), statuses_seen)

    assert deactivated == {"deactivateUser": {"changed": True, "userErrors": []}}
    assert activated == {"activateUser": {"changed": True, "userErrors": []}}
    seat = {"label": target.seat, "x": target.x, "y": target.y}
    assert seat_emptied == {"data": {"seatMapChanged": {"seat": {**seat, "occupant": None}}}}
    assert seat_taken == {
        "data": {
            "seatMapChanged": {
                "seat": {
                    **seat,
                    "occupant": {
                        "id": target.id,
                        "displayName": target.display_name,
                        "status": "ACTIVE",
                        "inPhoneUserMenu": True,
                        "inMobileInternalList": True,
                        "inRealtimeMonitor": True,
                    },
                }
            }
        }
    }
    facts = {"id": target.id, "displayName": target.display_name, "seat": {"label": target.seat}}
    admin = {"actorKind": "USER", "actor": {"displayName": "Acme Admin"}}
    assert user_left == {
        "data": {
            "userStatusChanged": {
                "user": {
                    **facts,
                    "status": "DEACTIVATED",
                    "inPhoneUserMenu": False,
                    "inRealtimeMonitor": False,
                    "visibleInSeatMap": False,
                },
                "event": {"action": "DEACTIVATED", **admin},
            }
        }
    }
    assert user_back == {
        "data": {
            "userStatusChanged": {
                "user": {
                    **facts,
                    "status": "ACTIVE",
                    "inPhoneUserMenu": True,
                    "inRealtimeMonitor": True,
                    "visibleInSeatMap": True,
                },
                "event": {"action": "ACTIVATED", **admin},
            }
        }
    }


def test_a_websocket_client_of_the_router_subscribes_with_its_token_in_connection_init(
    routed_world: RoutedWorld,
) -> None:
    world, target = routed_world, routed_world.probe
    # Hive Gateway takes graphql-transport-ws at /graphql too; the token travels in
    # connection_init's payload, and the router hands it on to the subgraph.
    payload = {"Authorization": world.admin["Authorization"]}
    with ws_subscribed(world.topology.router_url, SEAT_MAP_CHANGED, payload) as seats:
        listening(world, [(seats, about_seat(target.seat))])
        seen = len(seats.results)
        set_status(world, target, active=False)
        emptied = event_after(seats, about_seat(target.seat), seen)
        seen = len(seats.results)
        set_status(world, target, active=True)
        taken = event_after(seats, about_seat(target.seat), seen)

    seat = {"label": target.seat, "x": target.x, "y": target.y}
    assert emptied == {"data": {"seatMapChanged": {"seat": {**seat, "occupant": None}}}}
    assert taken["data"]["seatMapChanged"]["seat"]["occupant"] == {
        "id": target.id,
        "displayName": target.display_name,
        "status": "ACTIVE",
        "inPhoneUserMenu": True,
        "inMobileInternalList": True,
        "inRealtimeMonitor": True,
    }
