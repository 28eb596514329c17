"""roster under real uvicorn workers, as a subprocess: started on a free port, stopped by pid."""

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

ROSTER = Path(sys.executable).with_name("roster")
READY_SECONDS = 20.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _wait_until_ready(base_url: str, server: asyncio.subprocess.Process) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + READY_SECONDS
    async with httpx.AsyncClient(timeout=2.0) as client:
        while loop.time() < deadline:
            if server.returncode is not None:
                raise RuntimeError(f"roster serve exited with {server.returncode}")
            try:
                if (await client.get(f"{base_url}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"roster serve was not ready within {READY_SECONDS:g} s")


async def _stop(server: asyncio.subprocess.Process) -> None:
    if server.returncode is not None:
        return
    # The server leads its own process group: the signal reaches uvicorn's workers too.
    os.killpg(server.pid, signal.SIGINT)
    try:
        await asyncio.wait_for(server.wait(), 15)
    except TimeoutError:
        os.killpg(server.pid, signal.SIGKILL)
        await server.wait()


@asynccontextmanager
async def roster_serve(database_url: str, *, workers: int = 2) -> AsyncIterator[str]:
    """``roster serve`` with ``workers`` processes over ``database_url``; yields its base URL."""
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        str(ROSTER),
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        env={**os.environ, "ROSTER_DATABASE_URL": database_url},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        await _wait_until_ready(base_url, server)
        yield base_url
    finally:
        await _stop(server)
