"""OpenTelemetry traces, on only when the standard ``OTEL_*`` environment asks for them.

On: OTEL_TRACES_EXPORTER names an exporter other than ``none`` (``otlp``: OTLP over HTTP
with protobuf; ``console``), or OTEL_EXPORTER_OTLP_ENDPOINT / ..._TRACES_ENDPOINT is set
(then ``otlp``). The SDK reads the rest itself: OTEL_SERVICE_NAME and
OTEL_RESOURCE_ATTRIBUTES (the resource), OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_* (batching),
OTEL_EXPORTER_OTLP_* (where and how to export). Off: nothing is installed, no middleware,
no schema extension, no SQLAlchemy listener; this module's imports are the only cost.

A request's spans: the ASGI server span (its parent taken from the incoming W3C
``traceparent``, so a trace runs from the router into each subgraph), the GraphQL operation,
parsing, validation and execution (gateway/telemetry/tracing_graphql.py) and, under the
execution, each SQL statement (without its parameters: SQLAlchemy sends them apart).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from gateway.settings import SettingsError

if TYPE_CHECKING:
    from gateway.telemetry.tracing_setup import Tracing

EXPORTERS = ("otlp", "console")
OTLP_PROTOCOL = "http/protobuf"


def exporter_names(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The trace exporters the environment asks for; empty: traces are off."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return []
    raw = environ.get("OTEL_TRACES_EXPORTER", "")
    names = [name.strip().lower() for name in raw.split(",") if name.strip()]
    if not names:
        endpoints = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        return ["otlp"] if any(environ.get(name) for name in endpoints) else []
    names = [name for name in names if name != "none"]
    unknown = [name for name in names if name not in EXPORTERS]
    if unknown:
        raise SettingsError(
            f"OTEL_TRACES_EXPORTER={raw}: roster exports traces with otlp (OTLP over HTTP) "
            "or console; none turns them off"
        )
    return names


def _check_protocol(environ: Mapping[str, str]) -> None:
    for name in ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"):
        protocol = environ.get(name, "").strip()
        if protocol:
            if protocol != OTLP_PROTOCOL:
                raise SettingsError(
                    f"{name}={protocol}: roster exports OTLP over HTTP only; write "
                    f"{OTLP_PROTOCOL} (a collector's port 4318)"
                )
            return


def start_tracing(
    *, trace_resolvers: bool, only_subgraph: str | None, environ: Mapping[str, str] = os.environ
) -> Tracing | None:
    """The app's tracing when the environment asks for traces, else None (and not one
    OpenTelemetry module imported)."""
    names = exporter_names(environ)
    if not names:
        return None
    if "otlp" in names:
        _check_protocol(environ)
    from gateway.telemetry.tracing_setup import new_tracing

    return new_tracing(names, trace_resolvers=trace_resolvers, only_subgraph=only_subgraph)
