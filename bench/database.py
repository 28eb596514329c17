"""The benchmark database: seeded once and cached under .bench/, copied fresh for every run."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.operations import BenchInputs
from resolvers.ids import to_global_id

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
ROSTER = ROOT / ".venv" / "bin" / "roster"
ADMIN_EMAIL = "admin@acme.example"
USERS = 5000
CALLS = 1_000_000
WRITABLE_USERS = 64
MENTION_FRAGMENT = "ka"
PERIOD_DAYS = 30


@dataclass(frozen=True, slots=True)
class BenchDatabase:
    path: Path
    seed_seconds: float | None  # None: taken from the cache

    @property
    def url(self) -> str:
        return f"sqlite+aiosqlite:///{self.path}"


def code_fingerprint() -> str:
    """Changes when the seed or the migrations change, so the cache is rebuilt."""
    digest = hashlib.sha256()
    for folder in ("db/seed", "db/migrations/versions"):
        for path in sorted((ROOT / folder).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def roster(*args: str, url: str) -> str:
    env = {**os.environ, "ROSTER_DATABASE_URL": url}
    completed = subprocess.run(
        [str(ROSTER), *args], env=env, check=True, capture_output=True, text=True
    )
    return completed.stdout.strip()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def seeded_database(users: int = USERS, calls: int = CALLS) -> BenchDatabase:
    """The cached seeded database, built with `roster db upgrade` + `roster seed` if missing."""
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"seed-{users}-{calls}-{code_fingerprint()}.db"
    if cached.exists():
        return BenchDatabase(cached, None)
    building = cached.with_suffix(".building")
    _remove(building)
    url = f"sqlite+aiosqlite:///{building}"
    started = time.perf_counter()
    roster("db", "upgrade", url=url)
    print(f"  seeding {users:,} users and {calls:,} calls (once; cached in .bench/)", flush=True)
    print("  " + roster("seed", "--demo", "--users", str(users), "--calls", str(calls), url=url))
    seconds = time.perf_counter() - started
    # Fold the WAL into the file so that one file is the whole database.
    with sqlite3.connect(building) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    building.rename(cached)
    _remove(building)
    return BenchDatabase(cached, seconds)


def working_copy(seeded: BenchDatabase) -> BenchDatabase:
    """A fresh copy for this run: the write path changes the database."""
    copy = CACHE / "run.db"
    _remove(copy)
    shutil.copyfile(seeded.path, copy)
    return BenchDatabase(copy, seeded.seed_seconds)


def bench_inputs(database: BenchDatabase) -> BenchInputs:
    with sqlite3.connect(database.path) as connection:
        tenant_id, zone = connection.execute(
            "SELECT id, time_zone FROM tenants WHERE slug = 'acme'"
        ).fetchone()
        (last_call,) = connection.execute(
            "SELECT max(started_at) FROM calls WHERE tenant_id = ?", (tenant_id,)
        ).fetchone()
        # The 30 local days up to the midnight after the last call, as a frontend asks.
        local = datetime.fromisoformat(last_call).replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
        end = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        start = end - timedelta(days=PERIOD_DAYS)
        bounds = (
            start.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
            end.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
        )
        (seats,) = connection.execute(
            "SELECT count(*) FROM seats WHERE tenant_id = ?", (tenant_id,)
        ).fetchone()
        (active,) = connection.execute(
            "SELECT count(*) FROM users WHERE tenant_id = ? AND status = 'ACTIVE'", (tenant_id,)
        ).fetchone()
        (deactivated_with_calls,) = connection.execute(
            "SELECT count(DISTINCT calls.user_id) FROM calls "
            "JOIN users ON users.id = calls.user_id "
            "WHERE calls.tenant_id = ? AND users.status = 'DEACTIVATED' "
            "AND calls.started_at >= ? AND calls.started_at < ?",
            (tenant_id, *bounds),
        ).fetchone()
        writable = connection.execute(
            "SELECT id FROM users WHERE tenant_id = ? AND status = 'ACTIVE' AND role = 'MEMBER' "
            "AND id NOT IN (SELECT target_user_id FROM incoming_call_rules "
            "WHERE target_user_id IS NOT NULL) ORDER BY id LIMIT ?",
            (tenant_id, WRITABLE_USERS),
        ).fetchall()
    return BenchInputs(
        start=start.isoformat(),
        end=end.isoformat(),
        mention_fragment=MENTION_FRAGMENT,
        seats=seats,
        report_rows=active + deactivated_with_calls,
        dashboard_users=active,
        writable_user_ids=[to_global_id("User", pk) for (pk,) in writable],
    )
