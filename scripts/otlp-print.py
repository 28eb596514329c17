"""A development receiver of traces: listens for OTLP over HTTP (protobuf, POST /v1/traces)
and prints each trace it receives as a tree of spans, with their service and duration.

    .venv/bin/python scripts/otlp-print.py [--port 4318]
    OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 make router     # in another terminal

Spans arrive in batches (the exporters send every few seconds, or as the processes stop):
a trace is printed again, whole, each time more of its spans arrive. For anything more, use
a real collector (docs/observability.md).
"""

import argparse
import gzip
import threading
from collections import defaultdict
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

# trace id -> span id -> (service, name, parent span id, start, end)
Span = tuple[str, str, str, int, int]
traces: dict[str, dict[str, Span]] = defaultdict(dict)
lock = threading.Lock()


def request_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The POST's body: sized, or chunked (Node's exporter streams it), maybe gzipped."""
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while size := int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16):
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
        while handler.rfile.readline().strip():  # trailers, up to the blank line
            pass
        body = b"".join(chunks)
    else:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
    if handler.headers.get("Content-Encoding", "").lower() == "gzip":
        body = gzip.decompress(body)
    return body


def received(request: ExportTraceServiceRequest) -> set[str]:
    """Stores the request's spans; the ids of the traces they belong to."""
    touched = set()
    for resource_spans in request.resource_spans:
        service = next(
            (
                a.value.string_value
                for a in resource_spans.resource.attributes
                if a.key == "service.name"
            ),
            "?",
        )
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                trace_id = span.trace_id.hex()
                traces[trace_id][span.span_id.hex()] = (
                    service,
                    span.name,
                    span.parent_span_id.hex(),
                    span.start_time_unix_nano,
                    span.end_time_unix_nano,
                )
                touched.add(trace_id)
    return touched


def printed(trace_id: str) -> str:
    spans = traces[trace_id]
    children: dict[str, list[str]] = defaultdict(list)
    for span_id, (_, _, parent, _start, _) in sorted(spans.items(), key=lambda item: item[1][3]):
        children[parent if parent in spans else ""].append(span_id)
    lines = [f"trace {trace_id} ({len(spans)} spans)"]

    def walk(span_id: str, depth: int) -> None:
        service, name, _, start, end = spans[span_id]
        lines.append(f"{'  ' * depth}- {name}  [{service}]  {(end - start) / 1e6:.1f} ms")
        for child in children[span_id]:
            walk(child, depth + 1)

    for root in children[""]:
        walk(root, 1)
    return "\n".join(lines)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = request_body(self)
        if self.path != "/v1/traces":
            self.send_error(404, "only traces here (POST /v1/traces)")
            return
        request = ExportTraceServiceRequest()
        request.ParseFromString(body)
        with lock:
            for trace_id in sorted(received(request)):
                print(printed(trace_id), flush=True)
        answer = ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4318)
    options = parser.parse_args()
    server = ThreadingHTTPServer((options.host, options.port), Handler)
    print(f"OTLP/HTTP traces: http://{options.host}:{options.port}/v1/traces", flush=True)
    with suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
