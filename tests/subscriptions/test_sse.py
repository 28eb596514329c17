"""GraphQL over SSE on a real server: each committed status change reaches the
subscriber with exactly the data the queries show; nothing for a dry run, a refusal or
a repeat."""

import httpx

from db.enums import Role
from resolvers.ids import to_global_id
from tests.factories import make_seat, make_tenant, make_token, make_user
from tests.subscriptions.live_server import live_server, sse

STATUS = """subscription { userStatusChanged {
  user { id displayName status active }
  event { action actorKind actor { id } } } }"""
SEATS = """subscription { seatMapChanged { seat { id label x y occupant { id displayName } } } }"""
MONITOR = """subscription { realtimeMonitorChanged {
  user { id inRealtimeMonitor visibleInSeatMap } inRealtimeMonitor change } }"""
DEACTIVATE = """mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  changed userErrors { code } } }"""
ACTIVATE = """mutation($input: ActivateUserInput!) { activateUser(input: $input) {
  changed userErrors { code } } }"""


async def _people(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    return acme, ada, ben


async def _mutate(server, token, query, variables):
    async with httpx.AsyncClient(base_url=server.base_url, timeout=20) as client:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200, response.text
    return response.json()["data"]


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


async def test_status_changes_reach_the_subscriber_once_each_and_only_when_committed(database):
    _, ada, ben = await _people(database)
    token = await make_token(database, ada)
    ben_id = to_global_id("User", ben.id)
    async with live_server(database) as server, sse(server, STATUS, token=token) as stream:
        assert stream.response.status_code == 200
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        await server.wait_for_open(1)
        await _mutate(server, token, DEACTIVATE, {"input": {"userId": ben_id}})
        assert await stream.next() == _status_event(ben, "DEACTIVATED", ada)
        # A repeat, a dry run and a refusal commit no change: the next event is the
        # activation's.
        repeat = await _mutate(server, token, DEACTIVATE, {"input": {"userId": ben_id}})
        assert repeat["deactivateUser"]["changed"] is False
        await _mutate(server, token, ACTIVATE, {"input": {"userId": ben_id, "dryRun": True}})
        refused = await _mutate(
            server, token, DEACTIVATE, {"input": {"userId": to_global_id("User", ada.id)}}
        )
        assert refused["deactivateUser"]["userErrors"] == [{"code": "CANNOT_DEACTIVATE_SELF"}]
        await _mutate(server, token, ACTIVATE, {"input": {"userId": ben_id}})
        assert await stream.next() == _status_event(ben, "ACTIVATED", ada)
        assert stream.messages.empty()


async def test_the_seat_map_and_the_monitor_redraw_as_the_queries_show(database):
    acme, ada, ben = await _people(database)
    cai = await make_user(database, acme, "Cai Chen")
    dan = await make_user(database, acme, "Dan Dale")
    seat = await make_seat(database, acme, "A-12", x=3, y=4, user=ben)
    token = await make_token(database, ada)
    member_token = await make_token(database, dan)
    ben_id = to_global_id("User", ben.id)
    seat_id = to_global_id("Seat", seat.id)
    async with (
        live_server(database) as server,
        sse(server, SEATS, token=member_token) as seats,
        sse(server, MONITOR, token=member_token, path="/subgraphs/callCenter/graphql") as monitor,
    ):
        await server.wait_for_open(2)
        await _mutate(server, token, DEACTIVATE, {"input": {"userId": ben_id}})
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
        await _mutate(
            server, token, DEACTIVATE, {"input": {"userId": to_global_id("User", cai.id)}}
        )
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
        await _mutate(server, token, ACTIVATE, {"input": {"userId": ben_id}})
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
        assert seats.messages.empty() and monitor.messages.empty()


async def test_deactivating_the_subscriber_ends_their_stream_with_unauthenticated(database):
    _, ada, ben = await _people(database)
    token = await make_token(database, ada)
    ben_token = await make_token(database, ben)
    async with live_server(database) as server, sse(server, MONITOR, token=ben_token) as stream:
        await server.wait_for_open(1)
        await _mutate(
            server, token, DEACTIVATE, {"input": {"userId": to_global_id("User", ben.id)}}
        )
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
