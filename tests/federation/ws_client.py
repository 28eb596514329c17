"""A graphql-transport-ws subscriber for tests, on a thread of its own: the token in
connection_init's payload, each ``next`` payload kept in a ``Subscription``."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from tests.federation.sse_client import Subscription

SUBPROTOCOL = Subprotocol("graphql-transport-ws")


def _read(connection: ClientConnection, subscription: Subscription) -> None:
    failure: BaseException | None = None
    try:
        for raw in connection:
            message = json.loads(raw)
            if message["type"] == "ping":
                connection.send(json.dumps({"type": "pong"}))
            elif message["type"] == "next":
                subscription._received(message["payload"])
            elif message["type"] in ("error", "complete"):
                return
    except ConnectionClosed as error:
        failure = error
    finally:
        subscription._end(failure)


@contextmanager
def ws_subscribed(url: str, query: str, payload: dict[str, str]) -> Iterator[Subscription]:
    """Subscribes to ``query`` at ``url`` (http:// becomes ws://) with ``payload`` in
    connection_init; the socket is closed when the block ends."""
    subscription = Subscription()
    ws_url = url.replace("http://", "ws://", 1)
    with connect(ws_url, subprotocols=[SUBPROTOCOL], open_timeout=30) as connection:
        connection.send(json.dumps({"type": "connection_init", "payload": payload}))
        acknowledged = json.loads(connection.recv(timeout=30))
        assert acknowledged["type"] == "connection_ack", acknowledged
        connection.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        reader = threading.Thread(target=_read, args=(connection, subscription), daemon=True)
        reader.start()
        try:
            yield subscription
        finally:
            connection.close()
            reader.join(timeout=10)
