"""Subscriptions through Hive Gateway: a client subscribes to the router over SSE, a user is
deactivated through the router, and the event arrives with fields from several subgraphs.

Processes: five `roster serve --subgraph` (each its own process, so the change made in the
admin subgraph's reaches the callCenter subgraph's subscribers over Redis pub/sub), the
embedded graph and the router, over one seeded SQLite file.
"""

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.federation.routed_world import (
    RoutedWorld,
    routed_roster,
    router_over_websockets,
    set_status,
)
from tests.federation.sse_client import Result, Subscription, subscribed
from tests.federation.topology import node_missing_reason
from tests.federation.ws_client import ws_subscribed

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


@pytest.fixture(scope="module")
def routed_world(
    tmp_path_factory: pytest.TempPathFactory, redis_server_url: str
) -> Iterator[RoutedWorld]:
    reason = node_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("router-subscriptions")
    with routed_roster(workdir, events_url=redis_server_url) as world:
        yield world


@pytest.fixture(scope="module", params=["sse", "ws"])
def router_url(
    request: pytest.FixtureRequest,
    routed_world: RoutedWorld,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """The router a client subscribes to, by how it reaches the subgraphs: GraphQL over
    SSE (federation/gateway.config.mjs's default) or graphql-transport-ws."""
    if request.param == "sse":
        yield routed_world.topology.router_url
        return
    logs: Path = tmp_path_factory.mktemp("router-ws")
    with router_over_websockets(routed_world, logs) as url:
        yield url


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
    routed_world: RoutedWorld, router_url: str
) -> None:
    world, target, router = routed_world, routed_world.target, router_url
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
