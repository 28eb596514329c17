"""Time ``seed_demo`` at scale (10,000 users, 1,000,000 calls by default) and print the figures.

    .venv/bin/python bench/seed_scale.py                      # SQLite, a scratch file
    .venv/bin/python bench/seed_scale.py --postgres postgresql+asyncpg://postgres@127.0.0.1:5432/test

Each backend gets a fresh database migrated to head (a scratch SQLite file; a new
PostgreSQL database on the given server, dropped afterwards), so the figures include
every index the application has. Not a test: it takes minutes. docs/seeding.md holds
the figures measured.
"""

import argparse
import asyncio
import os
import platform
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.engine import Database
from db.migrate import upgrade
from db.seed import SeedReport, seed_demo
from db.seed.bulk import CHUNK_SIZE


class StageClock:
    """Seconds from the first to the last progress report of each table."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.finished: dict[str, float] = {}
        self.rows: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.started.setdefault(stage, now)
        self.finished[stage] = now
        self.rows[stage] = done

    def lines(self) -> list[str]:
        lines = []
        for stage, rows in self.rows.items():
            seconds = self.finished[stage] - self.started[stage]
            rate = f"{rows / seconds:>10,.0f} rows/s" if seconds > 0 else ""
            lines.append(f"    {stage:<20} {rows:>10,} rows {seconds:>8.1f}s {rate}")
        return lines


def _print(backend: str, report: SeedReport, clock: StageClock, migrate_seconds: float) -> None:
    print(
        f"{backend}: {report.rows:,} rows in {report.seconds:.1f}s "
        f"({report.rows / report.seconds:,.0f} rows/s overall; migrate {migrate_seconds:.1f}s)"
    )
    print("\n".join(clock.lines()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"    peak memory of this process: {peak:,.0f} MiB")


async def _seed(
    url: str, *, users: int, calls: int, chunk_size: int
) -> tuple[SeedReport, StageClock]:
    database = Database(url)
    clock = StageClock()
    try:
        report = await seed_demo(
            database, users=users, calls=calls, progress=clock, chunk_size=chunk_size
        )
    finally:
        await database.dispose()
    return report, clock


def run_sqlite(users: int, calls: int, chunk_size: int) -> None:
    with tempfile.TemporaryDirectory(prefix="roster-seed-bench-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        upgrade(url)
        migrate_seconds = time.perf_counter() - started
        report, clock = asyncio.run(_seed(url, users=users, calls=calls, chunk_size=chunk_size))
        size = sum(path.stat().st_size for path in Path(folder).iterdir()) / 2**20
        _print(f"SQLite ({size:,.0f} MiB on disk)", report, clock, migrate_seconds)


async def _admin(server_url: str, statement: str) -> None:
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def run_postgres(server_url: str, users: int, calls: int, chunk_size: int) -> None:
    name = f"roster_seed_bench_{uuid.uuid4().hex[:8]}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    try:
        started = time.perf_counter()
        upgrade(url)
        migrate_seconds = time.perf_counter() - started
        report, clock = asyncio.run(_seed(url, users=users, calls=calls, chunk_size=chunk_size))
        _print("PostgreSQL", report, clock, migrate_seconds)
    finally:
        asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to bench too")
    parser.add_argument(
        "--chunk-size", type=int, default=CHUNK_SIZE, help="rows per INSERT or COPY"
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    options = parser.parse_args()
    print(
        f"seed_demo(users={options.users:,}, calls={options.calls:,}) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    if not options.skip_sqlite:
        run_sqlite(options.users, options.calls, options.chunk_size)
    if options.postgres:
        run_postgres(options.postgres, options.users, options.calls, options.chunk_size)


if __name__ == "__main__":
    main()
