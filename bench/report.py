"""docs/benchmarks.json, and the generated part of docs/benchmarks.md."""

import json
from datetime import UTC, datetime
from pathlib import Path

from bench.operations import NAIVE, RAW, ROSTER, ROUTER
from bench.plot import TARGET, plot_users
from bench.results import OperationResults

DOCS = Path(__file__).resolve().parent.parent / "docs"
START = "<!-- bench:results:start (written by make bench; edit outside these marks) -->"
END = "<!-- bench:results:end -->"
NAIVE_TARGET = 20
RSS_GROWTH_LIMIT = 0.10


def _figure(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def cell(result: OperationResults, variant: str) -> str:
    if variant not in result.runs:
        return "—"
    summary = result.summary(variant)
    return (
        f"{summary['operations_per_second']:,.1f} "
        f"({summary['p50_ms']:,.1f} / {summary['p99_ms']:,.1f})"
    )


def _table(results: list[OperationResults]) -> list[str]:
    variants = [ROSTER, RAW, NAIVE] + ([ROUTER] if any(ROUTER in r.runs for r in results) else [])
    header = (
        "| operation | items | "
        + " | ".join(f"{variant} op/s (p50 / p99 ms)" for variant in variants)
        + " | roster/raw | roster/naive |"
    )
    lines = [header, "|" + " --- |" * (len(variants) + 4)]
    for result in results:
        raw, naive = result.ratio(RAW), result.ratio(NAIVE)
        lines.append(
            f"| {result.operation.title} | {result.operation.items:,} | "
            + " | ".join(cell(result, variant) for variant in variants)
            + f" | {'—' if raw is None else f'{raw:.2f}'}"
            + f" | {'—' if naive is None else f'{naive:.1f}'} |"
        )
    return lines


def _targets(results: list[OperationResults], rss: dict[str, float]) -> list[str]:
    lines = []
    reads = [result for result in results if result.ratio(RAW) is not None]
    missed = [r for r in reads if (r.ratio(RAW) or 0) < TARGET]
    lines.append(
        f"- roster/raw ≥ {TARGET:g} for every read: "
        + (
            "**met**"
            if not missed
            else "**missed** by "
            + ", ".join(f"{r.operation.name} ({r.ratio(RAW):.2f})" for r in missed)
        )
    )
    thousand = next((r for r in results if r.operation.name == "users-1000"), None)
    if thousand is not None and thousand.ratio(NAIVE) is not None:
        ratio = thousand.ratio(NAIVE) or 0
        verdict = "**met**" if ratio >= NAIVE_TARGET else "**missed**"
        lines.append(f"- roster/naive ≥ {NAIVE_TARGET} at 1000 users: {verdict} ({ratio:.1f})")
    first, last = rss["after_1000"], rss["after_10000"]
    growth = (last - first) / first
    verdict = "**met**" if growth <= RSS_GROWTH_LIMIT else "**missed**"
    lines.append(
        f"- roster's RSS after 10,000 requests within 10% of after 1,000: {verdict} "
        f"({first:.1f} MiB after {rss['requests_at_1000']:,.0f} requests, {last:.1f} MiB "
        f"after {rss['requests_at_10000']:,.0f}: {growth:+.1%})"
    )
    return lines


def write_report(
    results: list[OperationResults],
    *,
    machine: dict[str, object],
    rss: dict[str, float],
    rss_workload: str,
    router_note: str | None,
    seed_seconds: float | None,
    total_seconds: float,
    load: tuple[str, str],
    settings: dict[str, object],
    documents: dict[str, str],
) -> None:
    DOCS.mkdir(exist_ok=True)
    measured_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    plotted = plot_users(results, DOCS / "benchmarks-users.png")
    payload = {
        "measured_at": measured_at,
        "machine": machine,
        "load_average": {"before": load[0], "after": load[1]},
        "settings": settings,
        "seed_seconds": seed_seconds,
        "total_seconds": round(total_seconds, 1),
        "rss_mib": {"workload": rss_workload, **rss},
        "router": router_note or "measured",
        "documents": documents,
        "operations": [result.as_json() for result in results],
    }
    (DOCS / "benchmarks.json").write_text(json.dumps(payload, indent=2) + "\n")

    libraries = machine["libraries"]
    assert isinstance(libraries, dict)
    seed = (
        f"seeded in {seed_seconds:.0f} s this run"
        if seed_seconds is not None
        else "taken from the .bench/ cache"
    )
    generated = [
        START,
        f"Measured {measured_at} by `make bench` in {total_seconds / 60:.1f} minutes "
        f"(database {seed}). Machine: {machine['cpus']} CPUs ({machine['cpu']}), "
        f"{machine['system']}, Python {machine['python']}, SQLite {machine['sqlite']}, "
        f"{machine['wrk']}. Load average (1, 5, 15 min) {load[0]} before timing, "
        f"{load[1]} after (the benchmark's own server, database threads and wrk keep about "
        "2 busy).",
        "",
        "Libraries: " + ", ".join(f"{name} {version}" for name, version in libraries.items()) + ".",
        "",
        f"Each figure is the median of {settings['repetitions']} repetitions. A run is wrk "
        "with one thread and 4 connections for at least "
        f"{settings['seconds']:g} s (after {settings['warmup']:g} s of warm-up), longer for "
        "slow operations (each connection sees one of the slowest request, up to "
        f"{settings['max_run_seconds']:g} s; docs/benchmarks.json has every run). The variants "
        "of an operation run back to back, in an order that rotates between repetitions, and "
        "each run starts once the previous one's abandoned requests are done. op/s is "
        "4 connections / mean latency (Little's law for a closed loop: counting completions "
        "misleads when a request takes seconds), in whole operations (the 1000-user list is "
        "10 requests); p50 and p99 are per request. "
        "Ratios are the median of each repetition's side-by-side ratio.",
        "",
        *_table(results),
        "",
        "Targets:",
        "",
        *_targets(results, rss),
        "",
        f"RSS of a fresh roster process, over requests of: {rss_workload}.",
        "",
        "Seat map through the federation router: "
        + ("measured (column router)." if router_note is None else f"not measured: {router_note}."),
        "",
    ]
    if plotted:
        generated += ["![roster/raw against list size](benchmarks-users.png)", ""]
    generated.append(END)
    path = DOCS / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n\n" + START + "\n" + END + "\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(before + "\n".join(generated) + after)
