"""A product service in miniature: a plain asyncio HTTP/1.1 server on 127.0.0.1 that
verifies every webhook with the standardwebhooks package's own verifier and records it.

``answers`` decides each response: a status code, or an awaitable one (a receiver
that holds a request until the test lets it go)."""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def json(self) -> Any:
        return orjson.loads(self.body)


Answer = Callable[[Received], int | Awaitable[int]]


@dataclass
class Receiver:
    secret: str = ""
    answer: Answer = lambda received: 204
    received: list[Received] = field(default_factory=list)
    extra_headers: dict[int, dict[str, str]] = field(default_factory=dict)
    _server: asyncio.Server | None = None
    port: int = 0
    in_flight: int = 0
    most_in_flight: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/roster"

    async def start(self) -> "Receiver":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    def verified_ids(self) -> list[str]:
        return [item.webhook_id for item in self.received if item.verified]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                _method, path, _version = request_line.decode().split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode().partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                status = await self._answer(path, headers, body)
                extra = "".join(
                    f"{name}: {value}\r\n"
                    for name, value in self.extra_headers.get(status, {}).items()
                )
                # A 204 has no body: "ok" would be read as the start of the next answer.
                out = "" if status == 204 else "ok"
                head = f"HTTP/1.1 {status} X\r\ncontent-length: {len(out)}\r\n{extra}\r\n"
                writer.write((head + out).encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            writer.close()

    async def _answer(self, path: str, headers: dict[str, str], body: bytes) -> int:
        try:
            Webhook(self.secret).verify(body, headers)
            verified = True
        except (WebhookVerificationError, KeyError, ValueError):
            verified = False
        received = Received(path, headers, body, verified)
        self.received.append(received)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            answer = self.answer(received)
            return answer if isinstance(answer, int) else await answer
        finally:
            self.in_flight -= 1


async def eventually(check: Callable[[], Awaitable[bool]], *, seconds: float = 25) -> None:
    """Wait until ``check`` holds (polling), failing after ``seconds``."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the condition did not hold in time")
        await asyncio.sleep(0.02)
