"""The GraphQL endpoint: GraphQL over HTTP, body limit, authentication, time limit, execution.

Every refusal before execution is an HTTP status with one GraphQL error that
has a code. Results follow the GraphQL-over-HTTP spec: with
application/graphql-response+json a request error (a document that does not
parse or validate, variables that do not coerce) is a 400 without `data`;
with application/json it is a 200, as older clients expect.
"""

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Iterable

from graphql import GraphQLError
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from db.engine import Database
from db.enums import Product
from db.statements import counting_statements
from db.types import utcnow
from gateway.auth.authenticate import Authenticator
from gateway.auth.errors import AuthenticationError
from gateway.documents.requests import DocumentPolicy, without_documents
from gateway.extensions import MASKED_MESSAGE
from gateway.faults import database_unavailable, is_database_unavailable
from gateway.graphiql import render_graphiql
from gateway.http_request import GraphQLParams, params_from_body, params_from_query_string
from gateway.loopback import is_loopback_host
from gateway.negotiation import response_media_type
from gateway.responses import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    Refusal,
    graphql_error_response,
    json_response,
    refusal_response,
)
from gateway.results import result_body
from gateway.settings import Settings
from gateway.subscriptions.limits import SubscriptionSlots
from gateway.subscriptions.sse import EventStream, open_event_stream, wants_event_stream
from gateway.telemetry.operation import RECORD_STATE
from gateway.telemetry.request_context import request_id_set
from gateway.telemetry.request_record import (
    REQUEST_ID_HEADER,
    RequestObservers,
    RequestRecord,
    request_id_of,
)
from gateway.webhooks.config import url_policy
from resolvers.context import RosterContext
from resolvers.events.source import EventSource
from resolvers.reader import Reader
from resolvers.tokens import record_token_use

logger = logging.getLogger(__name__)

SUBGRAPH_SECRET_HEADER = "x-roster-subgraph-secret"
ALLOWED_METHODS = "GET, POST"
QUERIES_ONLY = frozenset({OperationType.QUERY})
# A subscription's results come over time: only a stream (SSE, WebSocket) carries them.
NOT_SUBSCRIPTIONS = frozenset({OperationType.QUERY, OperationType.MUTATION})
STREAM_OVER_GET = frozenset({OperationType.QUERY, OperationType.SUBSCRIPTION})
ANY_OPERATION = frozenset(OperationType)
SUBSCRIPTION_NEEDS_A_STREAM = (
    "Subscriptions are served as a stream: send this request with Accept: "
    "text/event-stream (GraphQL over SSE), or over WebSocket (graphql-transport-ws)."
)


def _being_cancelled() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def _is_internal_failure(errors: Iterable[GraphQLError]) -> bool:
    return any(error.message == MASKED_MESSAGE and error.path is None for error in errors)


def _masked_failure(media_type: str, record: RequestRecord) -> Response:
    """The 500 of a fault (logged by the caller): nothing of it shown, the request named."""
    record.error_codes.append("INTERNAL_SERVER_ERROR")
    return graphql_error_response(
        500, MASKED_MESSAGE, "INTERNAL_SERVER_ERROR", None, media_type, request_id=record.request_id
    )


class GraphQLEndpoint:
    """One schema behind the checks every request passes before execution."""

    def __init__(
        self,
        schema: BaseSchema,
        *,
        database: Database,
        settings: Settings,
        products: Iterable[Product],
        graphiql: bool = True,
        graphiql_token: str = "",
        subgraph_secret: str = "",
        events: EventSource | None = None,
        subscription_slots: SubscriptionSlots | None = None,
        name: str = "api",
        observers: RequestObservers | None = None,
        documents: DocumentPolicy | None = None,
        authenticator: Authenticator | None = None,
    ) -> None:
        self.schema = schema
        # The API's trusted documents; None on a subgraph's, which runs the text it is sent.
        self.documents = documents
        self.authenticator = authenticator or Authenticator.from_settings(settings)
        self.name = name
        self.observers = observers or RequestObservers()
        self.events = events
        self.subscription_slots = subscription_slots or SubscriptionSlots(
            settings.subscriptions_per_token
        )
        self.database = database
        self.settings = settings
        self.webhook_urls = url_policy(settings)
        self.products = tuple(products)
        self.graphiql = graphiql
        self.graphiql_token = graphiql_token
        # Empty: the endpoint is not closed to all but the router (development only).
        self.subgraph_secret_digest = (
            hashlib.sha256(subgraph_secret.encode()).digest() if subgraph_secret else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if self.graphiql and self._wants_graphiql(request):
            await self._graphiql_page(request)(scope, receive, send)
            return
        record = RequestRecord(request_id=request_id_of(request.headers), endpoint=self.name)
        setattr(request.state, RECORD_STATE, record)
        status = 500
        with counting_statements() as statements, request_id_set(record.request_id):
            try:
                response = await self._answer(request, record)
                status = response.status_code
                response.headers[REQUEST_ID_HEADER] = record.request_id
                await response(scope, receive, send)
            finally:
                record.finish(status=status, statements=statements.value)
                self.observers.request_finished(record)

    @staticmethod
    def _wants_graphiql(request: Request) -> bool:
        accept = request.headers.get("accept", "")
        return (
            request.method == "GET"
            and "query" not in request.query_params
            and "documentId" not in request.query_params
            and "text/html" in accept
        )

    def _graphiql_page(self, request: Request) -> Response:
        token = self.graphiql_token if self._is_local_browser(request) else None
        page = HTMLResponse(render_graphiql(request.url.path, token=token))
        if token:
            page.headers["Cache-Control"] = "no-store"
        return page

    @staticmethod
    def _is_local_browser(request: Request) -> bool:
        # The client's address alone is not enough: a page whose host name an attacker
        # rebinds to 127.0.0.1 reaches this process from loopback, under the attacker's
        # name (the Host header), and could read the page as same-origin.
        client = request.client.host if request.client else None
        return is_loopback_host(client) and is_loopback_host(request.url.hostname)

    async def _answer(self, request: Request, record: RequestRecord) -> Response | EventStream:
        media_type = JSON
        try:
            accept = request.headers.get("accept")
            stream = wants_event_stream(accept)
            if not stream:
                media_type = response_media_type(accept)
            else:
                record.transport = "sse"
            return await self._handle(request, media_type, record, stream=stream)
        except Refusal as refusal:
            record.error_codes.append(refusal.code)
            return refusal_response(refusal, media_type, request_id=record.request_id)
        except asyncio.CancelledError:
            if _being_cancelled():
                raise
            # A cancellation this request did not ask for: work shared between fields was
            # cancelled under one of them. It is a fault like any other.
            logger.exception("a GraphQL request's work was cancelled from within")
            return _masked_failure(media_type, record)
        except Exception as error:  # the last line of defence: log it, show nothing of it
            if is_database_unavailable(error):
                logger.warning("database unavailable answering a GraphQL request: %r", error)
                unavailable = database_unavailable()
                record.error_codes.append(unavailable.code)
                return refusal_response(unavailable, media_type, request_id=record.request_id)
            logger.exception("unexpected failure answering a GraphQL request")
            return _masked_failure(media_type, record)

    async def _handle(
        self, request: Request, media_type: str, record: RequestRecord, *, stream: bool
    ) -> Response | EventStream:
        if request.method not in ("GET", "POST"):
            raise Refusal(
                405,
                "GraphQL is served over GET and POST.",
                "METHOD_NOT_ALLOWED",
                {"Allow": ALLOWED_METHODS},
            )
        if self.subgraph_secret_digest is not None and not self._has_subgraph_secret(request):
            raise Refusal(403, "Subgraph endpoints answer only the federation router.", "FORBIDDEN")
        if request.method == "GET":
            params = params_from_query_string(request.query_params)
        else:
            body = await self._read_body(request)
            params = params_from_body(request.headers.get("content-type"), body)
        # Before anything is parsed: the registered text an id names, or the refusal of
        # free text where only trusted documents run.
        documents = self.documents
        params = documents.resolve(params) if documents is not None else without_documents(params)
        reader = Reader(self.database)
        context = None
        try:
            try:
                now = utcnow()
                found = await self.authenticator.authenticate(
                    reader, request.headers, self.products, now=now
                )
            except AuthenticationError as error:
                headers = (
                    {"WWW-Authenticate": 'Bearer error="invalid_token"'}
                    if error.status == 401
                    else {"Retry-After": "5"}
                )
                raise Refusal(error.status, error.message, error.code, headers) from error
            record.tenant_id = found.caller.tenant_id
            context = RosterContext(
                database=self.database,
                caller=found.caller,
                reader=reader,
                request=request,
                events=self.events,
                webhook_urls=self.webhook_urls,
            )
            if stream:
                allowed = STREAM_OVER_GET if request.method == "GET" else ANY_OPERATION
                event_stream = await open_event_stream(
                    self.schema,
                    database=self.database,
                    settings=self.settings,
                    products=self.products,
                    slots=self.subscription_slots,
                    params=params,
                    context=context,
                    found=found,
                    now=now,
                    allowed=allowed,
                    record=record,
                )
                # The stream owns the context from here: it closes it when it ends.
                context = None
                return event_stream
            allowed = QUERIES_ONLY if request.method == "GET" else NOT_SUBSCRIPTIONS
            try:
                async with asyncio.timeout(self.settings.request_timeout_seconds):
                    result = await self._execute(params, context, allowed)
            except TimeoutError as error:
                limit = self.settings.request_timeout_seconds
                raise Refusal(
                    503, f"The request took longer than the time limit of {limit:g} s.", "TIMEOUT"
                ) from error
        finally:
            await (context.close() if context is not None else reader.close())
        response = self._result_response(result, media_type, record)
        if found.token_id is not None and found.use_is_due(now):
            # After the response is sent: recording a use never holds up the request.
            response.background = BackgroundTask(
                record_token_use, self.database, token_id=found.token_id, now=now
            )
        return response

    async def _execute(
        self, params: GraphQLParams, context: RosterContext, allowed: frozenset[OperationType]
    ) -> ExecutionResult:
        try:
            return await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=context,
                operation_name=params.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=params.extensions,
            )
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.SUBSCRIPTION:
                raise Refusal(
                    400, SUBSCRIPTION_NEEDS_A_STREAM, "SUBSCRIPTION_NEEDS_A_STREAM"
                ) from error
            raise Refusal(
                405,
                "Only queries are accepted over GET: send mutations with POST.",
                "METHOD_NOT_ALLOWED",
                {"Allow": "POST"},
            ) from error
        except CannotGetOperationTypeError as error:
            message = (
                "The document has no operation: send a query or a mutation."
                if error.operation_name is None
                else error.as_http_error_reason()
            )
            return PreExecutionError(data=None, errors=[GraphQLError(message)])

    @staticmethod
    def _result_response(
        result: ExecutionResult, media_type: str, record: RequestRecord
    ) -> Response:
        errors = result.errors or []
        body = result_body(result, request_id=record.request_id)
        record.add_error_codes(body.get("errors", ()))
        status = 200
        if _is_internal_failure(errors):
            status = 500
        elif media_type == GRAPHQL_RESPONSE_JSON and "data" not in body:
            status = 400
        return json_response(body, status, media_type)

    async def _read_body(self, request: Request) -> bytes:
        """The whole body; refused (413) as soon as it passes the size limit, reading no more."""
        limit = self.settings.max_body_bytes
        too_large = Refusal(
            413, f"The request body is larger than {limit} bytes.", "PAYLOAD_TOO_LARGE"
        )
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise too_large
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > limit:
                raise too_large
        return bytes(body)

    def _has_subgraph_secret(self, request: Request) -> bool:
        # Digests of equal length, compared in constant time: neither the secret's
        # characters nor its length show in how long a refusal takes.
        given = request.headers.get(SUBGRAPH_SECRET_HEADER, "")
        digest = hashlib.sha256(given.encode()).digest()
        return self.subgraph_secret_digest is not None and hmac.compare_digest(
            digest, self.subgraph_secret_digest
        )
