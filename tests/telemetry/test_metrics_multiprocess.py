"""`roster serve --workers 2`: the workers count into one directory, and one scrape (of
the main port, by whichever worker answers it, or of the supervisor's metrics port)
adds up the requests both served; a worker that dies leaves its counts, not its gauges."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from gateway.telemetry.metrics_multiprocess import process_is_alive
from tests.browser.harness import wait_until_ready
from tests.http import bearer
from tests.telemetry.scrape import Scrape

TOKEN = "metrics-token-0123456789abcdef"
ME = {"query": "query Me { me { id } }"}
LABELS = {"endpoint": "api", "operation_name": "Me", "operation_type": "query", "transport": "http"}
ROSTER = Path(sys.executable).with_name("roster")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pids(directory: Path, prefix: str) -> set[int]:
    return {int(path.stem.rsplit("_", 1)[-1]) for path in directory.glob(f"{prefix}_*.db")}


def _wait(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def _me(url: str, token: str) -> str:
    # A new connection per request: the kernel hands each to either worker.
    answer = httpx.post(
        f"{url}/graphql", json=ME, headers={**bearer(token), "Connection": "close"}, timeout=10
    )
    return str(answer.json()["data"]["me"]["id"])


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_requests_spread_over_two_workers_are_all_counted_in_one_scrape(database, world, tmp_path):
    port, metrics_port = _free_port(), _free_port()
    directory = tmp_path / "metrics"
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("ROSTER_")},
        "ROSTER_DATABASE_URL": database.url,
        "ROSTER_METRICS_TOKEN": TOKEN,
        "ROSTER_METRICS_PORT": str(metrics_port),
        "ROSTER_METRICS_MULTIPROC_DIR": str(directory),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [str(ROSTER), "serve", "--workers", "2", "--port", str(port), "--no-worker"],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, server, log_path)
        # Each worker's gauges are written from its start: one file per worker.
        _wait(lambda: len(_pids(directory, "gauge_livesum")) == 2, 30)
        workers = _pids(directory, "gauge_livesum")
        assert len(workers) == 2, log_path.read_text()
        sent = 0
        with ThreadPoolExecutor(8) as pool:
            # More are sent until both workers have counted some.
            while _pids(directory, "counter") != workers and sent < 400:
                assert all(pool.map(lambda _: _me(url, world["token"]), range(8)))
                sent += 8
        assert _pids(directory, "counter") == workers
        main = httpx.get(f"{url}/metrics", headers=bearer(TOKEN), timeout=10)
        supervisor = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10)
        for scraped in (main, supervisor):
            assert scraped.status_code == 200
            metrics = Scrape(scraped.text)
            assert metrics.value("roster_requests_total", **LABELS) == sent
            assert metrics.value("roster_request_duration_seconds_count", **LABELS) == sent
            # Both workers' pools, added up (livesum): 5 connections each on SQLite.
            assert metrics.value("roster_db_pool_size") == 10

        killed = min(workers)
        os.kill(killed, signal.SIGKILL)
        _wait(lambda: not process_is_alive(killed), 10)
        after = Scrape(httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).text)
        assert killed not in _pids(directory, "gauge_livesum")
        assert killed in _pids(directory, "counter")
        assert after.value("roster_requests_total", **LABELS) == sent
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
