"""roster served by a real uvicorn server inside the test's event loop, and clients of
its streams (SSE, WebSocket) that a test can wait on with a deadline."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
import uvicorn
from starlette.applications import Starlette

from db.engine import Database
from gateway.app import create_app
from gateway.settings import Settings
from tests.http import without_request_ids

DEADLINE = 20.0


@dataclass
class LiveServer:
    app: Starlette
    base_url: str

    @property
    def ws_url(self) -> str:
        return "ws" + self.base_url.removeprefix("http")

    def open_subscriptions(self) -> int:
        return int(self.app.state.events.open_count)

    async def wait_for_open(self, count: int) -> None:
        """Until exactly ``count`` subscriptions are open on the process' bus."""
        await until(lambda: self.open_subscriptions() == count)


async def until(condition: Any, seconds: float = DEADLINE) -> None:
    """Poll ``condition`` until it holds; fails the test after ``seconds``."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "not in time"
        await asyncio.sleep(0.01)


@asynccontextmanager
async def live_server(
    database: Database, *, only_subgraph: str | None = None, **settings: Any
) -> AsyncIterator[LiveServer]:
    """The app over ``database`` on a free loopback port, stopped when the block ends."""
    app = create_app(
        Settings(database_url=database.url, **settings),
        database=database,
        only_subgraph=only_subgraph,
    )
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        ws="websockets-sansio",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        await until(lambda: server.started or task.done())
        if task.done():
            task.result()
        port = server.servers[0].sockets[0].getsockname()[1]
        yield LiveServer(app=app, base_url=f"http://127.0.0.1:{port}")
        # Every client is gone: every subscription closed, every token's slot given back.
        slots = app.state.subscription_slots
        await until(lambda: app.state.events.open_count == 0 and not slots._open)
    finally:
        server.should_exit = True
        try:
            async with asyncio.timeout(DEADLINE):
                await task
        except TimeoutError:
            task.cancel()


@dataclass
class SseStream:
    """One GraphQL-over-SSE response: its messages as (event, data) in order, and how
    many keep-alive comment lines came."""

    response: httpx.Response
    messages: asyncio.Queue[tuple[str, Any]] = field(default_factory=asyncio.Queue)
    keep_alives: int = 0
    ended: bool = False

    async def read(self) -> None:
        event, data = "", ""
        async for line in self.response.aiter_lines():
            if line.startswith(":"):
                self.keep_alives += 1
            elif line.startswith("event:"):
                event = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                data = line.removeprefix("data:").strip()
            elif line == "" and event:
                await self.messages.put((event, orjson.loads(data) if data else None))
                event, data = "", ""
        self.ended = True

    async def next(self) -> tuple[str, Any]:
        """The next message; its errors' ``requestId`` checked to be the response's
        X-Request-Id and taken out."""
        async with asyncio.timeout(DEADLINE):
            event, data = await self.messages.get()
        if event == "next":
            without_request_ids(data, self.response.headers["x-request-id"])
        return event, data


@asynccontextmanager
async def sse(
    server: LiveServer,
    query: str,
    *,
    token: str | None,
    path: str = "/graphql",
    headers: dict[str, str] | None = None,
) -> AsyncIterator[SseStream]:
    """POST ``query`` with Accept: text/event-stream; the stream read in the background."""
    sent = {"Accept": "text/event-stream", **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    async with (
        httpx.AsyncClient(base_url=server.base_url, timeout=DEADLINE) as client,
        client.stream("POST", path, json={"query": query}, headers=sent) as response,
    ):
        stream = SseStream(response)
        reader = asyncio.create_task(stream.read()) if response.status_code == 200 else None
        try:
            yield stream
        finally:
            if reader is not None:
                reader.cancel()
                with suppress(asyncio.CancelledError, httpx.HTTPError):
                    await reader
