"""``make bench``: build the database once, start every variant, check, time, report."""

import argparse
import dataclasses
import signal
import sys
import time
from contextlib import ExitStack

from bench import documents
from bench.check import Mismatch, check_same_data, fetch
from bench.database import ADMIN_EMAIL, bench_inputs, roster, seeded_database, working_copy
from bench.machine import load_average, machine
from bench.operations import (
    NAIVE,
    RAW,
    ROSTER,
    ROUTER,
    Operation,
    graphql,
    read_operations,
    write_operation,
)
from bench.postgres_database import SIZES
from bench.postgres_report import write_postgres_report
from bench.postgres_stage import CONNECTIONS as POSTGRES_CONNECTIONS
from bench.postgres_stage import MAX_RUN_SECONDS as POSTGRES_MAX_RUN_SECONDS
from bench.postgres_stage import run_postgres_stage
from bench.report import write_report
from bench.router import router_missing_reason, running_router
from bench.servers import Server, baseline_server, roster_server, wait_idle
from bench.subscriptions import main as subscriptions_stage
from bench.timing import MAX_RUN_SECONDS, running, time_operations
from bench.wrk import run_wrk

RSS_CHECKPOINTS = (1_000, 10_000)


def user_cursors(url: str, token: str, pages: int) -> list[str | None]:
    """The `after` of each page of 100 users, as roster gives them out."""
    query = "query ($after: String) { users(first: 100, after: $after) { pageInfo { endCursor } } }"
    cursors: list[str | None] = [None]
    while len(cursors) < pages:
        answer = fetch(url, graphql(query, {"after": cursors[-1]}), token)
        cursors.append(answer["data"]["users"]["pageInfo"]["endCursor"])
    return cursors


def check_write(operation: Operation, url: str, token: str) -> float:
    """The write path works: both halves change the user and report no error."""
    started = time.perf_counter()
    answer = fetch(url, operation.requests[ROSTER][0], token)["data"]
    for half in ("deactivate", "activate"):
        if not answer[half]["changed"] or answer[half]["userErrors"]:
            raise Mismatch(f"{operation.name}: {half} answered {answer[half]}")
    return time.perf_counter() - started


def rss_operation(reads: list[Operation]) -> Operation:
    """Every field of the users page once in ten requests, mention suggestions between."""
    by_name = {operation.name: operation for operation in reads}
    users, mentions = by_name["users-10"], by_name["mention-suggestions"]
    return Operation(
        "rss",
        "the users page (first: 10), then 9 mention suggestions, in turn",
        10,
        {ROSTER: users.requests[ROSTER] + mentions.requests[ROSTER] * 9},
    )


def measure_rss(server: Server, operation: Operation, token: str) -> dict[str, float]:
    """RSS once 1,000 and once 10,000 requests of ``operation`` were answered, from a fresh
    start (wrk runs in short chunks, so each figure is taken a little past its mark)."""
    rss: dict[str, float] = {}
    done = 0
    for checkpoint in RSS_CHECKPOINTS:
        while done < checkpoint:
            chunk = run_wrk(server.url, operation.requests[ROSTER], token=token, seconds=4)
            wait_idle(server.target)
            done += chunk.requests
        rss[f"after_{checkpoint}"] = server.rss_mib()
        rss[f"requests_at_{checkpoint}"] = done
    return rss


def _stop_on_sigterm() -> None:
    # As SystemExit, a TERM unwinds the ExitStack: every server started here is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def main() -> None:
    _stop_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0, help="least measured seconds a run")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds first")
    parser.add_argument("--only", nargs="*", help="operation names to run (default: all)")
    parser.add_argument("--no-router", action="store_true", help="leave the federation out")
    parser.add_argument("--no-report", action="store_true", help="print, write nothing to docs/")
    stages = parser.add_mutually_exclusive_group()
    stages.add_argument("--only-postgres", action="store_true", help="the PostgreSQL stage alone")
    stages.add_argument("--no-postgres", action="store_true", help="leave the PostgreSQL stage out")
    parser.add_argument(
        "--postgres-sizes",
        nargs="+",
        choices=sorted(SIZES),
        default=list(SIZES),
        help="the PostgreSQL databases to time (calls: 1m, 10m)",
    )
    parser.add_argument("--postgres-repetitions", type=int, default=2)
    parser.add_argument("--no-ingest", action="store_true", help="leave the ingestion figure out")
    parser.add_argument(
        "--no-subscriptions", action="store_true", help="leave the subscriptions stage out"
    )
    options = parser.parse_args()
    if not options.only_postgres:
        sqlite_stage(options)
    if not options.no_postgres:
        started = time.perf_counter()
        stage = run_postgres_stage(
            options.postgres_sizes,
            repetitions=options.postgres_repetitions,
            seconds=options.seconds,
            warmup=options.warmup,
            ingest=not options.no_ingest,
        )
        total = time.perf_counter() - started
        print(f"PostgreSQL stage done in {total:.0f}s")
        if not options.no_report:
            write_postgres_report(
                stage,
                machine=machine(),
                total_seconds=total,
                settings={
                    "repetitions": options.postgres_repetitions,
                    "seconds": options.seconds,
                    "warmup": options.warmup,
                    "max_run_seconds": POSTGRES_MAX_RUN_SECONDS,
                    "connections": POSTGRES_CONNECTIONS,
                },
            )

    if not options.only_postgres and not options.no_subscriptions:
        subscriptions_stage(["--no-report"] if options.no_report else [])


def sqlite_stage(options: argparse.Namespace) -> None:
    """roster, raw and naive over the cached SQLite database; docs/benchmarks.md's table."""
    started = time.perf_counter()
    print("benchmark database", flush=True)
    seeded = seeded_database()
    database = working_copy(seeded)
    token = roster("token", "create", "--email", ADMIN_EMAIL, url=database.url)
    inputs = bench_inputs(database)
    router_note = "left out (--no-router)" if options.no_router else router_missing_reason()

    servers = [
        roster_server(database.url),
        baseline_server(RAW, "bench.raw_server", database.url),
        baseline_server(NAIVE, "bench.naive_server", database.url),
    ]
    with ExitStack() as stack:
        by_name = stack.enter_context(running(servers))
        targets = {name: server.target for name, server in by_name.items()}
        if router_note is None:
            print("federation router (five subgraph processes and Hive Gateway)", flush=True)
            targets[ROUTER] = stack.enter_context(running_router(database.url))
        urls = {name: target.url for name, target in targets.items()}
        inputs = dataclasses.replace(inputs, user_cursors=user_cursors(urls[ROSTER], token, 10))
        reads = read_operations(inputs, with_router=ROUTER in targets)
        operations = [*reads, write_operation(inputs)]
        if options.only:
            operations = [operation for operation in operations if operation.name in options.only]

        print("same data check", flush=True)
        slowest = {}
        for operation in operations:
            if operation.write:
                slowest[operation.name] = check_write(operation, urls[ROSTER], token)
                print(f"  {operation.name}: both halves change the user", flush=True)
            else:
                slowest[operation.name] = check_same_data(operation, urls, token)
                print(f"  {operation.name}: {', '.join(operation.variants)} agree", flush=True)

        rss_workload = rss_operation(reads)
        print(f"roster RSS over {RSS_CHECKPOINTS[-1]:,} requests ({rss_workload.title})")
        rss = measure_rss(by_name[ROSTER], rss_workload, token)
        print(
            "  "
            + ", ".join(
                f"{rss[f'after_{mark}']:.1f} MiB after {rss[f'requests_at_{mark}']:,.0f}"
                for mark in RSS_CHECKPOINTS
            )
        )

        load_before = load_average()
        print(f"timing (load {load_before})", flush=True)
        results = time_operations(
            operations,
            targets,
            slowest,
            token,
            repetitions=options.repetitions,
            seconds=options.seconds,
            warmup=options.warmup,
        )
        load_after = load_average()

    total = time.perf_counter() - started
    for result in results:
        raw, naive = result.ratio(RAW), result.ratio(NAIVE)
        shown = [
            f"roster/raw {raw:.2f}" if raw else "",
            f"roster/naive {naive:.1f}" if naive else "",
        ]
        print(f"  {result.operation.name:<22} {'  '.join(part for part in shown if part)}")
    print(f"done in {total:.0f}s")
    if not options.no_report:
        write_report(
            results,
            machine=machine(),
            rss=rss,
            rss_workload=rss_workload.title,
            router_note=router_note,
            seed_seconds=seeded.seed_seconds,
            total_seconds=total,
            load=(load_before, load_after),
            settings={
                "repetitions": options.repetitions,
                "seconds": options.seconds,
                "warmup": options.warmup,
                "max_run_seconds": MAX_RUN_SECONDS,
            },
            documents={
                "seat map": documents.SEAT_MAP,
                "users page": documents.USERS_PAGE,
                "mention suggestions": documents.MENTION_SUGGESTIONS,
                "dashboard": documents.DASHBOARD,
                "call center report": documents.CALL_CENTER_REPORT,
                "write path": documents.DEACTIVATE_ACTIVATE,
            },
        )
