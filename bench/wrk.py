"""Driving wrk: one run of a list of requests at fixed concurrency, read back as figures."""

import json
import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.operations import HttpRequest

SCRIPT = Path(__file__).with_name("requests.lua")
CONNECTIONS = 4


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    seconds: float
    connections: int
    mean_ms: float
    p50_ms: float
    p99_ms: float
    failures: int

    @property
    def requests_per_second(self) -> float:
        """Throughput as Little's law gives it for a closed loop: connections / mean latency.

        Counting completions in the window says the same for fast requests, but when a
        request takes seconds a 12 s window holds one per connection, whatever its speed."""
        return self.connections / (self.mean_ms / 1000)

    @property
    def counted_per_second(self) -> float:
        return self.requests / self.seconds


def _request_file(requests: list[HttpRequest], folder: Path) -> Path:
    path = folder / "requests.tsv"
    lines = []
    for request in requests:
        body = request.body.decode() if request.body else ""
        if "\n" in body or "\t" in body:
            raise ValueError("bodies are compact JSON, one line each")
        lines.append(f"{request.method}\t{request.path}\t{body}")
    path.write_text("\n".join(lines) + "\n")
    return path


def run_wrk(
    base_url: str,
    requests: list[HttpRequest],
    *,
    token: str,
    seconds: float,
    connections: int = CONNECTIONS,
    timeout: float = 60.0,
) -> WrkResult:
    """wrk with one thread and ``connections`` connections, cycling through ``requests``."""
    with tempfile.TemporaryDirectory(prefix="roster-bench-") as folder:
        request_file = _request_file(requests, Path(folder))
        completed = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(1, math.ceil(seconds))}s",  # wrk takes whole seconds
                "--timeout",
                f"{math.ceil(timeout)}s",
                "-H",
                f"Authorization: Bearer {token}",
                "-H",
                "Content-Type: application/json",
                "-H",
                "Accept: application/json",
                "-s",
                str(SCRIPT),
                base_url,
                "--",
                str(request_file),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    return WrkResult(
        requests=summary["requests"],
        seconds=summary["duration_us"] / 1e6,
        connections=connections,
        mean_ms=summary["mean_us"] / 1e3,
        p50_ms=summary["p50_us"] / 1e3,
        p99_ms=summary["p99_us"] / 1e3,
        failures=summary["errors"] + summary["status_errors"] + summary["timeouts"],
    )
