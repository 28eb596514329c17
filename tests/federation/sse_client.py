"""A GraphQL over SSE subscriber for tests: one POST with ``Accept: text/event-stream``,
read on a thread of its own, each ``next`` result kept for the test to wait on."""

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

Result = dict[str, Any]


class Subscription:
    """The results one stream has received so far, and whether it has ended."""

    def __init__(self) -> None:
        self.results: list[Result] = []
        self.ended = False
        self.failure: BaseException | None = None
        self._changed = threading.Condition()

    def wait_for(
        self, matches: Callable[[Result], bool], *, after: int = 0, timeout: float
    ) -> int | None:
        """The index of the first result from ``after`` on that ``matches``, waiting up to
        ``timeout`` seconds for it; None when none came in time or the stream ended."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for index in range(after, len(self.results)):
                    if matches(self.results[index]):
                        return index
                after = len(self.results)
                left = deadline - time.monotonic()
                if left <= 0 or self.ended:
                    return None
                self._changed.wait(left)

    def _received(self, result: Result) -> None:  # by the reader thread
        with self._changed:
            self.results.append(result)
            self._changed.notify_all()

    def _end(self, failure: BaseException | None) -> None:
        with self._changed:
            self.ended = True
            self.failure = failure
            self._changed.notify_all()

    def read(self, response: httpx.Response) -> None:
        """Parses the event stream (blank-line separated events; ``:`` lines keep it alive)."""
        failure: BaseException | None = None
        try:
            event, data = "message", list[str]()
            for line in response.iter_lines():
                if line == "":
                    if event == "next" and data:
                        self._received(json.loads("\n".join(data)))
                    if event == "complete":
                        return
                    event, data = "message", list[str]()
                elif line.startswith(":"):
                    continue
                else:
                    field, _, value = line.partition(":")
                    value = value.removeprefix(" ")
                    if field == "event":
                        event = value
                    elif field == "data":
                        data.append(value)
        except httpx.HTTPError as error:  # closed by the test, or the server went away
            failure = error
        finally:
            self._end(failure)


@contextmanager
def subscribed(
    url: str, query: str, headers: dict[str, str], *, timeout: float = 30
) -> Iterator[Subscription]:
    """Subscribes to ``query`` at ``url``; the stream is closed when the block ends."""
    subscription = Subscription()
    client = httpx.Client(timeout=httpx.Timeout(timeout, read=None))
    try:
        request = client.build_request(
            "POST",
            url,
            json={"query": query},
            headers={**headers, "Accept": "text/event-stream"},
        )
        response = client.send(request, stream=True)
        assert response.status_code == 200, response.read().decode()
        assert response.headers["content-type"].startswith("text/event-stream")
        reader = threading.Thread(target=subscription.read, args=(response,), daemon=True)
        reader.start()
        try:
            yield subscription
        finally:
            # Closing the response waits for the blocked read to return, which it does
            # only at the next keep-alive; shutting the socket down ends it at once.
            stream = response.extensions.get("network_stream")
            connection = stream.get_extra_info("socket") if stream is not None else None
            if connection is not None:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            reader.join(timeout=10)
            response.close()
    finally:
        client.close()
