"""The subscriptions stage end to end: two `roster serve` processes over one PostgreSQL
database, the mutations POSTed to one, N GraphQL-over-SSE subscriptions
(``userStatusChanged``) held by the other; and the memory one open SSE subscription
takes in the process that holds it.

A delay runs from the moment the mutation's HTTP answer came back (its transaction
has committed by then) to the moment a subscriber's stream has the event, parsed: it
holds the NOTIFY, the subscription's reading back of the user and the event under the
subscriber's authorization, the caller's re-check, and SSE.
"""

import asyncio
import contextlib
import time
from typing import Any

import httpx
import orjson

from bench.database import CACHE
from bench.delays import Delays
from bench.servers import ROSTER, Server, free_port
from bench.subscription_world import build_world
from db.engine import Database
from db.models import User
from resolvers.ids import to_global_id
from resolvers.tokens import create_token

SUBSCRIPTION = "subscription { userStatusChanged { user { id status } event { action } } }"
MUTATIONS = {
    "DEACTIVATED": "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }",
    "ACTIVE": "mutation($id: ID!) { activateUser(input: {userId: $id}) { changed } }",
}
DEADLINE_SECONDS = 120.0


def _server(name: str, url: str) -> Server:
    CACHE.mkdir(exist_ok=True)  # the servers' logs
    port = free_port()
    return Server(
        name,
        [str(ROSTER), "serve", "--port", str(port), "--no-worker"],
        port,
        env={
            "ROSTER_DATABASE_URL": url,
            # One token holds all the benchmark's subscriptions.
            "ROSTER_SUBSCRIPTIONS_PER_TOKEN": "10000",
        },
    )


async def _admin_token(database: Database, tenant_id: int) -> str:
    async with database.write_sessions() as session, session.begin():
        admin = (
            await session.execute(
                User.__table__.select().where(  # type: ignore[attr-defined]
                    User.__table__.c.tenant_id == tenant_id,  # type: ignore[attr-defined]
                    User.__table__.c.role == "ADMIN",  # type: ignore[attr-defined]
                )
            )
        ).one()
        user = await session.get(User, admin.id)
        assert user is not None
        _row, secret = await create_token(session, user=user)
        return secret


class Stream:
    """One open SSE subscription: the (status, arrival) of each event it receives."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []
        self.changed = asyncio.Event()
        self.errors: list[Any] = []

    async def read(self, client: httpx.AsyncClient, token: str) -> None:
        headers = {"Accept": "text/event-stream", "Authorization": f"Bearer {token}"}
        body = {"query": SUBSCRIPTION}
        async with client.stream("POST", "/graphql", json=body, headers=headers) as response:
            event = ""
            async for line in response.aiter_lines():
                if line.startswith("event:"):
                    event = line.removeprefix("event:").strip()
                elif line.startswith("data:") and event == "next":
                    data: Any = orjson.loads(line.removeprefix("data:"))
                    if not data.get("data"):
                        self.errors.append(data)
                        self.changed.set()
                        return
                    status = data["data"]["userStatusChanged"]["user"]["status"]
                    self.arrivals.append((status, time.monotonic()))
                    self.changed.set()


async def _mutate(client: httpx.AsyncClient, token: str, status: str, user_gid: str) -> float:
    response = await client.post(
        "/graphql",
        json={"query": MUTATIONS[status], "variables": {"id": user_gid}},
        headers={"Authorization": f"Bearer {token}"},
    )
    answered = time.monotonic()
    assert response.status_code == 200, response.text
    return answered


def _counts(streams: list[Stream]) -> list[int]:
    failed = next((stream.errors[0] for stream in streams if stream.errors), None)
    if failed is not None:
        raise RuntimeError(f"a subscription answered {orjson.dumps(failed).decode()[:300]}")
    return [len(stream.arrivals) for stream in streams]


async def _until_each_has(streams: list[Stream], targets: list[int]) -> None:
    async with asyncio.timeout(DEADLINE_SECONDS):
        for stream, target in zip(streams, targets, strict=True):
            while len(stream.arrivals) < target:
                _counts(streams)  # raises once a subscription failed
                stream.changed.clear()
                await stream.changed.wait()


async def _until_quiet(streams: list[Stream], seconds: float = 1.0) -> None:
    """Until no stream received anything for ``seconds`` (the warm-up's last events)."""
    async with asyncio.timeout(DEADLINE_SECONDS):
        while True:
            counts = _counts(streams)
            await asyncio.sleep(seconds)
            if _counts(streams) == counts:
                return


async def end_to_end(url: str, count: int, changes: int) -> tuple[Delays, float]:
    """(delays, bytes of RSS per open SSE subscription in the process holding them)."""
    database = Database(url)
    writer, reader = _server("events-writer", url), _server("events-reader", url)
    tasks: list[asyncio.Task[None]] = []
    try:
        tenant_id, user_id = await build_world(database)
        token = await _admin_token(database, tenant_id)
        user_gid = to_global_id("User", user_id)
        await asyncio.gather(asyncio.to_thread(writer.start), asyncio.to_thread(reader.start))
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
        async with (
            httpx.AsyncClient(base_url=reader.url, timeout=None, limits=limits) as streams_client,
            httpx.AsyncClient(base_url=writer.url, timeout=30) as client,
        ):
            await asyncio.sleep(0.5)  # the reader settled after its start
            before = reader.rss_mib()
            streams = [Stream() for _ in range(count)]
            tasks = [asyncio.create_task(stream.read(streams_client, token)) for stream in streams]
            # The reader LISTENs a moment after the streams open: the first change, made
            # until every stream has it, is the warm-up.
            status = "DEACTIVATED"
            async with asyncio.timeout(DEADLINE_SECONDS):
                while not all(_counts(streams)):
                    await _mutate(client, token, status, user_gid)
                    status = "ACTIVE" if status == "DEACTIVATED" else "DEACTIVATED"
                    await asyncio.sleep(0.5)
            await _until_quiet(streams)
            per_subscription = (reader.rss_mib() - before) * 1024 * 1024 / count
            delays = Delays()
            for _ in range(changes):
                targets = [n + 1 for n in _counts(streams)]
                answered = await _mutate(client, token, status, user_gid)
                await _until_each_has(streams, targets)
                for stream in streams:
                    last_status, arrived = stream.arrivals[-1]
                    assert last_status == status, (last_status, status)
                    delays.samples.append(arrived - answered)
                status = "ACTIVE" if status == "DEACTIVATED" else "DEACTIVATED"
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                await task
        await asyncio.gather(asyncio.to_thread(writer.stop), asyncio.to_thread(reader.stop))
        await database.dispose()
    return delays, per_subscription
