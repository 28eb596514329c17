"""prometheus-client's multi-process mode, for `roster serve --workers N` (N > 1).

Each worker writes its metrics to files in one directory (PROMETHEUS_MULTIPROC_DIR, set
before the workers start: prometheus-client reads it when it is imported); a scrape, in
whichever process answers it, adds up every worker's files. Counters and histograms of a
worker that died are kept (they counted real requests); its live gauges are removed.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"


def multiprocess_dir() -> str | None:
    """The directory of multi-process mode, or None when this process counts alone."""
    return os.environ.get(MULTIPROC_DIR) or None


@contextmanager
def multiprocess_mode(configured_dir: str = "") -> Iterator[Path]:
    """For as long as the block runs (`roster serve`'s), the workers it starts count into
    one directory: ``configured_dir`` (ROSTER_METRICS_MULTIPROC_DIR) emptied of a previous
    run's files, or a fresh temporary one removed afterwards."""
    if configured_dir:
        path = Path(configured_dir)
        path.mkdir(parents=True, exist_ok=True)
        # A previous run's files would be added to this one's.
        for old in path.glob("*.db"):
            old.unlink()
    else:
        path = Path(tempfile.mkdtemp(prefix="roster-metrics-"))
    previous = os.environ.get(MULTIPROC_DIR)
    os.environ[MULTIPROC_DIR] = str(path)
    try:
        yield path
    finally:
        if previous is None:
            os.environ.pop(MULTIPROC_DIR, None)
        else:
            os.environ[MULTIPROC_DIR] = previous
        if not configured_dir:
            shutil.rmtree(path, ignore_errors=True)


def process_is_alive(pid: int) -> bool:
    """Whether ``pid`` runs; a zombie (killed, not yet reaped by its parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        # /proc/PID/stat: "PID (NAME) STATE ..."; NAME may hold spaces and parentheses.
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (macOS): the signal's answer stands
    return state not in ("Z", "X")


def mark_dead_workers(path: str) -> list[int]:
    """``mark_process_dead`` for each process whose live gauges are in ``path`` but which
    is gone (a worker that crashed, or that uvicorn replaced); the pids it marked."""
    from prometheus_client import multiprocess

    dead = set()
    for file in Path(path).glob("gauge_live*_*.db"):
        pid_text = file.stem.rsplit("_", 1)[-1]
        if pid_text.isdigit() and not process_is_alive(int(pid_text)):
            dead.add(int(pid_text))
    for pid in dead:
        multiprocess.mark_process_dead(pid, path)
    return sorted(dead)


def mark_this_process_dead() -> None:
    """At a worker's clean stop: its live gauges leave the sums at once."""
    path = multiprocess_dir()
    if path is not None:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(os.getpid(), path)
