"""A throwaway PostgreSQL server: the distribution's binaries, run in one temporary folder.

When ROSTER_TEST_POSTGRES_URL is unset the suite makes its PostgreSQL databases on one
of these (see ``postgres_server_url`` in tests/conftest.py). It listens on a free
loopback port only, keeps no data safe (fsync off: a crash loses nothing worth keeping)
and is removed, folder and all, when the session ends.

initdb and postgres refuse to run as root, so as root the server runs as the ``postgres``
system user (Debian's package creates it), else as ``nobody``. It is started with a
parent-death signal (setpriv --pdeathsig): if pytest is killed before it can clean up,
the server shuts down too, and the next run removes the folder that was left behind.
"""

import atexit
import contextlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tests.reliability.live_server import free_port

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
FOLDER_PREFIX = "roster-postgres-"
OWNER_FILE = "owner.pid"
SUPERUSER = "postgres"
UNPRIVILEGED_USERS = ("postgres", "nobody")
READY_SECONDS = 60.0
STOP_SECONDS = 30.0
START_ATTEMPTS = 3  # a free port can be taken between choosing it and the server binding it
MISSING_BINARIES = (
    "no PostgreSQL server binaries (initdb, postgres) on PATH or in "
    f"{DEBIAN_BINARIES}/<version>/bin: run `bash scripts/ensure-postgres-server.sh` "
    "(make test does), or set ROSTER_TEST_POSTGRES_URL to a server of your own"
)
# For tests only: nothing here needs to survive a crash, and every setting that makes
# writes wait for the disk is off. TCP only, so no socket file can clash with a system
# server's in /var/run/postgresql.
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "unix_socket_directories": "",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "logging_collector": "off",
}
# The locale of Debian's default cluster (and so of CI's server): lower() and ILIKE fold
# every Unicode letter under it, not only ASCII as under "C".
LOCALE = "C.UTF-8"


def _version(binaries: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", binaries.parent.name))


def server_binaries() -> Path | None:
    """The folder holding initdb and postgres: PATH's, else the newest of Debian's."""
    on_path = [shutil.which(name) for name in ("initdb", "postgres")]
    if all(on_path):
        folders = {Path(found).resolve().parent for found in on_path if found}
        if len(folders) == 1:
            return folders.pop()
    installed = [
        found.parent
        for found in DEBIAN_BINARIES.glob("*/bin/postgres")
        if (found.parent / "initdb").is_file()
    ]
    return max(installed, key=_version) if installed else None


def _unprivileged_user() -> pwd.struct_passwd | None:
    """The account the server runs as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in UNPRIVILEGED_USERS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError(
        f"running as root, and none of the users {UNPRIVILEGED_USERS} exists to run"
        " PostgreSQL as (initdb and postgres refuse root)"
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def remove_abandoned_folders(base: Path) -> list[Path]:
    """Remove the folders of throwaway servers whose pytest is gone; returns them.

    A server still running there (only where setpriv was missing, so no parent-death
    signal stopped it) is stopped first, if /proc shows it is that folder's server.
    """
    removed = []
    for folder in base.glob(f"{FOLDER_PREFIX}*"):
        try:
            owner = int((folder / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        data = folder / "data"
        server = _postmaster_pid(data)
        if server is not None and _alive(server):
            with contextlib.suppress(OSError):
                if str(data).encode() in Path(f"/proc/{server}/cmdline").read_bytes():
                    os.kill(server, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


class ThrowawayPostgres:
    """One PostgreSQL server in its own temporary folder; ``start()``, then ``stop()``."""

    def __init__(self, binaries: Path, base: Path | None = None) -> None:
        self.binaries = binaries
        self.base = base or Path(tempfile.gettempdir())
        self.user = _unprivileged_user()
        self.folder: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _command(self, argv: list[str], *, die_with_parent: bool) -> list[str]:
        setpriv = shutil.which("setpriv")
        prefix: list[str] = []
        if self.user is not None:
            if setpriv is None:
                raise RuntimeError("running as root needs setpriv (util-linux) to drop to a user")
            prefix = [
                setpriv,
                f"--reuid={self.user.pw_uid}",
                f"--regid={self.user.pw_gid}",
                "--clear-groups",
            ]
        if die_with_parent and setpriv is not None:
            prefix = [*(prefix or [setpriv]), "--pdeathsig=INT"]
        return [*prefix, *argv]

    def _environment(self) -> dict[str, str]:
        # PGDATA, PGPORT and the like are the developer's, for their own server.
        return {name: value for name, value in os.environ.items() if not name.startswith("PG")}

    def start(self) -> str:
        """Create the cluster and start the server; returns its URL."""
        remove_abandoned_folders(self.base)
        self.folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=self.base))
        atexit.register(self.stop)
        (self.folder / OWNER_FILE).write_text(str(os.getpid()))
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        data = self.folder / "data"
        initdb = subprocess.run(
            self._command(
                [
                    str(self.binaries / "initdb"),
                    f"--pgdata={data}",
                    f"--username={SUPERUSER}",
                    "--auth=trust",
                    "--encoding=UTF8",
                    f"--locale={LOCALE}",
                    "--no-sync",
                ],
                die_with_parent=False,
            ),
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{initdb.stdout}{initdb.stderr}")
        for _ in range(START_ATTEMPTS):
            log = self.folder / "server.log"
            with log.open("wb") as output:
                if self._run_server(data, output):
                    return self.url
            if "could not bind" not in log.read_text(errors="replace"):
                break
        raise RuntimeError(f"PostgreSQL did not start:\n{log.read_text(errors='replace')}")

    def _run_server(self, data: Path, output: IO[bytes]) -> bool:
        self.port = free_port()
        settings = [part for name, value in SETTINGS.items() for part in ("-c", f"{name}={value}")]
        self.process = subprocess.Popen(
            self._command(
                [str(self.binaries / "postgres"), "-D", str(data), "-p", str(self.port), *settings],
                die_with_parent=True,
            ),
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            # Out of the terminal's process group: Ctrl-C reaches pytest, whose teardown
            # still needs the server, and not the server itself.
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                return False
            # pg_ctl's own readiness test: the status line of postmaster.pid.
            with contextlib.suppress(OSError):
                lines = (data / "postmaster.pid").read_text().splitlines()
                if len(lines) >= 8 and lines[7].strip() == "ready":
                    return True
            time.sleep(0.05)
        self._stop_server()
        return False

    def _stop_server(self) -> None:
        if self.process is None:
            return
        # Fast shutdown: ends the sessions still open rather than waiting for them.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def stop(self) -> None:
        """Stop the server and remove its folder; safe to call more than once."""
        self._stop_server()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        atexit.unregister(self.stop)


@contextlib.contextmanager
def throwaway_postgres(binaries: Path, base: Path | None = None) -> Iterator[ThrowawayPostgres]:
    """A started ThrowawayPostgres, stopped and removed on leaving, however that happens."""
    server = ThrowawayPostgres(binaries, base)
    try:
        server.start()
        yield server
    finally:
        server.stop()
