"""A development receiver of traces: listens for OTLP over HTTP (protobuf, POST /v1/traces)
and prints each trace it receives as a tree of spans, with their service and duration.

    .venv/bin/python scripts/otlp-print.py [--port 4318]
    OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 make router     # in another terminal

Spans arrive in batches (the exporters send every few seconds, or as the processes stop):
a trace is printed again, whole, each time more of its spans arrive. For anything more, use
a real collector (docs/observability.md).
"""

import argparse
import sys
from collections import defaultdict
from contextlib import suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.federation.otlp_receiver import OtlpReceiver, ReceivedSpan, otlp_server

# trace id -> span id -> span, for every trace received so far
traces: dict[str, dict[str, ReceivedSpan]] = defaultdict(dict)


def printed(trace_id: str) -> str:
    spans = traces[trace_id]
    children: dict[str, list[str]] = defaultdict(list)
    for span in sorted(spans.values(), key=lambda span: span.start_ns):
        parent = span.parent_span_id
        children[parent if parent in spans else ""].append(span.span_id)
    lines = [f"trace {trace_id} ({len(spans)} spans)"]

    def walk(span_id: str, depth: int) -> None:
        span = spans[span_id]
        duration = (span.end_ns - span.start_ns) / 1e6
        lines.append(f"{'  ' * depth}- {span.name}  [{span.service}]  {duration:.1f} ms")
        for child in children[span_id]:
            walk(child, depth + 1)

    for root in children[""]:
        walk(root, 1)
    return "\n".join(lines)


def print_traces(spans: list[ReceivedSpan]) -> None:
    for span in spans:
        traces[span.trace_id][span.span_id] = span
    for trace_id in sorted({span.trace_id for span in spans}):
        print(printed(trace_id), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4318)
    options = parser.parse_args()
    receiver = OtlpReceiver(on_add=print_traces)
    server = otlp_server(receiver, options.host, options.port)
    print(f"OTLP/HTTP traces: {receiver.url}/v1/traces", flush=True)
    with suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
