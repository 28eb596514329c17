"""roster as a federated graph, in processes: the five subgraphs, the embedded graph and
Hive Gateway, each on a free loopback port, over one database. Every process is started
here and stopped here, by its pid.

Used by the router end-to-end test and by ``bench/federation_ratio.py``.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from gateway.commands.schema_compose import (
    FEDERATION_DIR,
    SubgraphSource,
    compose,
    node_modules_ready,
    roster_subgraphs,
)
from gateway.commands.schema_export import REPO_ROOT
from schemas.subgraph import SUBGRAPHS

HIVE_GATEWAY = FEDERATION_DIR / "node_modules" / "@graphql-hive" / "gateway" / "dist" / "bin.js"
QUEUE_SERVICE = Path(__file__).parent / "queue_service"
START_SECONDS = 90.0


def node_missing_reason() -> str | None:
    """Why the federation tests cannot run here, or None when they can."""
    if shutil.which("node") is None:
        return "Node.js is not installed: the router and the composers are npm packages"
    return None


def require_node_modules() -> None:
    """Node.js is here but federation/'s packages are not: that is a setup error, not a skip."""
    if not node_modules_ready():
        raise RuntimeError(
            f"federation/node_modules is missing: run `npm ci --prefix {FEDERATION_DIR}` "
            "(make test does)"
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Process:
    """A child process whose output goes to a log file, read back when it fails."""

    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    def output(self, tail: int = 4000) -> str:
        """The last ``tail`` characters it printed (0: all of it)."""
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-tail:]

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)
        self.log.close()

    def wait_until_ready(self, url: str, timeout: float = START_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.popen.returncode}:\n{self.output()}"
                )
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name} did not answer {url} within {timeout:g} s:\n{self.output()}"
        )


def start(name: str, command: list[str], *, env: dict[str, str], cwd: Path, logs: Path) -> Process:
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{name}.log"
    log = log_path.open("wb")
    popen = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    return Process(name, popen, log_path, log)


def roster_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gateway.cli", "serve", "--host", "127.0.0.1", *args]


def router_command(supergraph: Path, port: int) -> list[str]:
    """Hive Gateway serving ``supergraph`` on ``port``; run it in FEDERATION_DIR, whose
    gateway.config.mjs sends ROSTER_SUBGRAPH_SECRET to roster's subgraphs."""
    node = shutil.which("node")
    assert node is not None
    return [
        node,
        str(HIVE_GATEWAY),
        "supergraph",
        str(supergraph),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


@dataclass
class Topology:
    """Where everything listens once started."""

    router_url: str
    subgraph_secret: str
    embedded_url: str
    supergraph: Path
    subgraph_urls: dict[str, str]
    product_urls: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)


@contextmanager
def federated_roster(
    database_url: str,
    workdir: Path,
    *,
    subgraph_secret: str = "router-only",
    call_queues: list[dict[str, Any]] | None = None,
    settings: dict[str, str] | None = None,
) -> Iterator[Topology]:
    """Start the five subgraphs, the embedded graph and the router (plus the call-queue
    product service when ``call_queues`` is given) over ``database_url``, with ``settings``
    (ROSTER_... or the router's variables) in every environment; stop them all on exit,
    whatever happened."""
    require_node_modules()
    node = shutil.which("node")
    assert node is not None
    env = {
        **os.environ,
        "ROSTER_DATABASE_URL": database_url,
        "ROSTER_SUBGRAPH_SECRET": subgraph_secret,
        "ROSTER_ENV": "development",
        **(settings or {}),
    }
    env.pop("ROSTER_SERVE_SUBGRAPH", None)
    logs = workdir / "logs"
    with ExitStack() as stack:
        processes: list[Process] = []

        def launch(name: str, command: list[str], cwd: Path = REPO_ROOT) -> Process:
            process = start(name, command, env=env, cwd=cwd, logs=logs)
            processes.append(process)
            stack.callback(process.stop)
            return process

        ports = {name: free_port() for name in SUBGRAPHS}
        waiting = [
            (launch(name, roster_command("--subgraph", name, "--port", str(port))), port)
            for name, port in ports.items()
        ]
        embedded_port = free_port()
        waiting.append(
            (launch("embedded", roster_command("--port", str(embedded_port))), embedded_port)
        )

        sources = roster_subgraphs(
            {name: f"http://127.0.0.1:{port}/graphql" for name, port in ports.items()}
        )
        product_urls: dict[str, str] = {}
        if call_queues is not None:
            queue_port = free_port()
            data = workdir / "call-queues.json"
            data.write_text(json.dumps(call_queues))
            queue = launch(
                "callQueues",
                [
                    node,
                    str(QUEUE_SERVICE / "server.mjs"),
                    "--port",
                    str(queue_port),
                    "--data",
                    str(data),
                ],
            )
            waiting.append((queue, queue_port))
            product_urls["callQueues"] = f"http://127.0.0.1:{queue_port}/graphql"
            sources.append(
                SubgraphSource(
                    "callQueues", product_urls["callQueues"], QUEUE_SERVICE / "schema.graphql"
                )
            )

        supergraph = workdir / "supergraph.graphql"
        compose(sources, out=supergraph)
        for process, port in waiting:
            path = "/healthz" if process.name == "callQueues" else "/readyz"
            process.wait_until_ready(f"http://127.0.0.1:{port}{path}")

        router_port = free_port()
        router = launch("router", router_command(supergraph, router_port), cwd=FEDERATION_DIR)
        router.wait_until_ready(f"http://127.0.0.1:{router_port}/healthcheck")
        yield Topology(
            router_url=f"http://127.0.0.1:{router_port}/graphql",
            subgraph_secret=subgraph_secret,
            embedded_url=f"http://127.0.0.1:{embedded_port}/graphql",
            supergraph=supergraph,
            subgraph_urls={
                name: f"http://127.0.0.1:{port}/graphql" for name, port in ports.items()
            },
            product_urls=product_urls,
            processes=processes,
        )
