"""Ingestion on PostgreSQL: ``recordCalls`` batches of 1,000 over HTTP, rollups included,
beside plain multi-row INSERTs of the same rows with and without the rollup trigger.

It runs in a scratch database (created, seeded with people only, dropped afterwards), so
the cached benchmark databases keep exactly their seeded calls.
"""

import asyncio
import random
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.check import fetch
from bench.database import roster
from bench.operations import graphql
from bench.postgres_database import admin, with_database
from bench.servers import roster_server
from db import rollup_triggers
from resolvers.ids import to_global_id

BATCH = 1_000
BATCHES = 50
USERS = 1_000
# Batches in flight at once, for recordCalls and for the plain INSERTs alike.
SENDERS = 4

_ARGUMENT_TYPE = """{ __type(name: "Mutation") { fields { name
  args { name type { kind name ofType { kind name } } } } } }"""


@dataclass(frozen=True, slots=True)
class IngestFigures:
    calls: int
    record_calls_per_second: float | None
    insert_with_rollups_per_second: float
    insert_without_rollups_per_second: float
    skipped: str | None = None  # why recordCalls was not measured

    def as_json(self) -> dict[str, object]:
        return {
            "batch": BATCH,
            "calls": self.calls,
            "record_calls_per_second": self.record_calls_per_second,
            "insert_with_rollups_per_second": self.insert_with_rollups_per_second,
            "insert_without_rollups_per_second": self.insert_without_rollups_per_second,
            "record_calls_skipped": self.skipped,
        }


def record_calls_input_type(introspection: dict[str, Any]) -> str | None:
    """The named type of ``recordCalls(input:)``, or None when the schema has no such field."""
    mutation = (introspection.get("data") or {}).get("__type") or {}
    for field in mutation.get("fields") or []:
        if field["name"] != "recordCalls":
            continue
        for argument in field["args"]:
            if argument["name"] == "input":
                kind = argument["type"]
                named = kind["ofType"] if kind["kind"] == "NON_NULL" else kind
                return str(named["name"])
    return None


def record_calls_document(input_type: str) -> str:
    return (
        f"mutation RecordCalls($input: {input_type}!) "
        "{ recordCalls(input: $input) { __typename } }"
    )


def planned_calls(user_ids: list[int], *, count: int, now: datetime, prefix: str) -> list[dict]:
    """``count`` calls of these users over the last 30 days, the same for every prefix."""
    rng = random.Random(16)
    calls = []
    for index in range(count):
        calls.append(
            {
                "external_id": f"{prefix}-{index}",
                "user_id": rng.choice(user_ids),
                "direction": "INBOUND" if rng.random() < 0.5 else "OUTBOUND",
                "started_at": now - timedelta(seconds=rng.randrange(30 * 86400)),
                "duration_seconds": rng.randrange(0, 1200),
                "counterpart_number": f"+8190{rng.randrange(10**8):08d}",
            }
        )
    return calls


def _api_call(call: dict[str, Any]) -> dict[str, Any]:
    return {
        "externalId": call["external_id"],
        "userId": to_global_id("User", call["user_id"]),
        "direction": call["direction"],
        "startedAt": call["started_at"].isoformat().replace("+00:00", "Z"),
        "durationSeconds": call["duration_seconds"],
        "counterpartNumber": call["counterpart_number"],
    }


async def _scalar(url: str, sql: str, **params: Any) -> Any:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.scalar(text(sql), params)
    finally:
        await engine.dispose()


_INSERTED = (
    "tenant_id",
    "user_id",
    "direction",
    "started_at",
    "duration_seconds",
    "counterpart_number",
    "external_id",
)


def multi_row_insert(rows: int) -> str:
    """One INSERT of ``rows`` calls, numbered parameters as asyncpg takes them."""
    width = len(_INSERTED)
    values = ", ".join(
        "(" + ", ".join(f"${row * width + column + 1}" for column in range(width)) + ")"
        for row in range(rows)
    )
    return f"INSERT INTO calls ({', '.join(_INSERTED)}) VALUES {values}"


async def _timed_inserts(url: str, rows: list[dict[str, Any]], tenant_id: int) -> float:
    """Calls per second of one multi-row INSERT per batch, each its own transaction, sent
    as a product writing the database directly would (a prepared statement, asyncpg), on
    ``SENDERS`` connections at once."""
    engine = create_async_engine(url, pool_size=SENDERS)
    statement = multi_row_insert(BATCH)
    batches = [rows[first : first + BATCH] for first in range(0, len(rows), BATCH)]

    async def sender(batches: list[list[dict[str, Any]]]) -> None:
        async with engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None
            await connection.commit()
            for batch in batches:
                arguments = [
                    value
                    for row in batch
                    for value in (
                        tenant_id,
                        row["user_id"],
                        row["direction"],
                        row["started_at"].astimezone(UTC).replace(tzinfo=None),
                        row["duration_seconds"],
                        row["counterpart_number"],
                        row["external_id"],
                    )
                ]
                async with raw.transaction():
                    await raw.execute(statement, *arguments)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(sender(batches[lane::SENDERS]) for lane in range(SENDERS)))
        return len(rows) / (time.perf_counter() - started)
    finally:
        await engine.dispose()


async def _drop_insert_trigger(url: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(f"DROP TRIGGER {rollup_triggers.PG_INSERT_TRIGGER} ON calls")
            )
    finally:
        await engine.dispose()


def _record_calls(url: str, token: str, rows: list[dict[str, Any]], input_type: str) -> float:
    """Calls per second of batches sent by ``SENDERS`` at once, as a product service with
    calls queued would send them."""
    document = record_calls_document(input_type)
    requests = [
        graphql(document, {"input": {"calls": [_api_call(row) for row in rows[i : i + BATCH]]}})
        for i in range(0, len(rows), BATCH)
    ]
    with ThreadPoolExecutor(max_workers=SENDERS) as senders:
        started = time.perf_counter()
        list(senders.map(lambda request: fetch(url, request, token), requests))
        return len(rows) / (time.perf_counter() - started)


def measure_ingestion(server: str, log: Callable[[str], None]) -> IngestFigures:
    name = f"roster_bench_ingest_{uuid.uuid4().hex[:8]}"
    url = with_database(server, name)
    admin(server, f'CREATE DATABASE "{name}"')
    try:
        roster("db", "upgrade", url=url)
        roster("seed", "--demo", "--users", str(USERS), "--calls", "0", url=url)
        tenant_id = asyncio.run(_scalar(url, "SELECT id FROM tenants WHERE slug = 'acme'"))
        user_ids = list(
            admin(url, "SELECT id FROM users WHERE tenant_id = :t ORDER BY id", t=tenant_id)
        )
        now = datetime.now(UTC).replace(microsecond=0)
        count = BATCH * BATCHES
        # The Phone product's backend sends its calls with a service token.
        token = roster("token", "create", "--service", "phone", "--tenant", "acme", url=url)
        server_process = roster_server(url)
        server_process.start()
        try:
            input_type = record_calls_input_type(
                fetch(server_process.url, graphql(_ARGUMENT_TYPE, {}), token)
            )
            skipped = None
            recorded = None
            if input_type is None:
                skipped = "the schema has no recordCalls mutation yet"
            else:
                rows = planned_calls(user_ids, count=count, now=now, prefix="api")
                recorded = _record_calls(server_process.url, token, rows, input_type)
                landed = asyncio.run(
                    _scalar(url, "SELECT count(*) FROM calls WHERE external_id LIKE 'api-%'")
                )
                if landed != count:
                    raise RuntimeError(f"recordCalls stored {landed} of {count} calls")
        finally:
            server_process.stop()
        with_rollups = asyncio.run(
            _timed_inserts(
                url, planned_calls(user_ids, count=count, now=now, prefix="sql"), tenant_id
            )
        )
        asyncio.run(_drop_insert_trigger(url))
        without = asyncio.run(
            _timed_inserts(
                url, planned_calls(user_ids, count=count, now=now, prefix="raw"), tenant_id
            )
        )
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    figures = IngestFigures(count, recorded, with_rollups, without, skipped)
    log(
        f"  recordCalls: {'skipped, ' + skipped if skipped else f'{recorded:,.0f} calls/s'}; "
        f"INSERT with rollups {with_rollups:,.0f} calls/s, without {without:,.0f} calls/s"
    )
    return figures
