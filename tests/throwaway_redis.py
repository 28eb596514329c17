"""A throwaway Redis server: the distribution's binary on a free loopback port.

When ROSTER_TEST_REDIS_URL is unset the bus tests use one of these, so a fresh machine
skips nothing (scripts/ensure-redis-server.sh, which make test runs, installs the
binary). It keeps nothing on disk and is stopped when the session ends; it is started
with a parent-death signal where setpriv exists, so a killed pytest leaves no server.
"""

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

from tests.reliability.live_server import free_port

READY_SECONDS = 30.0
START_ATTEMPTS = 3  # a free port can be taken between choosing it and the server binding it
MISSING_BINARY = (
    "no redis-server on PATH: run `bash scripts/ensure-redis-server.sh` (make test does), "
    "or set ROSTER_TEST_REDIS_URL to a server of your own"
)


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")
    return False


def _start(binary: str, port: int) -> subprocess.Popen[bytes]:
    command = [
        binary,
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
        "--protected-mode", "yes",
    ]  # fmt: skip
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        command = [setpriv, "--pdeathsig=TERM", *command]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@contextlib.contextmanager
def throwaway_redis() -> Iterator[str]:
    """A Redis server for this session: its URL, until the context ends."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(MISSING_BINARY)
    for _attempt in range(START_ATTEMPTS):
        port = free_port()
        server = _start(binary, port)
        deadline = time.monotonic() + READY_SECONDS
        while server.poll() is None and time.monotonic() < deadline and not _answers(port):
            time.sleep(0.05)
        if server.poll() is None and _answers(port):
            break
        server.kill()
        server.wait()
    else:
        stderr = server.stderr.read().decode(errors="replace") if server.stderr else ""
        raise RuntimeError(f"redis-server did not start: {stderr[-2000:]}")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()
