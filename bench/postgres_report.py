"""docs/benchmarks-postgres.json, and the PostgreSQL section of docs/benchmarks.md."""

import json
from datetime import UTC, datetime

from bench.ingest import SENDERS
from bench.operations import RAW, ROSTER
from bench.postgres_stage import PostgresStage
from bench.report import DOCS, cell
from bench.results import OperationResults

START = "<!-- bench:postgres:start (written by make bench; edit outside these marks) -->"
END = "<!-- bench:postgres:end -->"
HEADING = "## PostgreSQL: the dashboard and the report at 1,000,000 and 10,000,000 calls"
# Issue 16's targets: roster/raw at 30 days per size, and 10M's dashboard time over 1M's.
RATIO_TARGETS = {"10m": 20.0, "1m": 5.0}
GROWTH_LIMIT = 1.5
INGEST_TARGET = 20_000


def _by_name(results: list[OperationResults]) -> dict[str, OperationResults]:
    return {result.operation.name: result for result in results}


def table(results: list[OperationResults]) -> list[str]:
    lines = [
        f"| cell | items | {ROSTER} op/s (p50 / p99 ms) | {RAW} op/s (p50 / p99 ms) | roster/raw |",
        "| --- | --- | --- | --- | --- |",
    ]
    for result in results:
        ratio = result.ratio(RAW)
        lines.append(
            f"| {result.operation.title} | {result.operation.items:,} | {cell(result, ROSTER)} "
            f"| {cell(result, RAW)} | {'—' if ratio is None else f'{ratio:.2f}'} |"
        )
    return lines


def targets(stage: PostgresStage) -> list[str]:
    found = _by_name(stage.results)
    lines = []
    for label, target in RATIO_TARGETS.items():
        for name in ("dashboard", "call-center-report"):
            result = found.get(f"{name}-30d-{label}")
            if result is None or result.ratio(RAW) is None:
                continue
            ratio = result.ratio(RAW) or 0.0
            verdict = "**met**" if ratio >= target else "**missed**"
            lines.append(
                f"- {name} over 30 days at {label}: roster/raw ≥ {target:g}: "
                f"{verdict} ({ratio:.2f})"
            )
    for days in (30, 90):
        small, large = found.get(f"dashboard-{days}d-1m"), found.get(f"dashboard-{days}d-10m")
        if small is None or large is None:
            continue
        # Per-request time is 1 / rate: 10M's time over 1M's is 1M's rate over 10M's.
        growth = (
            small.summary(ROSTER)["operations_per_second"]
            / large.summary(ROSTER)["operations_per_second"]
        )
        verdict = "**met**" if growth <= GROWTH_LIMIT else "**missed**"
        lines.append(
            f"- roster's dashboard over {days} days at 10M within {GROWTH_LIMIT:g}x of its time "
            f"at 1M: {verdict} ({growth:.2f}x)"
        )
    ingestion = stage.ingestion
    if ingestion is not None:
        if ingestion.record_calls_per_second is None:
            lines.append(
                f"- recordCalls ≥ {INGEST_TARGET:,} calls/s: not measured ({ingestion.skipped})"
            )
        else:
            rate = ingestion.record_calls_per_second
            verdict = "**met**" if rate >= INGEST_TARGET else "**missed**"
            lines.append(f"- recordCalls ≥ {INGEST_TARGET:,} calls/s: {verdict} ({rate:,.0f})")
    return lines


def _seeds(stage: PostgresStage) -> str:
    parts = [
        f"{database.calls:,} calls "
        + (
            f"seeded in {database.seed_seconds:.0f} s this run"
            if database.seed_seconds is not None
            else "taken from the cache"
        )
        for database in stage.databases
    ]
    return "; ".join(parts)


def _ingestion(stage: PostgresStage) -> list[str]:
    ingestion = stage.ingestion
    if ingestion is None:
        return ["Ingestion: left out (--no-ingest)."]
    recorded = (
        f"not measured: {ingestion.skipped}"
        if ingestion.record_calls_per_second is None
        else f"{ingestion.record_calls_per_second:,.0f} calls/s"
    )
    return [
        f"Ingestion, {ingestion.calls:,} calls in batches of 1,000, {SENDERS} in flight at once "
        "(one roster worker), into a "
        "scratch database (1,000 users):",
        "",
        "| writer | calls/s |",
        "| --- | --- |",
        f"| `recordCalls` over HTTP (validation, idempotency, rollups by trigger) | {recorded} |",
        f"| one multi-row INSERT per batch, rollup trigger on | "
        f"{ingestion.insert_with_rollups_per_second:,.0f} |",
        f"| one multi-row INSERT per batch, rollup trigger dropped | "
        f"{ingestion.insert_without_rollups_per_second:,.0f} |",
    ]


def section(
    stage: PostgresStage,
    *,
    machine: dict[str, object],
    total_seconds: float,
    settings: dict[str, object],
    measured_at: str,
) -> list[str]:
    if stage.skipped is not None:
        return [START, f"Not measured {measured_at}: {stage.skipped}.", END]
    return [
        START,
        f"Measured {measured_at} by `make bench` (stage alone: `make bench-postgres`) in "
        f"{total_seconds / 60:.1f} minutes against the PostgreSQL server at "
        f"`{stage.server.split('@')[-1]}` on this machine ({machine['cpus']} CPUs, "
        f"{machine['cpu']}). Databases: 10,000 users and {_seeds(stage)}. Load average "
        f"{stage.load[0]} before timing, {stage.load[1]} after.",
        "",
        "Both servers read the same database; roster's documents are the SQLite stage's, "
        "the raw server's analytics are the raw scan over calls; answers were checked equal "
        f"before timing. Each figure is the median of {settings['repetitions']} repetitions, "
        f"wrk with {settings['connections']} connection (one request at a time: a raw scan "
        "at 10M calls takes tens of seconds), a run lasting at least the slowest request seen "
        f"and up to {settings['max_run_seconds']:g} s; op/s is connections / mean latency.",
        "",
        *table(stage.results),
        "",
        "Targets:",
        "",
        *targets(stage),
        "",
        *_ingestion(stage),
        "",
        END,
    ]


def write_postgres_report(
    stage: PostgresStage,
    *,
    machine: dict[str, object],
    total_seconds: float,
    settings: dict[str, object],
) -> None:
    measured_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    payload = {
        "measured_at": measured_at,
        "server": stage.server.split("@")[-1],
        "skipped": stage.skipped,
        "settings": settings,
        "load_average": {"before": stage.load[0], "after": stage.load[1]},
        "total_seconds": round(total_seconds, 1),
        "databases": [
            {"label": d.label, "calls": d.calls, "seed_seconds": d.seed_seconds}
            for d in stage.databases
        ],
        "operations": [result.as_json() for result in stage.results],
        "ingestion": None if stage.ingestion is None else stage.ingestion.as_json(),
    }
    DOCS.mkdir(exist_ok=True)
    (DOCS / "benchmarks-postgres.json").write_text(json.dumps(payload, indent=2) + "\n")
    generated = section(
        stage,
        machine=machine,
        total_seconds=total_seconds,
        settings=settings,
        measured_at=measured_at,
    )
    path = DOCS / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START not in text:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(before + "\n".join(generated) + after)
