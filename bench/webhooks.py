"""Webhook throughput: one dispatcher delivering N queued events to a local receiver
(claim, sign, POST, record, per delivery), beside the same N signed POSTs sent by a
plain httpx loop with the same concurrency and no database: deliveries per second,
and their ratio. On SQLite (the embedded setup) and, when a server answers, PostgreSQL.

Alone: ``python -m bench.webhooks [--events N] [--no-report]``; ``make bench`` runs it
with the default size."""

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

from bench.servers import free_port
from db.engine import Database
from db.models import WebhookDelivery, WebhookEndpoint
from db.types import utcnow
from gateway.webhooks.dispatcher import DispatcherConfig, WebhookDispatcher
from gateway.webhooks.message import signed_message
from resolvers.events.record import record_event
from resolvers.events.types import EventType
from resolvers.transactions import system_transaction
from resolvers.webhooks.outcome import RetryPolicy
from resolvers.webhooks.secrets import new_secret
from resolvers.webhooks.urls import UrlPolicy
from tests.factories import add, make_tenant, make_user

DOCS = Path(__file__).resolve().parent.parent / "docs"
START = "<!-- bench:webhooks:start (written by bench/webhooks.py; edit outside these marks) -->"
END = "<!-- bench:webhooks:end -->"
HEADING = "## Webhooks: one dispatcher's throughput"
EVENTS = 2_000
USERS = 200
CONCURRENCY = 8
BATCH = 50
POSTGRES = os.environ.get(
    "ROSTER_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
DATA = {"userId": "VXNlcjox", "status": "DEACTIVATED", "statusEventId": "VXNlclN0YXR1c0V2ZW50OjE="}


@dataclass(frozen=True, slots=True)
class Figures:
    backend: str
    events: int
    dispatcher_per_second: float
    baseline_per_second: float

    @property
    def ratio(self) -> float:
        return self.dispatcher_per_second / self.baseline_per_second


async def _count(client: httpx.AsyncClient, base: str) -> int:
    return int((await client.get(f"{base}/count")).text)


async def _baseline(url: str, events: int) -> float:
    """The same number of signed POSTs, ``CONCURRENCY`` at a time: no database."""
    secret = new_secret()
    slots = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(follow_redirects=False, trust_env=False) as client:

        async def post(n: int) -> None:
            async with slots:
                message = signed_message(
                    secret=secret, event_id=n, type="user.deactivated",
                    occurred_at=utcnow(), data=DATA, sent_at=utcnow(),
                )  # fmt: skip
                response = await client.post(url, content=message.body, headers=message.headers)
                assert response.status_code == 204

        started = time.perf_counter()
        await asyncio.gather(*(post(n) for n in range(events)))
        return events / (time.perf_counter() - started)


async def _queue(database: Database, url: str, events: int) -> None:
    async with database.engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    tenant = await make_tenant(database, f"bench-{uuid.uuid4().hex[:6]}")
    tenant_id = int(tenant.id or 0)
    users = [await make_user(database, tenant, f"User {n:04}") for n in range(USERS)]
    await add(
        database,
        WebhookEndpoint(
            tenant_id=tenant_id, url=url, event_types=[EventType.USER_DEACTIVATED.value],
            secret=new_secret(),
        ),
    )  # fmt: skip

    async def write(session) -> None:  # type: ignore[no-untyped-def]
        for n in range(events):
            await record_event(
                session, tenant_id=tenant_id, type=EventType.USER_DEACTIVATED,
                user_id=users[n % USERS].id, data=DATA, occurred_at=utcnow(),
            )  # fmt: skip

    await system_transaction(database, write)


async def _dispatch(database: Database, events: int) -> float:
    config = DispatcherConfig(
        policy=UrlPolicy(https_only=False, allowed_hosts=frozenset({"127.0.0.1"})),
        timeout_seconds=10,
        batch=BATCH,
        concurrency=CONCURRENCY,
        retry=RetryPolicy((1.0,), timedelta(days=5)),
    )
    dispatcher = WebhookDispatcher(database, config)
    started = time.perf_counter()
    try:
        while True:
            if not await dispatcher.run_once():
                async with database.session() as session:
                    delivered = await session.scalar(
                        select(func.count())
                        .select_from(WebhookDelivery)
                        .where(WebhookDelivery.state == "DELIVERED")  # type: ignore[arg-type]
                    )
                if delivered == events:
                    break
                await asyncio.sleep(0.01)
    finally:
        await dispatcher.close()
    return events / (time.perf_counter() - started)


async def measure(backend: str, database_url: str, events: int) -> Figures:
    port = free_port()
    receiver = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.webhook_receiver", str(port), start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    database = Database(database_url)
    try:
        async with httpx.AsyncClient(trust_env=False) as client:
            for _ in range(200):
                try:
                    await _count(client, base)
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
            await _queue(database, f"{base}/hook", events)
            baseline = await _baseline(f"{base}/hook", events)
            dispatched = await _dispatch(database, events)
            assert await _count(client, base) == 2 * events
    finally:
        await database.dispose()
        receiver.terminate()
        await asyncio.wait_for(receiver.wait(), 10)
    return Figures(backend, events, dispatched, baseline)


async def _postgres_database() -> tuple[str, str] | None:
    name = f"roster_bench_hooks_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OSError:
        return None
    finally:
        await admin.dispose()
    return POSTGRES.rsplit("/", 1)[0] + f"/{name}", name


async def _drop(name: str) -> None:
    admin = create_async_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


async def run(events: int) -> list[Figures]:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench-webhooks.db"
        figures.append(await measure("SQLite (embedded)", url, events))
    created = await _postgres_database()
    if created is not None:
        try:
            figures.append(await measure("PostgreSQL", created[0], events))
        finally:
            await _drop(created[1])
    return figures


def section(figures: list[Figures], events: int) -> list[str]:
    measured = utcnow().replace(microsecond=0).isoformat()
    lines = [
        START,
        f"Measured {measured} on {os.cpu_count()} CPUs: {events:,} queued events of "
        f"{USERS} users, one dispatcher (batch {BATCH}, {CONCURRENCY} POSTs in flight), a "
        "receiver process on 127.0.0.1 answering 204. Baseline: the same number of POSTs, "
        "signed the same way, from a plain httpx loop with the same concurrency and no "
        "database, against the same receiver, in the same run.",
        "",
        "| database | dispatcher (deliveries/s) | baseline (POSTs/s) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for figure in figures:
        lines.append(
            f"| {figure.backend} | {figure.dispatcher_per_second:,.0f} | "
            f"{figure.baseline_per_second:,.0f} | {figure.ratio:.2f}x |"
        )
    lines.append(END)
    return lines


def write_report(figures: list[Figures], events: int) -> None:
    path = DOCS / "benchmarks.md"
    text_ = path.read_text() if path.exists() else "# Benchmarks\n"
    if START not in text_:
        text_ = text_.rstrip("\n") + f"\n\n{HEADING}\n\n{START}\n{END}\n"
    before, _, rest = text_.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(before + "\n".join(section(figures, events)) + after)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--no-report", action="store_true", help="print, write nothing to docs/")
    options = parser.parse_args(argv)
    figures = asyncio.run(run(options.events))
    for figure in figures:
        print(
            f"webhooks {figure.backend}: dispatcher {figure.dispatcher_per_second:,.0f}/s, "
            f"baseline {figure.baseline_per_second:,.0f}/s, ratio {figure.ratio:.2f}x"
        )
    if not options.no_report:
        write_report(figures, options.events)


if __name__ == "__main__":
    main()
