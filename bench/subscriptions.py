"""The subscriptions stage: from a status change's commit to its notice at each open
subscription, p50 and p99, with 10, 100 and 1,000 subscriptions open; and the memory an
open subscription takes. ``python -m bench.subscriptions`` runs it alone (``make bench``
runs it after the other stages).

- embedded: SQLite, one process, the in-process bus; baseline: the same number of plain
  ``asyncio.Queue``s, one ``put_nowait`` each, read by one task each;
- across processes on PostgreSQL: the changes committed by a writer process of their
  own (``bench.subscription_world``), the subscriptions held by this one on the
  LISTEN/NOTIFY bus; baseline: ``pg_notify`` on one plain asyncpg connection heard on
  another, handed to the same number of plain queues.

The delay is measured at the bus (what ``Subscription.next`` returns), not through
SSE: it is what the transport adds to a subscription, whatever the protocol.
"""

import argparse
import asyncio
import gc
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import orjson

from bench.delays import Delays
from bench.machine import load_average, machine
from bench.postgres_database import admin, server_url, unreachable_reason, with_database
from bench.subscription_baselines import notify_baseline, queue_baseline
from bench.subscription_world import build_world, commit_changes
from db.engine import Database
from gateway.events.postgres import PostgresBus
from gateway.events.setup import EmbeddedBus
from resolvers.events.fanout import FanOut

COUNTS = (10, 100, 1_000)
CHANGES = 20  # per count; each reaches every open subscription
PAUSE_SECONDS = 0.02
MEMORY_SUBSCRIPTIONS = 10_000


async def hold(
    bus: FanOut, tenant_id: int, count: int, changes: int
) -> list[asyncio.Task[list[tuple[int, float]]]]:
    """``count`` open subscriptions, each a task reading ``changes`` notices; answers the
    tasks (each gives (event id, arrival) pairs) once all are open."""
    opened = 0
    all_open = asyncio.Event()

    async def read() -> list[tuple[int, float]]:
        nonlocal opened
        arrivals = []
        async with bus.subscribe(tenant_id) as subscription:
            opened += 1
            if opened == count:
                all_open.set()
            for _ in range(changes):
                notice = await subscription.next()
                arrivals.append((notice.event_id or 0, time.monotonic()))
        return arrivals

    tasks = [asyncio.create_task(read()) for _ in range(count)]
    await asyncio.wait_for(all_open.wait(), 60)
    return tasks


def delays_of(arrivals: list[list[tuple[int, float]]], committed: dict[int, float]) -> Delays:
    delays = Delays()
    for pairs in arrivals:
        delays.samples.extend(moment - committed[event_id] for event_id, moment in pairs)
    return delays


async def embedded(path: Path, count: int, changes: int) -> Delays:
    database = Database(f"sqlite+aiosqlite:///{path}")
    try:
        tenant_id, user_id = await build_world(database)
        bus = EmbeddedBus()
        bus.attach(database)
        tasks = await hold(bus, tenant_id, count, changes)
        committed = await commit_changes(
            database, tenant_id=tenant_id, user_id=user_id, count=changes, pause=PAUSE_SECONDS
        )
        arrivals = await asyncio.wait_for(asyncio.gather(*tasks), 60)
    finally:
        await database.dispose()
    return delays_of(arrivals, committed)


async def _write_in_another_process(url: str, tenant_id: int, user_id: int, changes: int) -> dict:
    writer = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.subscription_world",
        url, str(tenant_id), str(user_id), str(changes), str(PAUSE_SECONDS),
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(writer.communicate(), 120)
    if writer.returncode != 0:
        raise RuntimeError(f"the writer process exited with {writer.returncode}")
    return {int(key): value for key, value in orjson.loads(output).items()}


async def across_processes(url: str, count: int, changes: int) -> Delays:
    database = Database(url)
    bus = PostgresBus(url)
    try:
        tenant_id, user_id = await build_world(database)
        await bus.start()
        tasks = await hold(bus, tenant_id, count, changes)
        committed = await _write_in_another_process(url, tenant_id, user_id, changes)
        arrivals = await asyncio.wait_for(asyncio.gather(*tasks), 60)
    finally:
        await bus.stop()
        await database.dispose()
    return delays_of(arrivals, committed)


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def memory_per_subscription(count: int) -> float:
    """RSS added by ``count`` open bus subscriptions, each with its reading task, / count
    (bytes)."""
    bus = EmbeddedBus()
    gc.collect()
    before = rss_kib()
    tasks = await hold(bus, 1, count, 1)
    gc.collect()
    after = rss_kib()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (after - before) * 1024 / count


async def _fresh_postgres(server: str) -> tuple[str, str]:
    name = f"roster_bench_events_{int(time.time() * 1000)}"
    await asyncio.to_thread(admin, server, f'CREATE DATABASE "{name}"')
    return with_database(server, name), name


async def run_stage(counts: tuple[int, ...], changes: int) -> dict[str, object]:
    results: dict[str, object] = {"counts": list(counts), "changes": changes}
    embedded_rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            measured = await embedded(Path(folder) / f"embedded-{count}.db", count, changes)
            baseline = await queue_baseline(count, changes, PAUSE_SECONDS)
            embedded_rows.append({"subscriptions": count, "roster": measured.as_json(),
                                  "baseline": baseline.as_json()})  # fmt: skip
            print(f"  embedded, {count:>5} subscriptions: {measured.as_json()}", flush=True)
    results["embedded"] = embedded_rows
    server = server_url()
    skipped = await asyncio.to_thread(unreachable_reason, server)
    results["postgres_skipped"] = skipped
    if skipped is None:
        rows = []
        for count in counts:
            url, name = await _fresh_postgres(server)
            try:
                measured = await across_processes(url, count, changes)
                baseline = await notify_baseline(url, count, changes, PAUSE_SECONDS)
            finally:
                drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
                await asyncio.to_thread(admin, server, drop)
            rows.append({"subscriptions": count, "roster": measured.as_json(),
                         "baseline": baseline.as_json()})  # fmt: skip
            print(f"  postgres, {count:>5} subscriptions: {measured.as_json()}", flush=True)
        results["postgres"] = rows
    else:
        print(f"  PostgreSQL part skipped: {skipped}", flush=True)
    results["memory_bytes_per_subscription"] = round(
        await memory_per_subscription(MEMORY_SUBSCRIPTIONS)
    )
    results["memory_subscriptions"] = MEMORY_SUBSCRIPTIONS
    return results


def _machine() -> dict[str, object]:
    try:
        return machine()
    except FileNotFoundError:  # no wrk on this machine: this stage needs none
        return {"cpus": os.cpu_count(), "cpu": "unknown", "python": platform.python_version()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=CHANGES, help="changes per count")
    parser.add_argument("--counts", type=int, nargs="+", default=list(COUNTS))
    parser.add_argument("--no-report", action="store_true", help="print, write nothing to docs/")
    options = parser.parse_args(argv)
    load_before = load_average()
    started = time.perf_counter()
    print("subscriptions: commit -> notice at each open subscription", flush=True)
    results = asyncio.run(run_stage(tuple(options.counts), options.changes))
    results["load_average"] = {"before": load_before, "after": load_average()}
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(f"  memory per open subscription: {results['memory_bytes_per_subscription']} bytes")
    if not options.no_report:
        from bench.subscriptions_report import write_subscriptions_report

        write_subscriptions_report(results, machine=_machine())


if __name__ == "__main__":
    main()
