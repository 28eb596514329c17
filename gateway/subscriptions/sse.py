"""GraphQL over Server-Sent Events, distinct-connections mode (the graphql-sse protocol).

One request, one operation: the response is ``text/event-stream`` with an ``event: next``
message per execution result (``data:`` its JSON) and ``event: complete`` at the end; a
comment line (``:``) every ``keep_alive_seconds`` keeps proxies from closing a quiet
stream. Queries and mutations answer one ``next``, then ``complete``.
"""

import asyncio
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import suppress
from datetime import datetime
from typing import Any

import orjson
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send
from strawberry.schema.base import BaseSchema
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from db.engine import Database
from db.enums import Product
from gateway.extensions import MASKED_MESSAGE
from gateway.http_request import GraphQLParams
from gateway.negotiation import names_media_type
from gateway.responses import Refusal, coded_error
from gateway.results import result_body
from gateway.settings import Settings
from gateway.subscriptions.limits import TOO_MANY_SUBSCRIPTIONS, SubscriptionSlots
from gateway.telemetry.request_record import RequestRecord
from resolvers.context import RosterContext
from resolvers.subscriptions.caller_check import CallerCheck
from resolvers.tokens import TokenCaller, record_token_use

logger = logging.getLogger(__name__)

EVENT_STREAM = "text/event-stream"
KEEP_ALIVE = b":\n\n"
COMPLETE = b"event: complete\ndata:\n\n"


def wants_event_stream(accept: str | None) -> bool:
    """True when Accept names text/event-stream (a wildcard alone does not)."""
    return names_media_type(accept, EVENT_STREAM)


def next_message(body: object) -> bytes:
    return b"event: next\ndata: " + orjson.dumps(body) + b"\n\n"


class EventStream:
    """The ASGI response streaming ``results``; ``on_close`` runs once it ends, however
    it ends (completed, the client gone, the server stopping). The error codes of what it
    sends go into the request's ``record``."""

    def __init__(
        self,
        results: AsyncGenerator[ExecutionResult, None],
        *,
        record: RequestRecord,
        keep_alive_seconds: float,
        on_start: Callable[[], Awaitable[None]] | None = None,
        on_close: Callable[[], Awaitable[None]],
    ) -> None:
        self.results = results
        self.record = record
        self.keep_alive_seconds = keep_alive_seconds
        self.on_start = on_start
        self.on_close = on_close
        self.status_code = 200
        # Response headers beside the stream's own (the request id, say).
        self.headers: dict[str, str] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = StreamingResponse(
            self._messages(),
            media_type=EVENT_STREAM,
            headers={**self.headers, "Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
        try:
            await response(scope, receive, send)
        finally:
            try:
                await self.results.aclose()
            finally:
                await self.on_close()

    async def _messages(self) -> AsyncIterator[bytes]:
        # The next result is awaited in a task of its own: a keep-alive is written while
        # it waits, and the wait is never cancelled for one.
        pending: asyncio.Future[ExecutionResult] | None = None
        request_id = self.record.request_id
        try:
            yield KEEP_ALIVE  # the headers and a first line go out at once
            if self.on_start is not None:
                await self.on_start()
            while True:
                if pending is None:
                    pending = asyncio.ensure_future(anext(self.results))
                done, _ = await asyncio.wait({pending}, timeout=self.keep_alive_seconds)
                if not done:
                    yield KEEP_ALIVE
                    continue
                try:
                    result = pending.result()
                except StopAsyncIteration:
                    break
                except Exception:
                    logger.exception("a GraphQL stream failed")
                    failure = coded_error(MASKED_MESSAGE, "INTERNAL_SERVER_ERROR", request_id)
                    yield self._next({"errors": [failure]})
                    break
                finally:
                    if pending.done():
                        pending = None
                yield self._next(result_body(result, request_id=request_id))
            yield COMPLETE
        finally:
            if pending is not None and not pending.done():
                pending.cancel()
                with suppress(BaseException):
                    await pending

    def _next(self, body: dict[str, Any]) -> bytes:
        """The ``next`` message of ``body``, its errors' codes counted in the record."""
        self.record.add_error_codes(body.get("errors") or ())
        return next_message(body)


async def open_event_stream(
    schema: BaseSchema,
    *,
    database: Database,
    settings: Settings,
    products: tuple[Product, ...],
    slots: SubscriptionSlots,
    params: GraphQLParams,
    context: RosterContext,
    found: TokenCaller,
    now: datetime,
    allowed: frozenset[OperationType],
    record: RequestRecord,
) -> EventStream:
    """The operation's results as GraphQL over SSE, the caller checked again on each
    event; the stream holds one of its credential's subscription slots until it ends,
    and closes ``context`` then. Refused (429) when the credential holds all its slots."""
    slot = found.credential_key
    if not slots.take(slot):
        raise Refusal(429, slots.refusal(slot), TOO_MANY_SUBSCRIPTIONS)
    context.caller_check = CallerCheck.opened_with(
        found, products=products, recheck_seconds=settings.subscription_recheck_seconds
    )
    try:
        results = await schema.stream(
            params.query,
            variable_values=params.variables,
            context_value=context,
            operation_name=params.operation_name,
            operation_extensions=params.extensions,
            allowed_operation_types=allowed,
        )
    except BaseException:
        slots.give_back(slot)
        raise

    async def start() -> None:
        if found.token_id is not None and found.use_is_due(now):
            await record_token_use(database, token_id=found.token_id, now=now)

    async def close() -> None:
        try:
            await context.close()
        finally:
            slots.give_back(slot)

    return EventStream(
        results,  # type: ignore[arg-type]
        record=record,
        keep_alive_seconds=settings.subscription_keep_alive_seconds,
        on_start=start,
        on_close=close,
    )
