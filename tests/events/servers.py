"""Real `roster serve` processes for the cross-process tests, an SSE stream read in the
background, and a way to know the other process hears the tenant already.

A subscription served by another process LISTENs there a moment after its stream opens,
and nothing outside that process can see when. ``until_heard`` therefore *pokes*: it
makes a real change of a probe user, waits a second for the stream to show it, and
pokes again until one shows; from then on that process hears every change of the
tenant. The tests then skip the probe user's messages (a late poke may still come).
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

import httpx

from tests.events.helpers import DEADLINE_SECONDS
from tests.subscriptions.live_server import SseStream

DEACTIVATE = """mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  changed userErrors { code } } }"""
ACTIVATE = """mutation($input: ActivateUserInput!) { activateUser(input: $input) {
  changed userErrors { code } } }"""


async def mutate(base_url: str, token: str, query: str, user_gid: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url, timeout=DEADLINE_SECONDS) as client:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": {"input": {"userId": user_gid}}},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


@asynccontextmanager
async def sse(base_url: str, query: str, token: str) -> AsyncIterator[SseStream]:
    """``query`` over GraphQL over SSE (distinct connections mode), read in the background."""
    headers = {"Accept": "text/event-stream", "Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=DEADLINE_SECONDS) as client,
        client.stream("POST", "/graphql", json={"query": query}, headers=headers) as response,
    ):
        assert response.status_code == 200
        stream = SseStream(response)
        reader = asyncio.create_task(stream.read())
        try:
            yield stream
        finally:
            reader.cancel()
            with suppress(asyncio.CancelledError, httpx.HTTPError):
                await reader


def toggler(base_url: str, token: str, user_gid: str) -> Callable[[], Awaitable[None]]:
    """Each call deactivates the user, then activates them, then deactivates them..."""
    calls = 0

    async def poke() -> None:
        nonlocal calls
        query, field = (
            (DEACTIVATE, "deactivateUser") if calls % 2 == 0 else (ACTIVATE, "activateUser")
        )
        calls += 1
        assert (await mutate(base_url, token, query, user_gid))[field]["changed"] is True

    return poke


async def until_heard(stream: SseStream, poke: Callable[[], Awaitable[None]]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE_SECONDS
    while True:
        await poke()
        try:
            await asyncio.wait_for(stream.messages.get(), 1.0)
            return
        except TimeoutError:
            assert loop.time() < deadline, "the other process never heard the tenant's changes"


async def next_not_about(
    stream: SseStream, probe_gid: str, user_of: Callable[[Any], str]
) -> tuple[str, Any]:
    """The stream's next message that is not about the probe user."""
    while True:
        event, data = await stream.next()
        if event != "next" or user_of(data) != probe_gid:
            return event, data
