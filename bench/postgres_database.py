"""The PostgreSQL stage's databases: seeded once per size, cached by the code's fingerprint.

A database is named after its size and a fingerprint of db/seed and the migrations
(``roster_bench_1m_<fingerprint>``): a change to either seeds a new one, and the stale
ones of that size are dropped.
"""

import asyncio
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bench.database import code_fingerprint, roster
from bench.operations import BenchInputs

DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
URL_VARIABLES = ("ROSTER_BENCH_POSTGRES_URL", "ROSTER_TEST_POSTGRES_URL")
USERS = 10_000
# Label -> calls; the lead picks with --postgres-sizes.
SIZES = {"1m": 1_000_000, "10m": 10_000_000}
PREFIX = "roster_bench_"


def server_url(environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ) if environ is None else environ
    return next((environ[name] for name in URL_VARIABLES if environ.get(name)), DEFAULT_SERVER)


def database_name(label: str, fingerprint: str) -> str:
    if not re.fullmatch(r"[0-9a-z]+", label) or not re.fullmatch(r"[0-9a-f]+", fingerprint):
        raise ValueError(f"not a size label and fingerprint: {label!r}, {fingerprint!r}")
    return f"{PREFIX}{label}_{fingerprint}"


def stale_names(existing: list[str], label: str, fingerprint: str) -> list[str]:
    """This size's databases of other fingerprints (another size's are left alone)."""
    keep = database_name(label, fingerprint)
    pattern = re.compile(rf"{PREFIX}{re.escape(label)}_[0-9a-f]+")
    return sorted(name for name in existing if pattern.fullmatch(name) and name != keep)


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


async def _admin(url: str, sql: str, **params: Any) -> list[Any]:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            result = await connection.execute(text(sql), params)
            return list(result.scalars()) if result.returns_rows else []
    finally:
        await engine.dispose()


def admin(url: str, sql: str, **params: Any) -> list[Any]:
    return asyncio.run(_admin(url, sql, **params))


def unreachable_reason(url: str) -> str | None:
    """None when the server answers; else why the stage is skipped."""
    try:
        admin(url, "SELECT 1")
    except Exception as error:  # any failure to connect is the reason, said as it is
        shown = make_url(url).render_as_string(hide_password=True)
        return f"no PostgreSQL server answers at {shown} ({type(error).__name__}: {error})"
    return None


@dataclass(frozen=True, slots=True)
class PostgresDatabase:
    label: str
    calls: int
    url: str
    seed_seconds: float | None  # None: taken from the cache


def seeded_postgres(server: str, label: str) -> PostgresDatabase:
    """The cached database of this size, migrated and seeded when missing."""
    calls = SIZES[label]
    fingerprint = code_fingerprint()
    name = database_name(label, fingerprint)
    existing = admin(server, "SELECT datname FROM pg_database WHERE datname LIKE 'roster_bench_%'")
    for stale in stale_names(existing, label, fingerprint):
        print(f"  dropping {stale} (older seed or migrations)", flush=True)
        admin(server, f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
    url = with_database(server, name)
    if name in existing:
        return PostgresDatabase(label, calls, url, None)
    building = f"{name}_building"
    admin(server, f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    admin(server, f'CREATE DATABASE "{building}"')
    building_url = with_database(server, building)
    print(f"  seeding {USERS:,} users and {calls:,} calls into {name} (once)", flush=True)
    started = time.perf_counter()
    try:
        roster("db", "upgrade", url=building_url)
        summary = roster(
            "seed", "--demo", "--users", str(USERS), "--calls", str(calls), url=building_url
        )
        admin(building_url, "VACUUM ANALYZE")
    except BaseException:
        admin(server, f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        raise
    seconds = time.perf_counter() - started
    print(f"  {summary} ({seconds:.0f} s with migrations and VACUUM ANALYZE)", flush=True)
    admin(server, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return PostgresDatabase(label, calls, url, seconds)


async def _inputs(url: str, days: int) -> BenchInputs:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            tenant_id, zone = (
                await connection.execute(
                    text("SELECT id, time_zone FROM tenants WHERE slug = 'acme'")
                )
            ).one()
            last = await connection.scalar(
                text("SELECT max(started_at) FROM calls WHERE tenant_id = :t"), {"t": tenant_id}
            )
            local = last.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
            end = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
            start = end - timedelta(days=days)
            bounds = {
                "t": tenant_id,
                "start": start.astimezone(UTC).replace(tzinfo=None),
                "end": end.astimezone(UTC).replace(tzinfo=None),
            }
            active = await connection.scalar(
                text("SELECT count(*) FROM users WHERE tenant_id = :t AND status = 'ACTIVE'"),
                bounds,
            )
            deactivated_with_calls = await connection.scalar(
                text(
                    "SELECT count(DISTINCT calls.user_id) FROM calls "
                    "JOIN users ON users.id = calls.user_id WHERE calls.tenant_id = :t "
                    "AND users.status = 'DEACTIVATED' "
                    "AND calls.started_at >= :start AND calls.started_at < :end"
                ),
                bounds,
            )
    finally:
        await engine.dispose()
    return BenchInputs(
        start=start.isoformat(),
        end=end.isoformat(),
        mention_fragment="",
        seats=0,
        report_rows=int(active) + int(deactivated_with_calls),
        dashboard_users=int(active),
        writable_user_ids=[],
    )


def window_inputs(url: str, days: int) -> BenchInputs:
    """The ``days`` local days up to the midnight after the last call, as a frontend asks."""
    return asyncio.run(_inputs(url, days))


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
