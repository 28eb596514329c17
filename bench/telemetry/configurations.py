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


CONFIGURATIONS = [
    Configuration("off", "no instrumentation (no OTEL_* variable)"),
    Configuration(
        "traces",
        "traces on: OTLP/HTTP to a local receiver, batched",
        {"OTEL_EXPORTER_OTLP_ENDPOINT": OTLP_SINK},
    ),
    Configuration(
        "traces-resolvers",
        "traces on, a span per resolver call too (ROSTER_TRACE_RESOLVERS=true)",
        {"OTEL_EXPORTER_OTLP_ENDPOINT": OTLP_SINK, "ROSTER_TRACE_RESOLVERS": "true"},
    ),
    # What resolver spans cost beyond the planned executor they turn off.
    Configuration(
        "stock-executor",
        "no instrumentation, graphql-core's stock execution (ROSTER_PLANNED_EXECUTION=false)",
        {"ROSTER_PLANNED_EXECUTION": "false"},
    ),
]
