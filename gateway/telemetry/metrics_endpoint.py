"""Where /metrics is served, and to whom (docs/observability.md#metrics).

- ROSTER_METRICS_TOKEN set: on the main port, to `Authorization: Bearer <token>` only
  (compared in constant time; any other caller gets a 401);
- else in production: not on the main port at all (404);
- else (development): on the main port to loopback clients only (403 for others);
- ROSTER_METRICS_PORT set, besides: on that port of ROSTER_METRICS_HOST (127.0.0.1 by
  default), asking for no token, served by a thread of this process, or under
  `--workers N` by `roster serve`'s supervisor for all the workers (``workers_port``).
"""

import hashlib
import hmac
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from prometheus_client import start_http_server
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from gateway.loopback import is_loopback_host
from gateway.settings import Settings
from gateway.telemetry.metrics import EXPOSITION_CONTENT_TYPE, RosterMetrics
from gateway.telemetry.metrics_multiprocess import mark_dead_workers

METRICS_PATH = "/metrics"
LOOPBACK_ONLY = (
    "In development /metrics is served to loopback clients only: set ROSTER_METRICS_TOKEN "
    "(and send it as a bearer token) or ROSTER_METRICS_PORT to scrape it from elsewhere."
)


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


class MetricsPage:
    """GET /metrics on the main port: the token's holder, or (development, no token)
    loopback clients."""

    def __init__(self, metrics: RosterMetrics, *, token: str) -> None:
        self.metrics = metrics
        self.token_digest = _digest(token) if token else None

    async def answer(self, request: Request) -> Response:
        if self.token_digest is not None:
            if not self._has_token(request):
                return PlainTextResponse(
                    "Send the metrics token: Authorization: Bearer <ROSTER_METRICS_TOKEN>.",
                    401,
                    headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
                )
        elif not self._is_local(request):
            return PlainTextResponse(LOOPBACK_ONLY, 403)
        return Response(
            self.metrics.exposition(),
            headers={"Content-Type": EXPOSITION_CONTENT_TYPE, "Cache-Control": "no-store"},
        )

    def _has_token(self, request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        # Digests of equal length, compared in constant time: neither the token's
        # characters nor its length show in how long a refusal takes.
        matches = hmac.compare_digest(_digest(given.strip()), self.token_digest or b"")
        return scheme.lower() == "bearer" and matches

    @staticmethod
    def _is_local(request: Request) -> bool:
        # As for GraphiQL's token: the Host must be loopback too, or a name an attacker
        # rebinds to 127.0.0.1 would let a web page read this one as same-origin.
        client = request.client.host if request.client else None
        return is_loopback_host(client) and is_loopback_host(request.url.hostname)


def metrics_routes(settings: Settings, metrics: RosterMetrics) -> list[BaseRoute]:
    """The main port's /metrics route, if the settings serve it there."""
    token = settings.metrics_token.get_secret_value()
    if settings.is_production and not token:
        return []
    return [Route(METRICS_PATH, MetricsPage(metrics, token=token).answer, methods=["GET"])]


class _Scrape(Collector):
    """A scrape of the metrics port: the gauges sampled, then the app's metrics."""

    def __init__(self, metrics: RosterMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterable[Any]:
        self.metrics.gauges.sample()
        return self.metrics.registry.collect()


class _WorkersScrape(Collector):
    """A scrape of the supervisor's metrics port: every worker's files, added up."""

    def __init__(self, path: str) -> None:
        self.path = path

    def collect(self) -> Iterable[Any]:
        from prometheus_client import CollectorRegistry
        from prometheus_client.multiprocess import MultiProcessCollector

        mark_dead_workers(self.path)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.path)
        return registry.collect()


@asynccontextmanager
async def metrics_lifespan(settings: Settings, metrics: RosterMetrics) -> AsyncIterator[None]:
    """For the app's lifespan: the metrics port of a single process, and the workers'
    bookkeeping in multi-process mode (where the supervisor serves the port)."""
    server = None
    if settings.metrics_port is not None and metrics.multiprocess_dir is None:
        server, _thread = start_http_server(
            settings.metrics_port, addr=settings.metrics_host, registry=_Scrape(metrics)
        )
    try:
        async with metrics.running():
            yield
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()


def workers_port(host: str, port: int, path: str) -> Any:
    """`roster serve --workers N`'s metrics port, in the supervisor: all workers' metrics.
    Returns the server (``shutdown()`` it)."""
    server, _thread = start_http_server(port, addr=host, registry=_WorkersScrape(path))
    return server
