"""One subscription over either protocol, as the same messages: ("next", payload) for
each result, ("complete", None) at its end, ("error", errors) for a refusal."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from tests.subscriptions.live_server import LiveServer, SseStream, sse
from tests.subscriptions.ws_client import WsSocket, ws

PROTOCOLS = ["sse", "ws"]


@dataclass
class Subscribed:
    sse: SseStream | None = None
    socket: WsSocket | None = None

    async def next(self) -> tuple[str, Any]:
        if self.sse is not None:
            return await self.sse.next()
        assert self.socket is not None
        message = await self.socket.next()
        assert message.get("id") == "1", message
        return message["type"], message.get("payload")

    def quiet(self) -> bool:
        """True when nothing more has come so far."""
        if self.sse is not None:
            return self.sse.messages.empty()
        assert self.socket is not None
        return self.socket.messages.empty()


@asynccontextmanager
async def subscribed(
    server: LiveServer, protocol: str, query: str, *, token: str, path: str = "/graphql"
) -> AsyncIterator[Subscribed]:
    """``query`` subscribed over ``protocol`` (``sse`` or ``ws``) as ``token``'s caller."""
    if protocol == "sse":
        async with sse(server, query, token=token, path=path) as stream:
            assert stream.response.status_code == 200
            yield Subscribed(sse=stream)
        return
    async with ws(server, path=path) as socket:
        assert await socket.init(token) == {"type": "connection_ack"}
        await socket.subscribe("1", query)
        yield Subscribed(socket=socket)
