"""A tracer provider whose tracers start spans only inside a trace already under way.

Given to the SQLAlchemy instrumentation: a statement run for a request is a span of that
request's trace, while the background worker's polls, the event bus and the pool's
connections, outside any request, make no span (each would be a trace of its own, every
few seconds).
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import INVALID_SPAN, Link, Span, SpanKind, Tracer, TracerProvider
from opentelemetry.util.types import Attributes


def _in_a_trace(context: Context | None) -> bool:
    return trace.get_current_span(context).get_span_context().is_valid


class InTraceTracer(Tracer):
    """``tracer``, but for spans that would start a trace: those are not made."""

    def __init__(self, tracer: Tracer) -> None:
        self._tracer = tracer

    def start_span(
        self,
        name: str,
        context: Context | None = None,
        kind: SpanKind = SpanKind.INTERNAL,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        start_time: int | None = None,
        record_exception: bool = True,
        set_status_on_exception: bool = True,
    ) -> Span:
        if not _in_a_trace(context):
            return INVALID_SPAN
        return self._tracer.start_span(
            name,
            context,
            kind,
            attributes,
            links,
            start_time,
            record_exception,
            set_status_on_exception,
        )

    @contextmanager
    def start_as_current_span(  # type: ignore[override]
        self, name: str, context: Context | None = None, *args: Any, **kwargs: Any
    ) -> Iterator[Span]:
        if not _in_a_trace(context):
            yield INVALID_SPAN
            return
        with self._tracer.start_as_current_span(name, context, *args, **kwargs) as span:
            yield span


class InTraceTracerProvider(TracerProvider):
    """``provider``'s tracers, as InTraceTracers."""

    def __init__(self, provider: TracerProvider) -> None:
        self._provider = provider

    def get_tracer(
        self,
        instrumenting_module_name: str,
        instrumenting_library_version: str | None = None,
        schema_url: str | None = None,
        attributes: Attributes | None = None,
    ) -> Tracer:
        return InTraceTracer(
            self._provider.get_tracer(
                instrumenting_module_name, instrumenting_library_version, schema_url, attributes
            )
        )
