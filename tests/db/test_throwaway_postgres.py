"""The suite's own PostgreSQL server: it starts, answers, and leaves nothing behind."""

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.throwaway_postgres import (
    FOLDER_PREFIX,
    MISSING_BINARIES,
    OWNER_FILE,
    ThrowawayPostgres,
    remove_abandoned_folders,
    server_binaries,
    throwaway_postgres,
)

REPO = Path(__file__).resolve().parents[2]
BINARIES = server_binaries()
needs_binaries = pytest.mark.skipif(BINARIES is None, reason=MISSING_BINARIES)


def _process_gone(pid: int) -> bool:
    """True once ``pid`` has exited (a zombie no init has reaped yet counts as exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in {"Z", "X"}


@pytest.fixture
def base() -> Iterator[Path]:
    """An empty folder for the servers of one test, which as root run as another user.

    pytest's tmp_path is private to its user, so this one is made in the system's
    temporary folder, as the suite's own server's is.
    """
    folder = Path(tempfile.mkdtemp(prefix="roster-test-base-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def _ask(port: int) -> dict[str, str]:
    connection = await asyncpg.connect(
        host="127.0.0.1", port=port, user="postgres", database="postgres"
    )
    try:
        row = await connection.fetchrow(
            "SELECT current_setting('fsync') AS fsync,"
            " current_setting('server_encoding') AS encoding,"
            " lower('ÅNGSTRÖM') AS folded"
        )
    finally:
        await connection.close()
    return dict(row)


@needs_binaries
def test_it_starts_answers_and_is_removed(base: Path) -> None:
    assert BINARIES is not None
    with throwaway_postgres(BINARIES, base) as server:
        assert server.folder is not None and server.process is not None
        folder, pid = server.folder, server.process.pid
        assert [p.name for p in base.iterdir()] == [folder.name]
        url = make_url(server.url)
        assert (url.host, url.port, url.database) == ("127.0.0.1", server.port, "postgres")
        assert asyncio.run(_ask(server.port)) == {
            "fsync": "off",
            "encoding": "UTF8",
            "folded": "ångström",
        }
    assert not folder.exists()
    assert _process_gone(pid)
    assert list(base.iterdir()) == []


@needs_binaries
def test_a_killed_pytest_takes_its_server_along_and_the_next_run_sweeps_the_folder(
    base: Path,
) -> None:
    # A stand-in for pytest, killed with SIGKILL, so no finalizer or atexit runs.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys, time
                from pathlib import Path
                from tests.throwaway_postgres import ThrowawayPostgres
                server = ThrowawayPostgres(Path({str(BINARIES)!r}), Path({str(base)!r}))
                server.start()
                print(server.process.pid, server.folder, flush=True)
                time.sleep(120)
            """),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        pid_text, folder_text = child.stdout.readline().split()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    server_pid, folder = int(pid_text), Path(folder_text)

    for _ in range(200):
        if _process_gone(server_pid):
            break
        time.sleep(0.05)
    assert _process_gone(server_pid), "the server outlived the pytest that started it"
    assert folder.exists()
    assert (folder / OWNER_FILE).read_text() == str(child.pid)

    assert remove_abandoned_folders(base) == [folder]
    assert list(base.iterdir()) == []


def test_a_running_owners_folder_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f"{FOLDER_PREFIX}mine"
    mine.mkdir()
    (mine / OWNER_FILE).write_text(str(os.getpid()))
    unrelated = tmp_path / f"{FOLDER_PREFIX}no-owner-file"
    unrelated.mkdir()
    assert remove_abandoned_folders(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, unrelated.name])


def test_stop_is_safe_twice_and_before_start() -> None:
    server = ThrowawayPostgres(Path("/nowhere"))
    server.stop()
    server.stop()
    assert server.folder is None and server.process is None
