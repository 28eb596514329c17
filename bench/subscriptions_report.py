"""docs/benchmarks-subscriptions.json, and the subscriptions section of docs/benchmarks.md."""

import json
from datetime import UTC, datetime
from typing import Any

from bench.report import DOCS

START = "<!-- bench:subscriptions:start (written by make bench; edit outside these marks) -->"
END = "<!-- bench:subscriptions:end -->"
HEADING = "## Subscriptions: from a change's commit to its notice at each open subscription"


def _ratio(measured: float, baseline: float) -> str:
    return "—" if baseline <= 0 else f"{measured / baseline:.1f}"


def _table(rows: list[dict[str, Any]], baseline_name: str) -> list[str]:
    lines = [
        f"| open subscriptions | roster p50 / p99 ms | {baseline_name} p50 / p99 ms "
        "| p50 ratio | p99 ratio |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        roster, baseline = row["roster"], row["baseline"]
        lines.append(
            f"| {row['subscriptions']:,} | {roster['p50_ms']:.2f} / {roster['p99_ms']:.2f} "
            f"| {baseline['p50_ms']:.2f} / {baseline['p99_ms']:.2f} "
            f"| {_ratio(roster['p50_ms'], baseline['p50_ms'])} "
            f"| {_ratio(roster['p99_ms'], baseline['p99_ms'])} |"
        )
    return lines


def section(results: dict[str, Any], *, machine: dict[str, object], measured_at: str) -> list[str]:
    load = results["load_average"]
    lines = [
        START,
        "",
        f"Measured {measured_at} on {machine.get('cpus')} CPU(s) ({machine.get('cpu')}), "
        f"Python {machine.get('python')}; load average {load['before']} before, "
        f"{load['after']} after ({results['total_seconds']:.0f} s in all). "
        f"{results['changes']} status changes per row, each reaching every open "
        "subscription: one sample per (subscription, change).",
        "",
        "Embedded (SQLite, one process, the in-process bus); baseline: the same number of "
        "plain `asyncio.Queue`s, one `put_nowait` each:",
        "",
        *_table(results["embedded"], "queue hop"),
        "",
    ]
    if results.get("postgres"):
        lines += [
            "Across processes on PostgreSQL (the changes committed by a writer process, the "
            "subscriptions held by another on the LISTEN/NOTIFY bus); baseline: `pg_notify` "
            "on one plain asyncpg connection heard on another and put into as many plain "
            "queues:",
            "",
            *_table(results["postgres"], "raw NOTIFY"),
            "",
        ]
    else:
        lines += [f"Across processes on PostgreSQL: skipped ({results['postgres_skipped']}).", ""]
    lines += [
        f"Memory per open subscription at the bus: "
        f"**{results['memory_bytes_per_subscription']:,} bytes** (RSS added by "
        f"{results['memory_subscriptions']:,} open subscriptions, each with the task that "
        "reads it, divided by their number).",
        "",
        END,
    ]
    return lines


def write_subscriptions_report(results: dict[str, Any], *, machine: dict[str, object]) -> None:
    measured_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    DOCS.mkdir(exist_ok=True)
    payload = {"measured_at": measured_at, **results}
    (DOCS / "benchmarks-subscriptions.json").write_text(json.dumps(payload, indent=2) + "\n")
    path = DOCS / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START not in text:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(
        before + "\n".join(section(results, machine=machine, measured_at=measured_at)) + after
    )
