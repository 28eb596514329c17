"""`roster serve` and `roster worker` as real processes, started and stopped by pid."""

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.reliability.live_server import ROSTER, _wait_until_ready, free_port


async def _stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        # Each process leads its own group: the signal reaches uvicorn's workers too.
        os.killpg(process.pid, signal.SIGINT)
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
    assert process.returncode is not None
    return process.returncode


def _environment(database_url: str, extra: dict[str, str]) -> dict[str, str]:
    environment = {**os.environ, "ROSTER_DATABASE_URL": database_url, **extra}
    environment.pop("ROSTER_SERVE_WORKER", None)
    return environment


@asynccontextmanager
async def serving(
    database_url: str, log: Path, *arguments: str, **environment: str
) -> AsyncIterator[str]:
    """``roster serve ARGUMENTS`` over ``database_url`` (``environment`` added to its
    own); yields its base URL."""
    port = free_port()
    with log.open("wb") as output:
        server = await asyncio.create_subprocess_exec(
            str(ROSTER), "serve", "--port", str(port), *arguments,
            env=_environment(database_url, environment), stdout=output, stderr=output,
            start_new_session=True,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        await _wait_until_ready(base_url, server)
        yield base_url
    finally:
        await _stop(server)


@asynccontextmanager
async def working(database_url: str, log: Path, **environment: str) -> AsyncIterator[list[int]]:
    """``roster worker`` over ``database_url`` (``environment`` added to its own); yields a list that holds its exit status
    once the block has stopped it."""
    with log.open("wb") as output:
        worker = await asyncio.create_subprocess_exec(
            str(ROSTER), "worker", env=_environment(database_url, environment),
            stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip
    status: list[int] = []
    try:
        yield status
    finally:
        status.append(await _stop(worker))
