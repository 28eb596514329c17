"""graphql-transport-ws's own rules: the init timeout, the close codes, Ping/Pong and
keep-alive pings, validation errors, Complete from the client, and the limits per
connection and per token."""

from tests.factories import make_token
from tests.subscriptions.live_server import live_server, sse, until
from tests.subscriptions.world import MONITOR, people
from tests.subscriptions.ws_client import ws

SEATS = "subscription { seatMapChanged { seat { label } } }"


async def test_a_socket_that_never_sends_connection_init_is_closed_4408(database):
    async with (
        live_server(database, subscription_init_timeout_seconds=0.2) as server,
        ws(server) as socket,
    ):
        assert await socket.wait_closed() == (4408, "Connection initialisation timeout")


async def test_the_protocols_close_codes(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    async with live_server(database) as server:
        async with ws(server, subprotocols=["graphql-ws"]) as socket:
            assert (await socket.wait_closed())[0] == 4406
        async with ws(server) as socket:
            await socket.subscribe("1", MONITOR)
            assert await socket.wait_closed() == (4401, "Unauthorized")
        async with ws(server) as socket:
            assert await socket.init(token, key="token") == {"type": "connection_ack"}
            await socket.send({"type": "connection_init"})
            assert await socket.wait_closed() == (4429, "Too many initialisation requests")
        async with ws(server) as socket:
            assert await socket.init(token, key="authorization") == {"type": "connection_ack"}
            await socket.subscribe("a", MONITOR)
            await socket.subscribe("a", MONITOR)
            assert await socket.wait_closed() == (4409, "Subscriber for a already exists")
        async with ws(server) as socket:
            await socket.send({"kind": "connection_init"})
            assert await socket.wait_closed() == (
                4400,
                "Invalid message received: send a JSON object with a type.",
            )
        await server.wait_for_open(0)


async def test_ping_pong_keep_alive_validation_errors_and_complete(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    async with (
        live_server(database, subscription_keep_alive_seconds=0.05) as server,
        ws(server) as socket,
    ):
        assert await socket.init(token) == {"type": "connection_ack"}
        await socket.send({"type": "ping"})
        assert await socket.next() == {"type": "pong"}
        await until(lambda: socket.pings >= 3)
        await socket.subscribe("bad", "subscription { noSuchField }")
        assert await socket.next() == {
            "id": "bad",
            "type": "error",
            "payload": [{
                "message": "Cannot query field 'noSuchField' on type 'Subscription'.",
                "locations": [{"line": 1, "column": 16}],
            }],
        }  # fmt: skip
        await socket.subscribe("1", MONITOR)
        await server.wait_for_open(1)
        await socket.send({"id": "1", "type": "complete"})
        # The id may be used again at once.
        await socket.subscribe("1", MONITOR)
        await socket.send({"id": "1", "type": "complete"})
        await server.wait_for_open(0)
        assert socket.messages.empty()


async def test_subscriptions_per_connection_and_per_token(database):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    settings = {"subscriptions_per_connection": 2, "subscriptions_per_token": 3}
    async with live_server(database, **settings) as server, ws(server) as socket:
        assert await socket.init(token) == {"type": "connection_ack"}
        for id_ in ("1", "2", "3"):
            await socket.subscribe(id_, SEATS)
        assert await socket.next() == {
            "id": "3",
            "type": "error",
            "payload": [{
                "message": "This connection already holds 2 subscriptions, the most allowed "
                "(ROSTER_SUBSCRIPTIONS_PER_CONNECTION): complete one first.",
                "extensions": {"code": "TOO_MANY_SUBSCRIPTIONS"},
            }],
        }  # fmt: skip
        await server.wait_for_open(2)
        # The token's third slot goes to an SSE stream; a second socket finds none left.
        async with sse(server, SEATS, token=token) as stream, ws(server) as second:
            assert stream.response.status_code == 200
            await server.wait_for_open(3)
            assert await second.init(token) == {"type": "connection_ack"}
            await second.subscribe("1", SEATS)
            assert await second.next() == {
                "id": "1",
                "type": "error",
                "payload": [{
                    "message": "This API token already holds 3 open subscriptions, the most "
                    "allowed (ROSTER_SUBSCRIPTIONS_PER_TOKEN): close one first.",
                    "extensions": {"code": "TOO_MANY_SUBSCRIPTIONS"},
                }],
            }  # fmt: skip
