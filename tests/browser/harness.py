"""Debian's chromium and roster under uvicorn, for the browser tests."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from db.engine import Database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]

BROWSER_TESTS = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"Debian's chromium is not at {CHROMIUM}: run scripts/ensure-chromium.sh",
    ),
    # One backend is enough to drive the page; the API itself is tested on both.
    pytest.mark.parametrize("database", ["sqlite"], indirect=True),
]


@contextmanager
def served_roster(database: Database, tmp_path: Path, **settings: str) -> Iterator[str]:
    """roster under uvicorn on a free loopback port, over the test's database, with
    ``settings`` (ROSTER_... variables) in its environment."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("ROSTER_")},
        "ROSTER_DATABASE_URL": database.url,
        "ROSTER_ENV": "development",
        "PYTHONPATH": str(REPO),
        **settings,
    }
    log_path = tmp_path / f"uvicorn-{port}.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "gateway.app:create_app",
            "--factory",
            "--fd",
            str(listener.fileno()),
            "--log-level",
            "warning",
        ],
        cwd=tmp_path,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    listener.close()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, server, log_path)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_ready(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"uvicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"uvicorn did not answer /healthz within 30 s:\n{log.read_text()}")
