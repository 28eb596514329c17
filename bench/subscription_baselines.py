"""The subscriptions stage's baselines: the same hop done by hand, in the same run.

- ``queue_baseline``: one ``put_nowait`` into each of N plain ``asyncio.Queue``s, read
  by one task each (what the in-process bus can at best be);
- ``notify_baseline``: ``pg_notify`` committed on one plain asyncpg connection, heard by
  a listener on another and put into N plain queues (what LISTEN/NOTIFY costs itself).
"""

import asyncio
import time

import asyncpg

from bench.delays import Delays
from gateway.events.postgres import asyncpg_dsn


async def _readers(
    queues: list[asyncio.Queue[int]], changes: int
) -> list[asyncio.Task[list[tuple[int, float]]]]:
    async def read(queue: asyncio.Queue[int]) -> list[tuple[int, float]]:
        return [(await queue.get(), time.monotonic()) for _ in range(changes)]

    return [asyncio.create_task(read(queue)) for queue in queues]


async def _delays(
    tasks: list[asyncio.Task[list[tuple[int, float]]]], sent: dict[int, float]
) -> Delays:
    arrivals = await asyncio.gather(*tasks)
    return Delays([moment - sent[index] for pairs in arrivals for index, moment in pairs])


async def queue_baseline(count: int, changes: int, pause: float) -> Delays:
    queues: list[asyncio.Queue[int]] = [asyncio.Queue(1000) for _ in range(count)]
    tasks = await _readers(queues, changes)
    await asyncio.sleep(0)
    sent: dict[int, float] = {}
    for index in range(changes):
        sent[index] = time.monotonic()
        for queue in queues:
            queue.put_nowait(index)
        await asyncio.sleep(pause)
    return await _delays(tasks, sent)


async def notify_baseline(url: str, count: int, changes: int, pause: float) -> Delays:
    dsn = asyncpg_dsn(url)
    listener = await asyncpg.connect(dsn)
    sender = await asyncpg.connect(dsn)
    queues: list[asyncio.Queue[int]] = [asyncio.Queue(1000) for _ in range(count)]
    committed: dict[int, float] = {}

    def heard(_connection: object, _pid: int, _channel: str, payload: str) -> None:
        for queue in queues:
            queue.put_nowait(int(payload))

    try:
        await listener.add_listener("bench_baseline", heard)
        tasks = await _readers(queues, changes)
        for index in range(changes):
            # As roster's writer does: the moment the commit returned (autocommit here).
            await sender.execute(f"SELECT pg_notify('bench_baseline', '{index}')")
            committed[index] = time.monotonic()
            await asyncio.sleep(pause)
        return await _delays(tasks, committed)
    finally:
        await listener.close()
        await sender.close()
