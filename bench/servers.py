"""The servers under test, each its own process, started and stopped by the harness."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.database import CACHE, ROOT, ROSTER

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Four dashboards at once over a million calls outlast roster's default 10 s limit on two
# cores; the baselines have none, so roster gets room too (and the doc says so).
ROSTER_ENV = {"ROSTER_REQUEST_TIMEOUT_SECONDS": "120"}


@dataclass(frozen=True)
class Target:
    """Where a variant answers, and the processes that do its work."""

    url: str
    pids: list[int]


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat after the command name: field 3 (state) comes first."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _with_descendants(pids: list[int]) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat(int(entry.name))[1])
            except (OSError, IndexError):
                continue  # gone meanwhile
    found = set(pids)
    grew = True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in found} - found
        found |= children
        grew = bool(children)
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes and their children, all threads."""
    total = 0
    for pid in _with_descendants(pids):
        try:
            fields = _stat(pid)
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def wait_idle(target: Target, timeout: float = 180.0) -> None:
    """Until the target stops working on requests wrk abandoned when its time was up.

    Idle: under 5 ms of CPU in 200 ms. Otherwise the next run would share the machine
    with the tail of the previous one.
    """
    deadline = time.monotonic() + timeout
    before = cpu_seconds(target.pids)
    while time.monotonic() < deadline:
        time.sleep(0.2)
        after = cpu_seconds(target.pids)
        if after - before < 0.005:
            return
        before = after
    raise RuntimeError(f"{target.url} still busy {timeout:g}s after its load stopped")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    name: str
    command: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    ready_path: str = "/readyz"
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def target(self) -> Target:
        return Target(self.url, self.pids)

    @property
    def log_path(self) -> Path:
        return CACHE / f"{self.name}.log"

    def start(self, timeout: float = 60.0) -> None:
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + self.ready_path, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer {self.ready_path} in {timeout:g}s")

    def rss_mib(self) -> float:
        """Resident memory of the server process, from /proc."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for {self.name}")

    @property
    def pids(self) -> list[int]:
        assert self.process is not None
        return [self.process.pid]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def roster_server(database_url: str) -> Server:
    """roster as a user runs it: `roster serve`, uvicorn, one worker."""
    port = free_port()
    return Server(
        "roster",
        [str(ROSTER), "serve", "--port", str(port), "--workers", "1"],
        port,
        env={"ROSTER_DATABASE_URL": database_url, **ROSTER_ENV},
    )


def baseline_server(name: str, module: str, database_url: str) -> Server:
    port = free_port()
    return Server(
        name,
        [sys.executable, "-m", module, "--port", str(port)],
        port,
        env={"ROSTER_DATABASE_URL": database_url},
    )
