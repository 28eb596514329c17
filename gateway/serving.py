"""The app as `roster serve` runs it: the log set up, the app built, then the garbage
collector set for serving."""

import gc

from starlette.applications import Starlette

from gateway.app import create_app
from gateway.settings import get_settings
from gateway.telemetry.logging import configure_logging


def tune_garbage_collector() -> None:
    # What is alive once the app is built (modules, schemas, the app) lives as long as
    # the process: frozen, the collector stops scanning it at every full collection.
    gc.collect()
    gc.freeze()
    # A request allocates tens of thousands of short-lived objects; at the default
    # threshold (700) the youngest generation would be collected dozens of times per request.
    gc.set_threshold(50_000, 20, 20)


def create_served_app() -> Starlette:
    """``create_app`` for uvicorn's factory mode, with the collector tuned once it is built.

    Each uvicorn worker process runs the background loop too, unless ROSTER_SERVE_WORKER
    is false (``roster serve --no-worker``): the queue's locks make that safe."""
    settings = get_settings()
    # Each worker process of uvicorn's is a fresh interpreter: it sets up its own log.
    configure_logging(settings)
    app = create_app(settings, worker=settings.serve_worker)
    tune_garbage_collector()
    return app
