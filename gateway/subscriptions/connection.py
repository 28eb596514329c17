"""One graphql-transport-ws connection: ConnectionInit/Ack within the init timeout, the
token from its payload, Ping/Pong, Subscribe/Next/Error/Complete, and the protocol's
close codes (4400 bad message, 4401 Subscribe before Ack, 4403 refused token, 4408 init
timeout, 4409 an id already in use, 4429 a second ConnectionInit)."""

import asyncio
import logging
from collections.abc import Mapping
from contextlib import aclosing, suppress
from typing import Any, NoReturn, cast

import orjson
from starlette.websockets import WebSocket, WebSocketState
from strawberry.schema.base import BaseSchema
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from db.engine import Database
from db.enums import Product
from db.statements import counting_statements
from db.types import utcnow
from gateway.auth.authenticate import Authenticator
from gateway.auth.bearer import bearer_from
from gateway.auth.errors import AuthenticationError
from gateway.documents.requests import DocumentPolicy, without_documents
from gateway.extensions import MASKED_MESSAGE
from gateway.http_request import GraphQLParams, params_of
from gateway.responses import Refusal, coded_error
from gateway.results import formatted_error, result_body
from gateway.settings import Settings
from gateway.subscriptions.limits import TOO_MANY_SUBSCRIPTIONS, SlotKey, SubscriptionSlots
from gateway.subscriptions.socket_requests import SocketRequests
from gateway.telemetry.request_context import request_id_set
from gateway.telemetry.request_record import RequestRecord
from gateway.webhooks.config import url_policy
from resolvers.context import RosterContext
from resolvers.events.source import EventSource
from resolvers.reader import Reader
from resolvers.subscriptions.caller_check import CallerCheck
from resolvers.token_refusal import refusal_of
from resolvers.tokens import TokenCaller, record_token_use

logger = logging.getLogger(__name__)

SUBPROTOCOL = "graphql-transport-ws"
BAD_MESSAGE, UNAUTHORIZED, FORBIDDEN = 4400, 4401, 4403
INIT_TIMEOUT, DUPLICATE_ID, TOO_MANY_INITS = 4408, 4409, 4429
# A close frame's reason holds at most 123 bytes.
_REASON_BYTES = 123


class _Closed(Exception):
    """The socket is closed (by the client, or by this side): the connection is over."""


def _token_of(payload: Mapping[str, Any]) -> str | None:
    """The token of ConnectionInit's payload: ``Authorization``/``authorization`` as a
    header's value (``Bearer <token>``), or ``token`` alone."""
    for key in ("Authorization", "authorization"):
        value = payload.get(key)
        if isinstance(value, str):
            return bearer_from(value)
    token = payload.get("token")
    if isinstance(token, str) and token.strip():
        return bearer_from(token) or token.strip()
    return None


class Connection:
    def __init__(
        self,
        websocket: WebSocket,
        *,
        schema: BaseSchema,
        database: Database,
        settings: Settings,
        products: tuple[Product, ...],
        events: EventSource | None,
        slots: SubscriptionSlots,
        requests: SocketRequests,
        documents: DocumentPolicy | None = None,
        authenticator: Authenticator | None = None,
    ) -> None:
        self.websocket = websocket
        self.requests = requests
        # The API's trusted documents; None on a subgraph's socket.
        self.documents = documents
        self.authenticator = authenticator or Authenticator.from_settings(settings)
        self.schema = schema
        self.database = database
        self.settings = settings
        self.products = products
        self.events = events
        self.slots = slots
        # The credential of ConnectionInit, as it was then: checked again per Subscribe.
        self.opened_with: CallerCheck | None = None
        self._init_received = False
        self._closed = False
        self._operations: dict[str, asyncio.Task[None]] = {}
        self._send_lock = asyncio.Lock()
        # The init deadline, then the keep-alive pings: they end with the connection.
        self._helpers: list[asyncio.Task[None]] = []

    async def serve(self) -> None:
        self._helpers.append(asyncio.create_task(self._init_deadline()))
        try:
            while True:
                await self._handle(await self._receive())
        except _Closed:
            pass
        finally:
            tasks = [*self._helpers, *self._operations.values()]
            for task in tasks:
                task.cancel()
            for task in tasks:
                with suppress(BaseException):
                    await task

    async def _receive(self) -> dict[str, Any]:
        message = await self.websocket.receive()
        if message["type"] == "websocket.disconnect":
            self._closed = True
            raise _Closed
        text = message.get("text")
        try:
            parsed = orjson.loads(text if text is not None else message.get("bytes") or b"")
        except orjson.JSONDecodeError:
            parsed = None
        if not isinstance(parsed, dict) or not isinstance(parsed.get("type"), str):
            await self._close(
                BAD_MESSAGE, "Invalid message received: send a JSON object with a type."
            )
        return parsed  # type: ignore[return-value]

    async def _handle(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "connection_init":
            await self._init(message.get("payload"))
        elif kind == "ping":
            await self._send({"type": "pong"})
        elif kind == "pong":
            return
        elif kind == "subscribe":
            await self._subscribe(message)
        elif kind == "complete":
            # The id is free again at once, whenever the cancelled task gets to end.
            task = self._operations.pop(str(message.get("id")), None)
            if task is not None:
                task.cancel()
        else:
            await self._close(BAD_MESSAGE, f"Invalid message received: unknown type {kind!r}.")

    async def _init(self, payload: Any) -> None:
        if self._init_received:
            await self._close(TOO_MANY_INITS, "Too many initialisation requests")
        self._init_received = True
        if payload is not None and not isinstance(payload, dict):
            await self._close(BAD_MESSAGE, "Invalid message received: payload must be an object.")
        token = _token_of(payload or {})
        reader = Reader(self.database)
        now = utcnow()
        try:
            found = await self.authenticator.authenticate_token(
                reader, token, self.products, now=now
            )
        except AuthenticationError as error:
            await self._close(FORBIDDEN, error.message)
        finally:
            await reader.finish()
        self.requests.tenant_id = found.caller.tenant_id
        self.opened_with = CallerCheck.opened_with(
            found,
            products=self.products,
            recheck_seconds=self.settings.subscription_recheck_seconds,
        )
        await self._send({"type": "connection_ack"})
        self._helpers.append(asyncio.create_task(self._keep_alive()))
        if found.token_id is not None and found.use_is_due(now):
            await record_token_use(self.database, token_id=found.token_id, now=now)

    async def _subscribe(self, message: dict[str, Any]) -> None:
        if self.opened_with is None:
            await self._close(UNAUTHORIZED, "Unauthorized")
        id_, payload = message.get("id"), message.get("payload")
        if not isinstance(id_, str) or not id_ or not isinstance(payload, dict):
            await self._close(
                BAD_MESSAGE, "Invalid message received: subscribe needs an id and a payload."
            )
        if id_ in self._operations:
            await self._close(DUPLICATE_ID, f"Subscriber for {id_} already exists")
        record = self.requests.new_record()
        try:
            params = params_of(payload)
            params = (
                self.documents.resolve(params)
                if self.documents is not None
                else without_documents(params)
            )
        except Refusal as refusal:
            await self._refuse(id_, record, refusal)
            return
        if len(self._operations) >= self.settings.subscriptions_per_connection:
            limit = self.settings.subscriptions_per_connection
            message_text = (
                f"This connection already holds {limit} subscriptions, the most allowed "
                "(ROSTER_SUBSCRIPTIONS_PER_CONNECTION): complete one first."
            )
            await self._refuse(id_, record, Refusal(429, message_text, TOO_MANY_SUBSCRIPTIONS))
            return
        found = await self._caller_now()
        if isinstance(found, str):
            await self._refuse(id_, record, Refusal(401, found, "UNAUTHENTICATED"))
            return
        slot = found.credential_key
        if not self.slots.take(slot):
            no_slot = Refusal(429, self.slots.refusal(slot), TOO_MANY_SUBSCRIPTIONS)
            await self._refuse(id_, record, no_slot)
            return
        task = asyncio.create_task(self._run(id_, params, found, record))
        self._operations[id_] = task
        # A callback, not the task's own ``finally``: a task cancelled before it ever ran
        # (the socket closed at once) runs none of its body.
        task.add_done_callback(lambda _: self._ended(id_, task, slot, record))

    async def _refuse(self, id_: str, record: RequestRecord, refusal: Refusal) -> None:
        """Refuse one subscription (the connection stays): recorded with the status the same
        refusal has over SSE."""
        try:
            await self._send_error(id_, record, coded_error(refusal.message, refusal.code, None))
        finally:
            self.requests.finish(record, status=refusal.status_code)

    async def _caller_now(self) -> TokenCaller | str:
        """The connection's caller as the database says now, or why they are refused."""
        assert self.opened_with is not None
        reader = Reader(self.database)
        try:
            found = await self.opened_with.caller_now(reader, now=utcnow())
        finally:
            await reader.finish()
        if found is None:
            return self.opened_with.gone_message
        return refusal_of(found, self.products) or found

    async def _run(
        self, id_: str, params: GraphQLParams, found: TokenCaller, record: RequestRecord
    ) -> None:
        with counting_statements() as statements, request_id_set(record.request_id):
            try:
                await self._stream(id_, params, found, record)
            finally:
                record.statements = statements.value

    async def _stream(
        self, id_: str, params: GraphQLParams, found: TokenCaller, record: RequestRecord
    ) -> None:
        context = RosterContext(
            database=self.database,
            caller=found.caller,
            reader=Reader(self.database),
            request=self.requests.request_of(record),
            events=self.events,
            webhook_urls=url_policy(self.settings),
            caller_check=CallerCheck.opened_with(
                found,
                products=self.products,
                recheck_seconds=self.settings.subscription_recheck_seconds,
            ),
        )
        try:
            results = await self.schema.stream(
                params.query,
                variable_values=params.variables,
                context_value=context,
                operation_name=params.operation_name,
                operation_extensions=params.extensions,
            )
            async with aclosing(results) as stream:  # type: ignore[type-var]
                async for result in stream:
                    if isinstance(result, PreExecutionError):
                        errors = [formatted_error(e, None) for e in result.errors or []]
                        await self._send_error(id_, record, *errors)
                        return
                    body = result_body(cast(ExecutionResult, result), request_id=record.request_id)
                    record.add_error_codes(body.get("errors") or ())
                    await self._send({"id": id_, "type": "next", "payload": body})
            await self._send({"id": id_, "type": "complete"})
        except (_Closed, asyncio.CancelledError):
            raise
        except Exception:
            logger.exception("a GraphQL subscription over WebSocket failed")
            with suppress(_Closed):
                failure = coded_error(MASKED_MESSAGE, "INTERNAL_SERVER_ERROR", None)
                await self._send_error(id_, record, failure)
        finally:
            await context.close()

    def _ended(
        self, id_: str, task: asyncio.Task[None], slot: SlotKey, record: RequestRecord
    ) -> None:
        if self._operations.get(id_) is task:
            del self._operations[id_]
        self.slots.give_back(slot)
        # Like a stream over SSE, a subscription that ran is a 200, whatever it sent.
        self.requests.finish(record, status=200)

    async def _init_deadline(self) -> None:
        await asyncio.sleep(self.settings.subscription_init_timeout_seconds)
        if not self._init_received:
            with suppress(_Closed):
                await self._close(INIT_TIMEOUT, "Connection initialisation timeout")

    async def _keep_alive(self) -> None:
        with suppress(_Closed):
            while True:
                await asyncio.sleep(self.settings.subscription_keep_alive_seconds)
                await self._send({"type": "ping"})

    async def _send_error(self, id_: str, record: RequestRecord, *errors: dict[str, Any]) -> None:
        """The protocol's ``error`` message: the errors named by the subscription's request
        id (``extensions.requestId``), their codes counted in its record."""
        self.requests.name_errors(record, errors)
        await self._send({"id": id_, "type": "error", "payload": list(errors)})

    async def _send(self, message: dict[str, Any]) -> None:
        async with self._send_lock:
            if self._closed or self.websocket.client_state is not WebSocketState.CONNECTED:
                raise _Closed
            try:
                await self.websocket.send_text(orjson.dumps(message).decode())
            except Exception as error:  # the client went away meanwhile
                self._closed = True
                raise _Closed from error

    async def _close(self, code: int, reason: str) -> NoReturn:
        """Close the socket with ``code``; raises ``_Closed`` (the connection is over)."""
        async with self._send_lock:
            if not self._closed:
                self._closed = True
                encoded = reason.encode()[:_REASON_BYTES]
                with suppress(Exception):
                    await self.websocket.close(code, encoded.decode(errors="ignore"))
        raise _Closed
