"""What a three-subgraph operation costs through the router, against the embedded graph.

    .venv/bin/python bench/federation_ratio.py              # 300 requests each
    .venv/bin/python bench/federation_ratio.py --requests 500 --users 200

Starts the federated topology of the end-to-end tests (five `roster serve --subgraph`
processes, the embedded `roster serve`, Hive Gateway) over one demo-seeded SQLite file,
then sends the same operation to the router and to the embedded /graphql, interleaved
(the order flips every round), one at a time over keep-alive connections, and prints
the median latencies and their ratio. Everything it starts, it stops.
"""

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlmodel import SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from db.seed import seed_demo
from gateway.commands.tokens import create_token_for
from tests.federation.subgraph_span import subgraphs_needed
from tests.federation.topology import federated_roster, node_missing_reason

# callCenter's seat map, admin's names and login answer, analytics' mention answer.
OPERATION = """
query SeatMap {
  seatMap {
    label
    occupant { displayName mentionable inDashboardByUser canLogIn(product: CALL_CENTER) }
  }
}
"""


async def seed(url: str, users: int, calls: int) -> str:
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        await seed_demo(database, users=users, calls=calls)
    finally:
        await database.dispose()
    return await create_token_for(url, email="admin@acme.example", tenant="acme")


def timed(client: httpx.Client, url: str, body: dict[str, str]) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.post(url, json=body)
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return elapsed, response.content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="measured requests per path")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured requests per path")
    parser.add_argument("--users", type=int, default=60, help="acme's users in the demo seed")
    parser.add_argument("--calls", type=int, default=1000, help="acme's calls in the demo seed")
    args = parser.parse_args()
    reason = node_missing_reason()
    if reason is not None:
        sys.exit(reason)

    with tempfile.TemporaryDirectory(prefix="roster-federation-bench-") as scratch:
        workdir = Path(scratch)
        url = f"sqlite+aiosqlite:///{workdir}/roster.db"
        token = asyncio.run(seed(url, args.users, args.calls))
        headers = {"Authorization": f"Bearer {token}"}
        body = {"query": OPERATION}
        with federated_roster(url, workdir) as topology:
            spans = sorted(subgraphs_needed(topology.supergraph.read_text(), OPERATION))
            paths = {"router": topology.router_url, "embedded": topology.embedded_url}
            samples: dict[str, list[float]] = {name: [] for name in paths}
            with httpx.Client(headers=headers, timeout=30) as client:
                answers = {name: timed(client, target, body)[1] for name, target in paths.items()}
                if answers["router"] != answers["embedded"]:
                    sys.exit("the router and the embedded graph answered differently")
                for round_ in range(args.warmup + args.requests):
                    order = list(paths) if round_ % 2 == 0 else list(reversed(paths))
                    for name in order:
                        elapsed, _ = timed(client, paths[name], body)
                        if round_ >= args.warmup:
                            samples[name].append(elapsed)

    median = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    p90 = {name: statistics.quantiles(values, n=10)[-1] * 1000 for name, values in samples.items()}
    occupied = answers["embedded"].count(b'"displayName"')
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {platform.machine()}, {python}")
    print(f"operation: seatMap, {occupied} occupied seats; subgraphs: {', '.join(spans)}")
    print(f"requests: {args.requests} per path after {args.warmup} warm-up, interleaved")
    for name in paths:
        print(f"  {name:<9} median {median[name]:7.2f} ms   p90 {p90[name]:7.2f} ms")
    print(f"router / embedded (medians): {median['router'] / median['embedded']:.2f}x")


if __name__ == "__main__":
    main()
