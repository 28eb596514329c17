"""make soak: a bounded mixed load on two uvicorn workers over PostgreSQL, recorded in docs/.

A throwaway database is created, migrated (``roster db upgrade``), seeded
(``roster seed --demo``) and dropped at the end. ``roster serve --workers 2``
serves it; bench/soak_load.py, a separate process, sends the load at a fixed
concurrency. Reported: errors (target 0), p50/p99 latency, and each worker's
resident memory after the warm-up and at the end (target: flat within 10%).

Settings (environment):
  ROSTER_SOAK_SECONDS       measured duration (default 180)
  ROSTER_SOAK_WARMUP        warm-up before measuring, in seconds (default 20)
  ROSTER_SOAK_CONCURRENCY   client workers, each one request at a time (default 16)
  ROSTER_SOAK_POSTGRES_URL  the server to create the database on (default:
                            ROSTER_TEST_POSTGRES_URL, else postgres@127.0.0.1:5432)
"""

import asyncio
import json
import os
import platform
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REPORT = ROOT / "docs" / "reliability.md"
DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
WORKERS = 2
RSS_TOLERANCE = 0.10
SAMPLE_SECONDS = 30.0


def _setting(name: str, default: float) -> float:
    return float(os.environ.get(f"ROSTER_SOAK_{name}", default))


def _admin_url() -> str:
    return (
        os.environ.get("ROSTER_SOAK_POSTGRES_URL")
        or os.environ.get("ROSTER_TEST_POSTGRES_URL")
        or DEFAULT_SERVER
    )


async def _admin(sql: str) -> Any:
    engine = create_async_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            result = await connection.execute(text(sql))
            return result.scalar() if result.returns_rows else None
    finally:
        await engine.dispose()


def _roster(*args: str, database_url: str) -> str:
    env = {**os.environ, "ROSTER_DATABASE_URL": database_url}
    done = subprocess.run(
        [str(BIN / "roster"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"roster {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout.strip()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_ready(url: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"roster serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"roster serve was not ready within {timeout:g} s")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        # The parent pid is the 2nd field after the ")" that ends the command name.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return sorted(found)


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def _workers_rss(server: subprocess.Popen[bytes]) -> dict[int, float]:
    return {pid: round(_rss_mib(pid), 1) for pid in _children(server.pid)}


def _stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _machine(postgres_version: str) -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "host": platform.node(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "postgres": postgres_version,
        "load_average": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def _load(url: str, token: str, server: subprocess.Popen[bytes]) -> dict[str, Any]:
    """Runs the client process; samples the workers' memory from the warm-up's end to the end."""
    seconds = _setting("SECONDS", 180)
    warmup = _setting("WARMUP", 20)
    concurrency = int(_setting("CONCURRENCY", 16))
    client = subprocess.Popen(
        [
            sys.executable, "-m", "bench.soak_load", url, token,
            "--seconds", str(seconds), "--warmup", str(warmup),
            "--concurrency", str(concurrency),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        assert client.stdout is not None
        idle = _workers_rss(server)
        if client.stdout.readline().strip() != "measuring":
            raise RuntimeError("the soak client failed during the warm-up")
        start = _workers_rss(server)
        samples = [start]
        # The client prints nothing more until its result: sample while the pipe is quiet.
        while not select.select([client.stdout], [], [], SAMPLE_SECONDS)[0]:
            samples.append(_workers_rss(server))
        line = client.stdout.readline()
        end = _workers_rss(server)
        if client.wait(timeout=60) != 0 or not line:
            raise RuntimeError("the soak client failed")
    finally:
        _stop(client)
    result: dict[str, Any] = json.loads(line)
    result["rss_mib"] = {"idle": idle, "start": start, "end": end, "samples": [*samples, end]}
    return result


def soak() -> dict[str, Any]:
    name = f"roster_soak_{uuid.uuid4().hex[:8]}"
    database_url = make_url(_admin_url()).set(database=name).render_as_string(False)
    postgres_version = str(asyncio.run(_admin("SHOW server_version")))
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
        _roster("db", "upgrade", database_url=database_url)
        _roster("seed", "--demo", database_url=database_url)
        token = _roster(
            "token", "create", "--email", "admin@acme.example", database_url=database_url
        )
        port = _free_port()
        server = subprocess.Popen(
            [str(BIN / "roster"), "serve", "--port", str(port), "--workers", str(WORKERS)],
            cwd=ROOT,
            env={**os.environ, "ROSTER_DATABASE_URL": database_url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_ready(url, server)
            # Before the load: what else this machine is doing shows in the load average.
            machine = _machine(postgres_version)
            result = _load(url, token, server)
        finally:
            _stop(server)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    result["workers"] = WORKERS
    result["machine"] = machine
    return result


def _growth(rss: dict[str, dict[int, float]]) -> list[tuple[int, float, float, float]]:
    """(pid, start MiB, end MiB, growth) per worker alive at both samples."""
    return [
        (pid, start, rss["end"][pid], (rss["end"][pid] - start) / start)
        for pid, start in rss["start"].items()
        if pid in rss["end"]
    ]


def render(result: dict[str, Any], when: datetime) -> str:
    machine = result["machine"]
    growth = _growth(result["rss_mib"])
    flat = len(growth) == result["workers"] and all(abs(g) <= RSS_TOLERANCE for *_, g in growth)
    lines = [
        f"### Soak, {when:%Y-%m-%d %H:%M} UTC, {machine['host']}",
        "",
        f"Machine: {machine['cpu']}, {machine['cpus']} CPUs, {machine['system']}, "
        f"Python {machine['python']}, PostgreSQL {machine['postgres']}; load average "
        f"{machine['load_average']} before the run.",
        f"Load: {result['workers']} uvicorn workers, {result['concurrency']} concurrent "
        f"clients from a separate process, {result['warmup_seconds']:g} s warm-up then "
        f"{result['seconds']:g} s measured; demo tenant acme ({result['members']} members "
        "toggled, dry-run and connected).",
        "",
        "| errors | requests | req/s | p50 | p99 | worker RSS after warm-up -> end "
        "| flat within 10% |",
        "|---|---|---|---|---|---|---|",
        f"| {result['errors']} | {result['requests']} | {result['requests_per_second']} "
        f"| {result['p50_ms']} ms | {result['p99_ms']} ms | "
        + ", ".join(f"{start:.1f} -> {end:.1f} MiB ({g:+.1%})" for _, start, end, g in growth)
        + f" | {'yes' if flat else 'NO'} |",
        "",
        "| operation | requests | p50 | p99 |",
        "|---|---|---|---|",
        *(
            f"| {kind} | {row['requests']} | {row['p50_ms']} ms | {row['p99_ms']} ms |"
            for kind, row in result["by_kind"].items()
        ),
        "",
        f"Errors by kind: {result['errors_by_kind'] or 'none'} (warm-up: "
        f"{result['warmup_errors']}). Expected userErrors: {result['user_errors'] or 'none'}. "
        "Idle RSS before any request: "
        + ", ".join(f"{mib:.1f} MiB" for mib in result["rss_mib"]["idle"].values())
        + f". Each worker's RSS every {SAMPLE_SECONDS:g} s from the warm-up's end (MiB): "
        + "; ".join(
            ", ".join(
                f"{sample[pid]:.1f}" for sample in result["rss_mib"]["samples"] if pid in sample
            )
            for pid in result["rss_mib"]["start"]
        )
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    result = soak()
    entry = render(result, datetime.now(UTC))
    with REPORT.open("a") as report:
        report.write("\n" + entry)
    print(entry)
    print(json.dumps(result, indent=2), file=sys.stderr)
    sys.exit(0 if result["errors"] == 0 else 1)


if __name__ == "__main__":
    main()
