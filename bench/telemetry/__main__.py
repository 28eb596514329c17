"""make bench-telemetry: the users page (100 users with their numbers and groups, bench/'s
users-page read) from one `roster serve` process per configuration (configurations.py),
all running at once over one copy of the bench database, timed in rounds of sequential
requests in a rotating order, so that drift and the machine's other load hit each alike.
Reports each configuration's median and p90 latency and server CPU per request, and their
ratios to the first configuration (no instrumentation).

    .venv/bin/python -m bench.telemetry [--rounds 8] [--requests 20]
"""

import argparse
import json
import os
import signal
import statistics
import sys
import time
from contextlib import ExitStack
from typing import Any

import httpx

from bench import documents
from bench.database import (
    ADMIN_EMAIL,
    CACHE,
    ROSTER,
    bench_inputs,
    roster,
    seeded_database,
    working_copy,
)
from bench.machine import load_average
from bench.operations import PAGE
from bench.servers import ROSTER_ENV, Server, cpu_seconds, free_port
from bench.telemetry.configurations import CONFIGURATIONS, Configuration

USERS = 500
CALLS = 20_000
ROUNDS = 8
REQUESTS = 20
WARMUP = 20


def _servers(database_url: str, sink: Server) -> list[tuple[Configuration, Server]]:
    servers = []
    for configuration in CONFIGURATIONS:
        port = free_port()
        env = {"ROSTER_DATABASE_URL": database_url, **ROSTER_ENV}
        env.update(configuration.environment(sink.url))
        command = [str(ROSTER), "serve", "--port", str(port), "--workers", "1"]
        servers.append(
            (configuration, Server(f"telemetry-{configuration.name}", command, port, env))
        )
    return servers


def _timed(client: httpx.Client, url: str, body: bytes, count: int) -> list[float]:
    seconds = []
    for _ in range(count):
        started = time.perf_counter()
        answer = client.post(url, content=body)
        seconds.append(time.perf_counter() - started)
        answer.raise_for_status()
    return seconds


def run(rounds: int, requests: int) -> dict[str, Any]:
    # The baseline must run with no OTEL_* variable, whatever the caller's shell has.
    for name in [name for name in os.environ if name.startswith("OTEL_")]:
        del os.environ[name]
    database = working_copy(seeded_database(users=USERS, calls=CALLS))
    token = roster("token", "create", "--email", ADMIN_EMAIL, url=database.url)
    inputs = bench_inputs(database)
    variables = {"first": PAGE, "after": None, "from": inputs.start, "to": inputs.end}
    body = json.dumps({"query": documents.USERS_PAGE, "variables": variables}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    sink_port = free_port()
    sink = Server(
        "otlp-sink",
        [sys.executable, "-m", "bench.telemetry.sink", "--port", str(sink_port)],
        sink_port,
        ready_path="/",
    )
    servers = _servers(database.url, sink)
    latencies: dict[str, list[float]] = {c.name: [] for c, _ in servers}
    cpu: dict[str, float] = {c.name: 0.0 for c, _ in servers}
    with ExitStack() as stack, httpx.Client(headers=headers, timeout=120) as client:
        for server in [sink, *(server for _, server in servers)]:
            stack.callback(server.stop)
            server.start()
        answers = []
        for _, server in servers:
            answer = client.post(f"{server.url}/graphql", content=body).json()
            assert "errors" not in answer and len(answer["data"]["users"]["edges"]) == PAGE, answer
            answers.append(answer)
            _timed(client, f"{server.url}/graphql", body, WARMUP)
        # The same page from every configuration: instrumentation changes nothing answered.
        assert all(answer == answers[0] for answer in answers), "configurations answer differently"
        for round_ in range(rounds):
            print(f"  round {round_ + 1} of {rounds} (load {load_average()})", flush=True)
            shift = round_ % len(servers)
            for configuration, server in servers[shift:] + servers[:shift]:
                before = cpu_seconds(server.pids)
                latencies[configuration.name] += _timed(
                    client, f"{server.url}/graphql", body, requests
                )
                cpu[configuration.name] += cpu_seconds(server.pids) - before
        time.sleep(6)  # past the batch processor's 5 s delay: the last spans are exported
        exports = int(httpx.get(sink.url + "/").text)
    total = rounds * requests
    rows = []
    baseline = CONFIGURATIONS[0].name
    base_median = statistics.median(latencies[baseline])
    base_cpu = cpu[baseline] / total
    for configuration, _ in servers:
        seconds = sorted(latencies[configuration.name])
        median = statistics.median(seconds)
        cpu_per_request = cpu[configuration.name] / total
        rows.append(
            {
                "configuration": configuration.name,
                "title": configuration.title,
                "median_ms": round(median * 1000, 2),
                "p90_ms": round(seconds[int(len(seconds) * 0.9)] * 1000, 2),
                "cpu_ms_per_request": round(cpu_per_request * 1000, 2),
                "median_ratio": round(median / base_median, 3),
                "cpu_ratio": round(cpu_per_request / base_cpu, 3),
            }
        )
    return {"requests_each": total, "otlp_exports_received": exports, "rows": rows}


def table(results: dict[str, Any]) -> str:
    lines = [
        "| configuration | median ms | p90 ms | server CPU ms / request | median ratio "
        "| CPU ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in results["rows"]:
        lines.append(
            f"| {row['configuration']}: {row['title']} | {row['median_ms']} | {row['p90_ms']} "
            f"| {row['cpu_ms_per_request']} | {row['median_ratio']} | {row['cpu_ratio']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    # As SystemExit, a TERM unwinds the stage: the server processes it started are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument(
        "--requests", type=int, default=REQUESTS, help="per round and configuration"
    )
    options = parser.parse_args(argv)
    load_before = load_average()
    print("telemetry: the users page (100 users) with and without instrumentation", flush=True)
    results = run(options.rounds, options.requests)
    results["load_average"] = {"before": load_before, "after": load_average()}
    CACHE.mkdir(exist_ok=True)
    (CACHE / "telemetry.json").write_text(json.dumps(results, indent=2))
    print(table(results))
    print(f"  {results['otlp_exports_received']} OTLP exports received by the sink")


if __name__ == "__main__":
    main()
