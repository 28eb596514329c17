"""``make bench``'s PostgreSQL stage: the dashboard and the report at 1M and 10M calls,
roster against the raw-scan baseline on the same database, and the ingestion figure.

    python -m bench --only-postgres --postgres-sizes 1m     # this stage alone, 1M only
"""

from contextlib import ExitStack
from dataclasses import dataclass, field

from bench.check import check_same_data
from bench.database import ADMIN_EMAIL, CACHE, roster
from bench.ingest import IngestFigures, measure_ingestion
from bench.machine import load_average
from bench.operations import RAW, ROSTER
from bench.postgres_database import (
    SIZES,
    PostgresDatabase,
    seeded_postgres,
    server_url,
    unreachable_reason,
)
from bench.postgres_operations import analytics_operations
from bench.results import OperationResults
from bench.servers import baseline_server, roster_server
from bench.timing import running, time_operations

# A raw scan over 10M calls takes tens of seconds per request: one connection (the time of
# one request, not of four queued behind each other), runs of up to 40 s.
MAX_RUN_SECONDS = 40.0
REQUEST_TIMEOUT_SECONDS = 300.0
CONNECTIONS = 1


@dataclass
class PostgresStage:
    server: str
    skipped: str | None = None
    databases: list[PostgresDatabase] = field(default_factory=list)
    results: list[OperationResults] = field(default_factory=list)
    ingestion: IngestFigures | None = None
    load: tuple[str, str] = ("", "")


def run_postgres_stage(
    sizes: list[str], *, repetitions: int, seconds: float, warmup: float, ingest: bool = True
) -> PostgresStage:
    server = server_url()
    stage = PostgresStage(server)
    print("PostgreSQL stage", flush=True)
    stage.skipped = unreachable_reason(server)
    if stage.skipped is not None:
        print(f"  skipped: {stage.skipped}", flush=True)
        return stage
    unknown = sorted(set(sizes) - set(SIZES))
    if unknown:
        raise ValueError(f"unknown sizes {unknown}; known: {sorted(SIZES)}")
    CACHE.mkdir(exist_ok=True)  # the servers' logs
    stage.databases = [seeded_postgres(server, label) for label in sizes]
    before = load_average()
    for database in stage.databases:
        stage.results += _time_database(database, repetitions, seconds, warmup)
    stage.load = (before, load_average())
    if ingest:
        print("ingestion (a scratch database)", flush=True)
        stage.ingestion = measure_ingestion(server, log=lambda line: print(line, flush=True))
    return stage


def _time_database(
    database: PostgresDatabase, repetitions: int, seconds: float, warmup: float
) -> list[OperationResults]:
    print(f"  {database.calls:,} calls", flush=True)
    token = roster("token", "create", "--email", ADMIN_EMAIL, url=database.url)
    operations = analytics_operations(database)
    servers = [
        roster_server(database.url),
        baseline_server(RAW, "bench.raw_server", database.url),
    ]
    with ExitStack() as stack:
        by_name = stack.enter_context(running(servers))
        targets = {name: server.target for name, server in by_name.items()}
        urls = {name: target.url for name, target in targets.items()}
        slowest = {}
        for operation in operations:
            slowest[operation.name] = check_same_data(operation, urls, token)
            print(f"    {operation.name}: {ROSTER} and {RAW} agree", flush=True)
        return time_operations(
            operations,
            targets,
            slowest,
            token,
            repetitions=repetitions,
            seconds=seconds,
            warmup=warmup,
            max_run_seconds=MAX_RUN_SECONDS,
            timeout=REQUEST_TIMEOUT_SECONDS,
            connections=CONNECTIONS,
        )
