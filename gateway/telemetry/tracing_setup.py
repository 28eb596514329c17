"""What gateway/telemetry/tracing.py installs once traces are on: the tracer provider and
its exporters, the ASGI middleware, the GraphQL extension and the SQLAlchemy listeners."""

import asyncio
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.metrics import NoOpMeterProvider
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SpanExporter,
)
from opentelemetry.trace import Span
from opentelemetry.util.http import get_excluded_urls
from starlette.middleware import Middleware

from db.engine import Database
from gateway.extensions import Extension
from gateway.telemetry.tracing_graphql import (
    OperationSpans,
    ResolverSpans,
    personal_data_filter,
)
from gateway.telemetry.tracing_scope import InTraceTracerProvider

DEFAULT_SERVICE_NAME = "roster"
# Probes answer every few seconds: a trace each would bury the requests.
DEFAULT_EXCLUDED_URLS = "/healthz,/readyz"
EXCLUDED_URLS_VARIABLES = ("OTEL_PYTHON_ASGI_EXCLUDED_URLS", "OTEL_PYTHON_EXCLUDED_URLS")
# URL attributes the ASGI instrumentation writes with the query string, which for a GraphQL
# GET is the document and its variables.
_URL_ATTRIBUTES = ("http.url", "url.full")
_TARGET_ATTRIBUTES = ("http.target",)
_QUERY_ATTRIBUTES = ("url.query",)


def _exporter(name: str) -> SpanExporter:
    if name == "console":
        return ConsoleSpanExporter()
    # Imported here: its HTTP client is loaded only when spans go somewhere.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()  # endpoint, headers, timeout: its OTEL_EXPORTER_OTLP_* variables


def service_resource(only_subgraph: str | None) -> Resource:
    """The environment's resource; its service name ``roster`` (``roster-<subgraph>`` for a
    process serving one subgraph) unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES names it."""
    resource = Resource.create()
    if str(resource.attributes.get(SERVICE_NAME, "")).startswith("unknown_service"):
        name = f"{DEFAULT_SERVICE_NAME}-{only_subgraph}" if only_subgraph else DEFAULT_SERVICE_NAME
        resource = resource.merge(Resource({SERVICE_NAME: name}))
    return resource


def hide_query_string(span: Span, scope: Mapping[str, Any]) -> None:
    """The ASGI server span's URL attributes without the query string (a GET's document
    and variables, which may be personal data)."""
    if not scope.get("query_string") or not span.is_recording():
        return
    attributes: Mapping[str, Any] = getattr(span, "attributes", None) or {}
    for key in _URL_ATTRIBUTES:
        if key in attributes:
            span.set_attribute(key, str(attributes[key]).split("?", 1)[0])
    for key in _TARGET_ATTRIBUTES:
        if key in attributes:
            span.set_attribute(key, str(scope.get("path", "")))
    for key in _QUERY_ATTRIBUTES:
        if key in attributes:
            span.set_attribute(key, "")


@dataclass
class Tracing:
    """The tracer provider of one app, and what it installs there."""

    provider: TracerProvider
    trace_resolvers: bool

    def graphql_extension(self) -> Extension:
        """The schema extension making the GraphQL spans (per resolver too, if asked)."""
        spans = ResolverSpans if self.trace_resolvers else OperationSpans
        provider = self.provider
        return lambda: spans(arg_filter=personal_data_filter, tracer_provider=provider)

    def middleware(self) -> Middleware:
        """The ASGI server span of each HTTP request and WebSocket."""
        named = any(os.environ.get(name) for name in EXCLUDED_URLS_VARIABLES)
        return Middleware(
            OpenTelemetryMiddleware,
            excluded_urls=get_excluded_urls("ASGI") if named else DEFAULT_EXCLUDED_URLS,
            tracer_provider=self.provider,
            # Metrics are Prometheus' (/metrics); no per-message send/receive spans.
            meter_provider=NoOpMeterProvider(),
            exclude_spans=["receive", "send"],
            server_request_hook=hide_query_string,
        )

    def instrument(self, database: Database) -> None:
        """A span for each SQL statement ``database`` runs. One engine per process: a
        second app's engine takes the listeners over (tests build several apps)."""
        instrumentor = SQLAlchemyInstrumentor()
        if instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.uninstrument()
        # The instrumentation declares SQLAlchemy < 2.1; its engine events are unchanged in
        # 2.1 (tests/telemetry/test_tracing.py proves the spans).
        instrumentor.instrument(
            engine=database.engine.sync_engine,
            # A statement outside a request (the worker's, the bus's) makes no trace of its own.
            tracer_provider=InTraceTracerProvider(self.provider),
            skip_dep_check=True,
        )

    async def shutdown(self) -> None:
        """Exports what is still batched, then stops (the app's lifespan ends)."""
        instrumentor = SQLAlchemyInstrumentor()
        if instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.uninstrument()
        await asyncio.to_thread(self.provider.shutdown)


def new_tracing(
    exporters: list[str], *, trace_resolvers: bool, only_subgraph: str | None
) -> Tracing:
    """A tracer provider batching its spans to each of ``exporters``."""
    # The sampler is OTEL_TRACES_SAMPLER's (parent-based, always on by default).
    provider = TracerProvider(resource=service_resource(only_subgraph))
    for name in exporters:
        provider.add_span_processor(BatchSpanProcessor(_exporter(name)))
    return Tracing(provider, trace_resolvers)
