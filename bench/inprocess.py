"""Times roster's operations in-process (no HTTP, no load generator), for profiling.

    .venv/bin/python -m bench.inprocess users-100 seat-map --iterations 20
    .venv/bin/python -m bench.inprocess users-100 --profile   # cProfile, by own time

Each operation runs through the composed schema as `roster serve` builds it (its
extensions, the parse and validation caches among them, and its garbage-collector
settings) on a copy of the benchmark database, as the admin of tenant acme, with exactly
the documents and variables `make bench` sends. The figures are for finding where time
goes; the ratios that count come from `make bench`.
"""

import argparse
import asyncio
import cProfile
import pstats
import statistics
import time
from functools import cache

import orjson
from sqlalchemy import select
from strawberry.schema.base import BaseSchema

from bench.database import ADMIN_EMAIL, bench_inputs, seeded_database, working_copy
from bench.operations import ROSTER, BenchInputs, Operation, read_operations
from db.engine import Database
from db.enums import Role, UserStatus
from db.models import Tenant, User
from gateway.extensions import request_extensions
from gateway.serving import tune_garbage_collector
from gateway.settings import get_settings
from resolvers.context import make_context
from resolvers.tokens import Caller
from schemas.graph import build_composed_schema
from tests.graphql import StatementCounter, execute


async def _admin(database: Database) -> Caller:
    async with database.read_sessions() as session:
        row = (
            await session.execute(
                select(User.id, User.tenant_id, User.role, User.status, Tenant.time_zone)  # type: ignore[call-overload]
                .join(Tenant, Tenant.id == User.tenant_id)
                .where(User.email == ADMIN_EMAIL)
            )
        ).one()
    return Caller(row.id, row.tenant_id, Role(row.role), UserStatus(row.status), row.time_zone)


async def _cursors(database: Database, caller: Caller, pages: int) -> list[str | None]:
    """The `after` of each page of 100 users, as roster gives them out."""
    query = "query ($after: String) { users(first: 100, after: $after) { pageInfo { endCursor } } }"
    cursors: list[str | None] = [None]
    while len(cursors) < pages:
        result = await execute(database, caller, query, {"after": cursors[-1]})
        assert result.data is not None, result.errors
        cursors.append(result.data["users"]["pageInfo"]["endCursor"])
    return cursors


@cache
def _served_schema() -> BaseSchema:
    settings = get_settings()
    return build_composed_schema(
        request_extensions(settings), planned_execution=settings.planned_execution
    )


async def _run_once(database: Database, caller: Caller, operation: Operation) -> None:
    for request in operation.requests[ROSTER]:
        assert request.body is not None
        body = orjson.loads(request.body)
        context = make_context(database, caller)
        try:
            result = await _served_schema().execute(
                body["query"], variable_values=body["variables"], context_value=context
            )
        finally:
            await context.close()
        assert result.errors is None, result.errors


async def _time(database: Database, caller: Caller, operation: Operation, n: int) -> None:
    await _run_once(database, caller, operation)  # warm caches and the pool
    with StatementCounter(database) as counter:
        await _run_once(database, caller, operation)
    seconds, cpu_seconds = [], []
    for _ in range(n):
        started, cpu_started = time.perf_counter(), time.process_time()
        await _run_once(database, caller, operation)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    # CPU time (every thread, SQLite's included) moves less than wall time on a shared
    # machine: a stolen or idle moment is not counted.
    print(
        f"{operation.name:<22} wall median {statistics.median(seconds) * 1000:7.1f} ms"
        f"  min {min(seconds) * 1000:7.1f} ms  cpu median"
        f" {statistics.median(cpu_seconds) * 1000:7.1f} ms  statements {counter.count}"
    )


async def _main(names: list[str], iterations: int, profile: bool) -> None:
    copy = working_copy(seeded_database())
    inputs: BenchInputs = bench_inputs(copy)
    database = Database(copy.url)
    try:
        caller = await _admin(database)
        _served_schema()  # built before timing, as `roster serve` does at start
        tune_garbage_collector()  # and its collector set as `roster serve` sets it
        if any(name.startswith("users-") for name in names):
            inputs.user_cursors[:] = await _cursors(database, caller, 10)
        operations = {op.name: op for op in read_operations(inputs, with_router=False)}
        unknown = sorted(set(names) - set(operations))
        if unknown:
            raise SystemExit(f"unknown operation {unknown}; one of {sorted(operations)}")
        for name in names:
            if profile:
                profiler = cProfile.Profile()
                profiler.enable()
                await _time(database, caller, operations[name], iterations)
                profiler.disable()
                pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
            else:
                await _time(database, caller, operations[name], iterations)
    finally:
        await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("operations", nargs="+", help="operation names, as in make bench")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    args = parser.parse_args()
    asyncio.run(_main(args.operations, args.iterations, args.profile))


if __name__ == "__main__":
    main()
