"""Over both protocols, on a real server: each committed status change reaches the
subscriber with exactly the data the queries show; nothing for a dry run, a refusal or
a repeat; the subscriber's own deactivation ends their subscription."""

import pytest

from resolvers.ids import to_global_id
from tests.factories import caller_of, make_seat, make_token, make_user
from tests.graphql import data_of
from tests.subscriptions.live_server import live_server
from tests.subscriptions.streams import PROTOCOLS, subscribed
from tests.subscriptions.world import (
    ACTIVATE,
    DEACTIVATE,
    MONITOR,
    SEATS,
    STATUS,
    mutate,
    people,
)


def _status_event(user, action, admin):
    active = action == "ACTIVATED"
    return (
        "next",
        {
            "data": {
                "userStatusChanged": {
                    "user": {
                        "id": to_global_id("User", user.id),
                        "displayName": user.display_name,
                        "status": "ACTIVE" if active else "DEACTIVATED",
                        "active": active,
                    },
                    "event": {
                        "action": action,
                        "actorKind": "USER",
                        "actor": {"id": to_global_id("User", admin.id)},
                    },
                }
            }
        },
    )


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_status_changes_reach_the_subscriber_once_each_and_only_when_committed(
    database, protocol
):
    _, ada, ben = await people(database)
    token = await make_token(database, ada)
    ben_id = to_global_id("User", ben.id)
    async with (
        live_server(database) as server,
        subscribed(server, protocol, STATUS, token=token) as stream,
    ):
        await server.wait_for_open(1)
        await mutate(server, token, DEACTIVATE, {"input": {"userId": ben_id}})
        assert await stream.next() == _status_event(ben, "DEACTIVATED", ada)
        # A repeat, a dry run and a refusal commit no change: the next event is the
        # activation's.
        repeat = await mutate(server, token, DEACTIVATE, {"input": {"userId": ben_id}})
        assert repeat["deactivateUser"]["changed"] is False
        await mutate(server, token, ACTIVATE, {"input": {"userId": ben_id, "dryRun": True}})
        refused = await mutate(
            server, token, DEACTIVATE, {"input": {"userId": to_global_id("User", ada.id)}}
        )
        assert refused["deactivateUser"]["userErrors"] == [{"code": "CANNOT_DEACTIVATE_SELF"}]
        await mutate(server, token, ACTIVATE, {"input": {"userId": ben_id}})
        assert await stream.next() == _status_event(ben, "ACTIVATED", ada)
        assert stream.quiet()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_the_seat_map_and_the_monitor_redraw_as_the_queries_show(database, protocol):
    acme, ada, ben = await people(database)
    cai = await make_user(database, acme, "Cai Chen")
    dan = await make_user(database, acme, "Dan Dale")
    seat = await make_seat(database, acme, "A-12", x=3, y=4, user=ben)
    token = await make_token(database, ada)
    member_token = await make_token(database, dan)
    ben_id = to_global_id("User", ben.id)
    seat_id = to_global_id("Seat", seat.id)
    async with (
        live_server(database) as server,
        subscribed(server, protocol, SEATS, token=member_token) as seats,
        subscribed(
            server, protocol, MONITOR, token=member_token, path="/subgraphs/callCenter/graphql"
        ) as monitor,
    ):
        await server.wait_for_open(2)
        await mutate(server, token, DEACTIVATE, {"input": {"userId": ben_id}})
        assert await seats.next() == (
            "next",
            {
                "data": {
                    "seatMapChanged": {
                        "seat": {"id": seat_id, "label": "A-12", "x": 3, "y": 4, "occupant": None}
                    }
                }
            },
        )
        assert await monitor.next() == (
            "next",
            {
                "data": {
                    "realtimeMonitorChanged": {
                        "user": {
                            "id": ben_id,
                            "inRealtimeMonitor": False,
                            "visibleInSeatMap": False,
                        },
                        "inRealtimeMonitor": False,
                        "change": "LEFT",
                    }
                }
            },
        )
        # Cai has no seat: the monitor shows her leaving, the seat map has nothing to redraw.
        # The subgraph's stream (callCenter's own User fields) is the router's view.
        await mutate(server, token, DEACTIVATE, {"input": {"userId": to_global_id("User", cai.id)}})
        cai_id = to_global_id("User", cai.id)
        assert await monitor.next() == (
            "next",
            {
                "data": {
                    "realtimeMonitorChanged": {
                        "user": {
                            "id": cai_id,
                            "inRealtimeMonitor": False,
                            "visibleInSeatMap": False,
                        },
                        "inRealtimeMonitor": False,
                        "change": "LEFT",
                    }
                }
            },
        )
        await mutate(server, token, ACTIVATE, {"input": {"userId": ben_id}})
        assert await monitor.next() == (
            "next",
            {
                "data": {
                    "realtimeMonitorChanged": {
                        "user": {"id": ben_id, "inRealtimeMonitor": True, "visibleInSeatMap": True},
                        "inRealtimeMonitor": True,
                        "change": "ENTERED",
                    }
                }
            },
        )
        assert await seats.next() == (
            "next",
            {
                "data": {
                    "seatMapChanged": {
                        "seat": {
                            "id": seat_id,
                            "label": "A-12",
                            "x": 3,
                            "y": 4,
                            "occupant": {"id": ben_id, "displayName": "Ben Bell"},
                        }
                    }
                }
            },
        )
        assert seats.quiet() and monitor.quiet()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_deactivating_the_subscriber_ends_their_stream_with_unauthenticated(
    database, protocol
):
    _, ada, ben = await people(database)
    token = await make_token(database, ada)
    ben_token = await make_token(database, ben)
    async with (
        live_server(database) as server,
        subscribed(server, protocol, MONITOR, token=ben_token) as stream,
    ):
        await server.wait_for_open(1)
        await mutate(server, token, DEACTIVATE, {"input": {"userId": to_global_id("User", ben.id)}})
        assert await stream.next() == (
            "next",
            {
                "errors": [
                    {
                        "message": "This user is deactivated and cannot log in.",
                        "extensions": {"code": "UNAUTHENTICATED"},
                    }
                ]
            },
        )
        assert await stream.next() == ("complete", None)
        await server.wait_for_open(0)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_process_serving_one_subgraph_streams_on_its_graphql_path(database, protocol):
    acme, ada, ben = await people(database)
    await make_seat(database, acme, "B-2", user=ben)
    token = await make_token(database, ada)
    document = "subscription { seatMapChanged { seat { label occupant { id } } } }"
    async with (
        live_server(database, only_subgraph="callCenter") as server,
        subscribed(server, protocol, document, token=token) as stream,
    ):
        await server.wait_for_open(1)
        # The change commits in this process but not through its endpoint (as the CLI would).
        await data_of(database, caller_of(ada, acme), DEACTIVATE, {"input": {
            "userId": to_global_id("User", ben.id)}})  # fmt: skip
        assert await stream.next() == (
            "next",
            {"data": {"seatMapChanged": {"seat": {"label": "B-2", "occupant": None}}}},
        )
