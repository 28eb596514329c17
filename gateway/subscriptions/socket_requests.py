"""Each subscription on a WebSocket as a request of its own, for the logs and metrics: its
record, its id (the connection's, a dot, its number on the connection), and the request
its resolvers see."""

from typing import Any

from starlette.websockets import WebSocket

from gateway.telemetry.operation import RECORD_STATE
from gateway.telemetry.request_record import RequestObservers, RequestRecord


class SocketRequests:
    """The subscriptions' requests of one connection, handed to the observers as each ends."""

    def __init__(
        self,
        websocket: WebSocket,
        *,
        request_id: str,
        endpoint: str,
        observers: RequestObservers,
    ) -> None:
        self.websocket = websocket
        # The handshake's X-Request-Id (or a new one), sent back in its answer.
        self.request_id = request_id
        self.endpoint = endpoint
        self.observers = observers
        # Known once ConnectionInit's token is accepted.
        self.tenant_id: int | None = None
        self._made = 0

    def new_record(self) -> RequestRecord:
        self._made += 1
        return RequestRecord(
            request_id=f"{self.request_id}.{self._made}",
            endpoint=self.endpoint,
            transport="websocket",
            tenant_id=self.tenant_id,
        )

    def request_of(self, record: RequestRecord) -> WebSocket:
        """The connection as one subscription's request: the handshake's headers and
        client, and a state of its own that holds the subscription's record (where the
        schema's RecordOperation writes the operation)."""
        scope = {**self.websocket.scope, "state": {}}
        request = WebSocket(scope, self.websocket.receive, self.websocket.send)
        setattr(request.state, RECORD_STATE, record)
        return request

    def finish(self, record: RequestRecord, *, status: int) -> None:
        record.finish(status=status, statements=record.statements)
        self.observers.request_finished(record)

    @staticmethod
    def name_errors(record: RequestRecord, errors: tuple[dict[str, Any], ...]) -> None:
        """Give each error the subscription's ``requestId``; count their codes."""
        for error in errors:
            error["extensions"] = {**error.get("extensions", {}), "requestId": record.request_id}
        record.add_error_codes(errors)
