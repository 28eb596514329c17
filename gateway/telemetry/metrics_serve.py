"""`roster serve`'s part of the metrics: under ``--workers N`` (N > 1), the workers count
into one directory (multi-process mode) and the supervisor serves the metrics port of
them all; with one worker the app does both itself (metrics_endpoint.py)."""

from collections.abc import Iterator
from contextlib import contextmanager

from gateway.settings import Settings
from gateway.telemetry.metrics_multiprocess import multiprocess_mode


@contextmanager
def serve_metrics(settings: Settings, *, workers: int) -> Iterator[None]:
    """Around uvicorn's run: sets PROMETHEUS_MULTIPROC_DIR before the workers start."""
    if workers <= 1:
        yield
        return
    with multiprocess_mode(settings.metrics_multiproc_dir) as path:
        server = None
        if settings.metrics_port is not None:
            # Imported once the directory is set: prometheus-client reads it at import.
            from gateway.telemetry.metrics_endpoint import workers_port

            server = workers_port(settings.metrics_host, settings.metrics_port, str(path))
        try:
            yield
        finally:
            if server is not None:
                server.shutdown()
                server.server_close()
