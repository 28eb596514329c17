"""An app with traces on, whose spans the test reads from the SDK's in-memory exporter."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from io import StringIO
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import gateway.telemetry.tracing_setup as tracing_module
from db.engine import Database
from gateway.app import create_app
from gateway.settings import Settings
from gateway.telemetry.tracing_setup import Tracing

OTEL_VARIABLES = (
    "OTEL_SDK_DISABLED",
    "OTEL_TRACES_EXPORTER",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_PROTOCOL",
    "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
    "OTEL_SERVICE_NAME",
    "OTEL_RESOURCE_ATTRIBUTES",
)


def clear_otel_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@asynccontextmanager
async def traced_client(
    database: Database, monkeypatch: pytest.MonkeyPatch, **settings: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, InMemorySpanExporter, Tracing]]:
    """A client of an app built with traces on, an exporter holding every span at once, and
    the app's tracing (OTEL_TRACES_EXPORTER=console, printing into a buffer nobody reads)."""
    clear_otel_environment(monkeypatch)
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    monkeypatch.setattr(
        tracing_module, "ConsoleSpanExporter", lambda: ConsoleSpanExporter(out=StringIO())
    )
    app = create_app(Settings(database_url=database.url, **settings), database=database)
    tracing: Tracing = app.state.tracing
    memory = InMemorySpanExporter()
    tracing.provider.add_span_processor(SimpleSpanProcessor(memory))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://roster.test") as client:
            yield client, memory, tracing
    finally:
        await tracing.shutdown()


def all_attribute_text(spans: tuple[ReadableSpan, ...]) -> str:
    """Every span's name and attribute values, as one text to search for personal data."""
    parts = []
    for span in spans:
        parts.append(span.name)
        for key, value in (span.attributes or {}).items():
            parts.append(f"{key}={value!s}")
        for event in span.events:
            parts.extend(f"{key}={value!s}" for key, value in (event.attributes or {}).items())
    return "\n".join(parts)


def parent_of(span: ReadableSpan, spans: tuple[ReadableSpan, ...]) -> ReadableSpan | None:
    if span.parent is None:
        return None
    return next((s for s in spans if s.context.span_id == span.parent.span_id), None)


def ancestors(span: ReadableSpan, spans: tuple[ReadableSpan, ...]) -> list[str]:
    """The names of ``span``'s parent, its parent's parent..., up to the root."""
    names = []
    parent = parent_of(span, spans)
    while parent is not None:
        names.append(parent.name)
        parent = parent_of(parent, spans)
    return names


def opentelemetry_listeners(database: Database) -> list[object]:
    """The OpenTelemetry instrumentation's statement listeners on ``database``'s engine."""
    dispatch = database.engine.sync_engine.dispatch
    listeners = [*dispatch.before_cursor_execute, *dispatch.after_cursor_execute]
    return [fn for fn in listeners if "opentelemetry" in (getattr(fn, "__module__", "") or "")]
