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
        await self.connection.send(orjson.dumps(message).decode())

    async def next(self) -> dict[str, Any]:
        async with asyncio.timeout(DEADLINE):
            return await self.messages.get()

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
