"""What the telemetry bench compares: each configuration is the environment one `roster
serve` process runs with. The first is the baseline every ratio is taken against; add a
configuration (metrics, JSON logs...) by appending it here."""

from dataclasses import dataclass, field

# Replaced, in an environment's values, by the URL of the bench's OTLP sink.
OTLP_SINK = "{otlp_sink}"


@dataclass(frozen=True)
class Configuration:
    name: str
    title: str
    env: dict[str, str] = field(default_factory=dict)

    def environment(self, otlp_sink: str) -> dict[str, str]:
        return {key: value.replace(OTLP_SINK, otlp_sink) for key, value in self.env.items()}


# Metrics are always counted (about 10 µs a request): every configuration pays them alike.
QUIET = {"ROSTER_LOG_LEVEL": "WARNING"}

CONFIGURATIONS = [
    Configuration("off", "no traces, no request log line (ROSTER_LOG_LEVEL=WARNING)", dict(QUIET)),
    Configuration(
        "logs-json",
        "a JSON log line per request (production's ROSTER_LOG_FORMAT=json)",
        {"ROSTER_LOG_FORMAT": "json"},
    ),
    Configuration(
        "logs-text",
        "a text log line per request (development's ROSTER_LOG_FORMAT=text)",
        {"ROSTER_LOG_FORMAT": "text"},
    ),
    Configuration(
        "traces",
        "traces on: OTLP/HTTP to a local receiver, batched; no request log line",
        {**QUIET, "OTEL_EXPORTER_OTLP_ENDPOINT": OTLP_SINK},
    ),
    Configuration(
        "everything",
        "traces on and a JSON log line per request",
        {"ROSTER_LOG_FORMAT": "json", "OTEL_EXPORTER_OTLP_ENDPOINT": OTLP_SINK},
    ),
    Configuration(
        "traces-resolvers",
        "traces on, a span per resolver call too (ROSTER_TRACE_RESOLVERS=true)",
        {**QUIET, "OTEL_EXPORTER_OTLP_ENDPOINT": OTLP_SINK, "ROSTER_TRACE_RESOLVERS": "true"},
    ),
    # What resolver spans cost beyond the planned executor they turn off.
    Configuration(
        "stock-executor",
        "no instrumentation, graphql-core's stock execution (ROSTER_PLANNED_EXECUTION=false)",
        {**QUIET, "ROSTER_PLANNED_EXECUTION": "false"},
    ),
]
