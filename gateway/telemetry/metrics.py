"""roster's Prometheus metrics: one ``RosterMetrics`` per app, fed by the request records
(a request observer), the domain's reports and the SCIM door; exposed by
metrics_endpoint.py.

No label holds a tenant id or anything personal: endpoints, operation names (bounded,
metrics_names.py), types, transports, codes and status classes only.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

from gateway.telemetry.domain_metrics import DomainMetrics
from gateway.telemetry.metrics_gauges import ProcessGauges
from gateway.telemetry.metrics_multiprocess import (
    mark_dead_workers,
    mark_this_process_dead,
    multiprocess_dir,
)
from gateway.telemetry.metrics_names import (
    ANONYMOUS,
    ERROR_CODE,
    OPERATION_NAME,
    BoundedNames,
    operation_type_label,
    status_class,
    transport_label,
)
from gateway.telemetry.request_record import RequestRecord
from gateway.telemetry.scim_metrics import ScimMetrics

EXPOSITION_CONTENT_TYPE = CONTENT_TYPE_LATEST
REQUEST_LABELS = ["endpoint", "operation_name", "operation_type", "transport"]
# From a cached read (a few ms) to the request time limit's range; SSE streams last as
# long as they are open: their transport label keeps them apart.
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
STATEMENT_BUCKETS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233)
# How often a worker refreshes its gauges in multi-process mode.
SAMPLE_SECONDS = 2.0


class RosterMetrics:
    """The metrics of one app. In multi-process mode (PROMETHEUS_MULTIPROC_DIR set before
    prometheus-client was imported) every worker's values are written to that directory
    and a scrape adds them up; else this process' registry is exposed as it is."""

    def __init__(self, *, operation_names: int = 200) -> None:
        self.multiprocess_dir = multiprocess_dir()
        self.registry = CollectorRegistry()
        if self.multiprocess_dir is None:
            # The process' own (CPU, memory, open files, start time), the platform's and
            # the collector's: the default registry's collectors, in this app's registry.
            ProcessCollector(registry=self.registry)
            PlatformCollector(registry=self.registry)
            GCCollector(registry=self.registry)
        self.operation_names = BoundedNames(OPERATION_NAME, operation_names)
        self.error_codes = BoundedNames(ERROR_CODE, 200)
        self.requests = Counter(
            "roster_requests",
            "GraphQL requests answered (one per SSE stream), by endpoint (api or the "
            "subgraph's name), operation name and type, and transport.",
            REQUEST_LABELS,
            registry=self.registry,
        )
        self.durations = Histogram(
            "roster_request_duration_seconds",
            "How long GraphQL requests took, to the end of the response (of the stream, for SSE).",
            REQUEST_LABELS,
            buckets=DURATION_BUCKETS,
            registry=self.registry,
        )
        self.responses = Counter(
            "roster_responses",
            "GraphQL responses by endpoint, transport and HTTP status class (2xx, 4xx, ...).",
            ["endpoint", "transport", "status_class"],
            registry=self.registry,
        )
        self.errors = Counter(
            "roster_request_errors",
            "Errors in GraphQL responses, by endpoint and code (extensions.code).",
            ["endpoint", "code"],
            registry=self.registry,
        )
        self.statements = Histogram(
            "roster_request_sql_statements",
            "SQL statements one GraphQL request ran, by endpoint.",
            ["endpoint"],
            buckets=STATEMENT_BUCKETS,
            registry=self.registry,
        )
        self._children: dict[tuple[str, ...], tuple[Any, Any, Any, Any]] = {}
        self.gauges = ProcessGauges(self.registry)
        self.domain = DomainMetrics(self.registry)
        self.scim = ScimMetrics(self.registry)

    def watch(self, *, subscriptions: object, pool: Any) -> None:
        """Sample ``subscriptions.open_count`` (the event bus's FanOut) and ``pool``."""
        self.gauges.watch(subscriptions=subscriptions, pool=pool)

    def request_finished(self, record: RequestRecord) -> None:
        """A request observer: counts one finished request."""
        name = record.operation_name
        key = (
            record.endpoint,
            ANONYMOUS if name is None else self.operation_names.label(name),
            operation_type_label(record.operation_type),
            transport_label(record.transport),
            status_class(record.status),
        )
        children = self._children.get(key)
        if children is None:
            # The labelled children of one kind of request, looked up once: labels() takes
            # a lock and hashes its values at every call.
            endpoint, operation_name, operation_type, transport, status = key
            labels = (endpoint, operation_name, operation_type, transport)
            children = self._children[key] = (
                self.requests.labels(*labels),
                self.durations.labels(*labels),
                self.responses.labels(endpoint, transport, status),
                self.statements.labels(endpoint),
            )
        requests, durations, responses, statements = children
        requests.inc()
        durations.observe(record.duration_seconds)
        responses.inc()
        statements.observe(record.statements)
        for code in record.error_codes:
            self.errors.labels(record.endpoint, self.error_codes.label(code)).inc()

    def scim_answered(self, *, method: str, status: int, user_agent: str | None) -> None:
        """The SCIM door's hook: one SCIM response sent."""
        self.scim.scim_answered(method=method, status=status, user_agent=user_agent)

    def exposition(self) -> bytes:
        """Every metric in Prometheus' text format (every worker's, in multi-process mode)."""
        self.gauges.sample()
        if self.multiprocess_dir is None:
            return generate_latest(self.registry)
        return multiprocess_exposition(self.multiprocess_dir)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """For the app's lifespan: in multi-process mode, keep this worker's gauges fresh,
        and take them out of the sums when it stops."""
        if self.multiprocess_dir is None:
            yield
            return
        sampler = asyncio.create_task(self._sample_every(SAMPLE_SECONDS))
        try:
            yield
        finally:
            sampler.cancel()
            mark_this_process_dead()

    async def _sample_every(self, seconds: float) -> None:
        while True:
            self.gauges.sample()
            await asyncio.sleep(seconds)


def multiprocess_exposition(path: str) -> bytes:
    """All workers' metrics from ``path``, once the dead workers' gauges are dropped."""
    mark_dead_workers(path)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=path)
    PlatformCollector(registry=registry)
    return generate_latest(registry)
