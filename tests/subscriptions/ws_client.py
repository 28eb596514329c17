"""A graphql-transport-ws client for tests: the messages of a socket in order, pings
answered and counted."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.http import without_request_ids
from tests.subscriptions.live_server import DEADLINE, LiveServer

SUBPROTOCOL = "graphql-transport-ws"


@dataclass
class WsSocket:
    connection: ClientConnection
    messages: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    pings: int = 0
    close_code: int | None = None
    close_reason: str = ""
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    # Each subscribe sent, by its id: its number on the connection (the server's too).
    numbers: dict[str, int] = field(default_factory=dict)
    subscribes_sent: int = 0

    @property
    def request_id(self) -> str:
        """The connection's request id, from the handshake's X-Request-Id."""
        assert self.connection.response is not None
        return self.connection.response.headers["x-request-id"]

    def request_id_of(self, id_: str) -> str:
        """The request id of the subscription ``id_``: the connection's, a dot, its number."""
        return f"{self.request_id}.{self.numbers[id_]}"

    async def read(self) -> None:
        try:
            async for raw in self.connection:
                message = orjson.loads(raw)
                if message.get("type") == "ping":
                    self.pings += 1
                    await self.send({"type": "pong"})
                    continue
                await self.messages.put(message)
        except ConnectionClosed:
            pass
        finally:
            self.close_code = self.connection.close_code
            self.close_reason = self.connection.close_reason or ""
            self.closed.set()

    async def send(self, message: dict[str, Any]) -> None:
        if message.get("type") == "subscribe":
            self.subscribes_sent += 1
            self.numbers[str(message.get("id"))] = self.subscribes_sent
        await self.connection.send(orjson.dumps(message).decode())

    async def next(self) -> dict[str, Any]:
        """The next message; its errors' ``requestId`` checked to be their subscription's
        and taken out."""
        async with asyncio.timeout(DEADLINE):
            message = await self.messages.get()
        if message.get("type") in ("next", "error") and "id" in message:
            without_request_ids(message.get("payload"), self.request_id_of(message["id"]))
        return message

    async def wait_closed(self) -> tuple[int | None, str]:
        async with asyncio.timeout(DEADLINE):
            await self.closed.wait()
        return self.close_code, self.close_reason

    async def init(self, token: str | None, *, key: str = "Authorization") -> dict[str, Any]:
        payload = {} if token is None else {key: token if key == "token" else f"Bearer {token}"}
        await self.send({"type": "connection_init", "payload": payload})
        return await self.next()

    async def subscribe(self, id_: str, query: str) -> None:
        await self.send({"id": id_, "type": "subscribe", "payload": {"query": query}})


@asynccontextmanager
async def ws(
    server: LiveServer,
    *,
    path: str = "/graphql",
    subprotocols: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> AsyncIterator[WsSocket]:
    async with connect(
        server.ws_url + path,
        subprotocols=subprotocols or [SUBPROTOCOL],  # type: ignore[list-item]
        additional_headers=headers,
        open_timeout=DEADLINE,
        ping_interval=None,
    ) as connection:
        socket = WsSocket(connection)
        reader = asyncio.create_task(socket.read())
        try:
            yield socket
        finally:
            reader.cancel()
            with suppress(asyncio.CancelledError):
                await reader
