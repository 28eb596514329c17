"""A stream is one request line when it ends: over SSE, and each subscription over
WebSocket, whose id is the connection's (the handshake's X-Request-Id), a dot, and its
number on the connection."""

from tests.factories import make_token
from tests.subscriptions.live_server import live_server, sse, until
from tests.subscriptions.world import people
from tests.subscriptions.ws_client import ws
from tests.telemetry.log_capture import captured_log

SEATS = "subscription Seats { seatMapChanged { seat { label } } }"


async def test_each_subscription_on_a_socket_is_one_line_when_it_ends(database):
    acme, ada, _ = await people(database)
    token = await make_token(database, ada)
    with captured_log() as log:
        async with (
            live_server(database) as server,
            ws(server, headers={"X-Request-Id": "router-ws-0001"}) as socket,
        ):
            assert socket.request_id == "router-ws-0001"
            assert await socket.init(token) == {"type": "connection_ack"}
            await socket.subscribe("seats", SEATS)
            await server.wait_for_open(1)
            assert log.events("request") == []
            await socket.send({"id": "seats", "type": "complete"})
            await server.wait_for_open(0)
            await socket.subscribe("bad", "subscription { noSuchField }")
            error = await socket.next()
            await until(lambda: len(log.events("request")) == 2)
    # The socket's next() checked the error's requestId: the second subscription's.
    assert socket.request_id_of("bad") == "router-ws-0001.2"
    assert error == {
        "id": "bad",
        "type": "error",
        "payload": [{
            "message": "Cannot query field 'noSuchField' on type 'Subscription'.",
            "locations": [{"line": 1, "column": 16}],
        }],
    }  # fmt: skip
    seats, bad = log.events("request")
    for line in (seats, bad):
        assert line.pop("duration_ms") > 0
        line.pop("timestamp")
    common = {
        "level": "INFO",
        "logger": "roster.request",
        "message": "request",
        "event": "request",
        "endpoint": "api",
        "transport": "websocket",
        "operation_type": "subscription",
        "tenant_id": acme.id,
        "status": 200,
    }
    assert seats == {
        **common,
        "request_id": "router-ws-0001.1",
        "operation_name": "Seats",
        "error_codes": [],
        "statements": seats["statements"],
    }
    assert bad == {
        **common,
        "request_id": "router-ws-0001.2",
        "operation_name": None,
        "error_codes": ["GRAPHQL_VALIDATION_FAILED"],
        "statements": 0,
    }


async def test_a_refused_subscription_is_a_line_with_the_status_sse_gives_it(database):
    acme, ada, _ = await people(database)
    token = await make_token(database, ada)
    settings = {"subscriptions_per_connection": 1}
    with captured_log() as log:
        async with live_server(database, **settings) as server, ws(server) as socket:
            assert await socket.init(token) == {"type": "connection_ack"}
            await socket.subscribe("1", SEATS)
            await socket.subscribe("2", SEATS)
            refused = await socket.next()
            assert refused["payload"][0]["extensions"] == {"code": "TOO_MANY_SUBSCRIPTIONS"}
            [line] = log.events("request")
    assert (
        line["request_id"],
        line["status"],
        line["error_codes"],
        line["tenant_id"],
        line["statements"],
    ) == (f"{socket.request_id}.2", 429, ["TOO_MANY_SUBSCRIPTIONS"], acme.id, 0)


async def test_a_stream_over_sse_is_one_line_with_the_codes_it_sent(database):
    acme, ada, _ = await people(database)
    token = await make_token(database, ada)
    with captured_log() as log:
        async with live_server(database) as server:
            async with sse(server, "subscription { noSuchField }", token=token) as stream:
                # The stream's next() checked the error's requestId: the response's header.
                assert await stream.next() == ("next", {"errors": [{
                    "message": "Cannot query field 'noSuchField' on type 'Subscription'.",
                    "locations": [{"line": 1, "column": 16}],
                }]})  # fmt: skip
                assert await stream.next() == ("complete", None)
            await until(lambda: len(log.events("request")) == 1)
    [line] = log.events("request")
    assert (
        line["request_id"],
        line["transport"],
        line["operation_type"],
        line["tenant_id"],
        line["status"],
        line["error_codes"],
    ) == (
        stream.response.headers["x-request-id"],
        "sse",
        "subscription",
        acme.id,
        200,
        ["GRAPHQL_VALIDATION_FAILED"],
    )
