"""`roster worker` as a real process for the webhook tests: fast polls, 127.0.0.1
allowed, a short timeout; stopped (or killed) by its process group id."""

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.reliability.live_server import ROSTER, _wait_until_ready, free_port

TIMEOUT_SECONDS = 1.5  # the lease is twice this plus 3 s: 6 s


def _environment(database_url: str) -> dict[str, str]:
    environment = {
        **os.environ,
        "ROSTER_DATABASE_URL": database_url,
        "ROSTER_WORKER_POLL_SECONDS": "0.05",
        "ROSTER_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
        "ROSTER_WEBHOOK_TIMEOUT_SECONDS": str(TIMEOUT_SECONDS),
        "ROSTER_WEBHOOK_RETRY_SCHEDULE": "0.1,0.1,0.1",
    }
    environment.pop("ROSTER_SERVE_WORKER", None)
    return environment


async def kill(process: asyncio.subprocess.Process, sig: int = signal.SIGKILL) -> None:
    if process.returncode is None:
        os.killpg(process.pid, sig)
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


@asynccontextmanager
async def worker(database_url: str, log: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """``roster worker`` until the block ends (SIGINT then, SIGKILL if it lingers)."""
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            str(ROSTER), "worker", env=_environment(database_url),
            stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip
    try:
        yield process
    finally:
        await kill(process, signal.SIGINT)


@asynccontextmanager
async def serving(database_url: str, log: Path) -> AsyncIterator[str]:
    """``roster serve`` (its worker included, as by default); yields its base URL."""
    port = free_port()
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            str(ROSTER), "serve", "--port", str(port), env=_environment(database_url),
            stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        await _wait_until_ready(base_url, process)
        yield base_url
    finally:
        await kill(process, signal.SIGINT)
