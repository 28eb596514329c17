"""The GraphQL endpoint: body limit, authentication, time limit, then Strawberry."""

import asyncio
from collections.abc import Iterable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Message, Receive, Scope, Send
from cross_web import HTTPException
from strawberry.asgi import GraphQL

from db.engine import Database
from db.enums import Product
from gateway.auth import AuthenticationError, authenticate
from gateway.graphiql import render_graphiql
from gateway.responses import graphql_error_response
from gateway.settings import Settings
from resolvers.context import RosterContext
from resolvers.reader import Reader

CONTEXT_KEY = "roster.context"
SUBGRAPH_SECRET_HEADER = "x-roster-subgraph-secret"


class RosterGraphQL(GraphQL[RosterContext, None]):
    """Strawberry's ASGI view, given the context the endpoint built and orjson."""

    async def get_context(self, request: Any, response: Any) -> RosterContext:
        return request.scope[CONTEXT_KEY]  # type: ignore[no-any-return]

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(render_graphiql(request.url.path))

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


class GraphQLEndpoint:
    """One schema behind the checks every request passes before execution."""

    def __init__(
        self,
        view: RosterGraphQL,
        *,
        database: Database,
        settings: Settings,
        products: Iterable[Product],
        require_subgraph_secret: bool = False,
    ) -> None:
        self.view = view
        self.database = database
        self.settings = settings
        self.products = tuple(products)
        self.require_subgraph_secret = require_subgraph_secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if self.view.graphql_ide and self.view.should_render_graphql_ide(request):  # type: ignore[arg-type]
            await self.view(scope, receive, send)
            return
        response = await self._handle(scope, request)
        await response(scope, receive, send)

    async def _handle(self, scope: Scope, request: Request) -> Response:
        body = await self._read_body(request)
        if body is None:
            return graphql_error_response(
                413,
                f"The request body is larger than {self.settings.max_body_bytes} bytes.",
                "PAYLOAD_TOO_LARGE",
            )
        if self.require_subgraph_secret and not self._has_subgraph_secret(request):
            return graphql_error_response(
                403, "Subgraph endpoints answer only the federation router.", "FORBIDDEN"
            )
        reader = Reader(self.database)
        try:
            try:
                caller = await authenticate(reader, request.headers, self.products)
            except AuthenticationError as error:
                return graphql_error_response(
                    401,
                    error.message,
                    "UNAUTHENTICATED",
                    headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
            scope[CONTEXT_KEY] = RosterContext(
                database=self.database, caller=caller, reader=reader, request=request
            )
            try:
                async with asyncio.timeout(self.settings.request_timeout_seconds):
                    return await self._execute(scope, body)
            except TimeoutError:
                return graphql_error_response(
                    503,
                    f"The request took longer than {self.settings.request_timeout_seconds:g} s.",
                    "TIMEOUT",
                )
        finally:
            await reader.close()

    async def _execute(self, scope: Scope, body: bytes) -> Response:
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            return await self.view.run(Request(scope, replay))
        except HTTPException as error:
            return graphql_error_response(error.status_code, error.reason, "BAD_REQUEST")

    async def _read_body(self, request: Request) -> bytes | None:
        """The whole body, or None once it passes the size limit (nothing more is read)."""
        limit = self.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return None
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > limit:
                return None
        return bytes(body)

    def _has_subgraph_secret(self, request: Request) -> bool:
        import hmac

        expected = self.settings.subgraph_secret
        given = request.headers.get(SUBGRAPH_SECRET_HEADER, "")
        return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
