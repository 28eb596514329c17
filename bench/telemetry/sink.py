"""The bench's OTLP/HTTP receiver, in its own process: reads each export and answers 200,
decoding nothing, so that what the bench measures is the exporting side.

    python -m bench.telemetry.sink --port PORT
"""

import argparse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.federation.otlp_receiver import request_body


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a collector answers
    exports = 0  # POSTs received so far

    def do_GET(self) -> None:
        self._answer(str(Sink.exports).encode())

    def do_POST(self) -> None:
        request_body(self)
        Sink.exports += 1
        self._answer(b"")

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()


if __name__ == "__main__":
    main()
