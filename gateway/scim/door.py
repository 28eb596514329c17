"""The SCIM door: scim2-server's ASGI application with roster's authentication, a storage
per request bound to the token's tenant, and the body limit.

Mounted at /scim (gateway/app.py); scim2-server takes /v2 off the path and puts it back in
every URL it writes, so the endpoints are /scim/v2/Users and so on.
"""

import logging
from collections.abc import Callable
from typing import Any

import orjson
from scim2_models import (
    InvalidValueException,
    NotFoundException,
    PayloadTooLargeException,
    Resource,
    ResourceType,
    ResponseParameters,
    SearchRequest,
    UnauthorizedException,
)
from scim2_server.applications.asgi import ASGIApplication, Receive, Scope, Send
from scim2_server.applications.base import VERSION_PREFIX, BaseApplication
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from scim2_server.storage import AsyncScimStorage, SearchPage

from db.engine import Database
from db.types import utcnow
from gateway.auth.bearer import bearer_from
from gateway.scim.provider import scim_provider
from gateway.scim.service import RosterScimService, SerializingHandler
from gateway.scim.storage import TenantStorage
from gateway.text import NUL_REFUSED, holds_nul
from resolvers.api_tokens.scim_lookup import ScimClient, scim_client_for_token
from resolvers.reader import Reader
from resolvers.tokens import SCIM_TOKEN_PREFIX, TOKEN_PREFIX, TokenState, record_token_use

logger = logging.getLogger(__name__)

NO_TOKEN = "Send a SCIM token: Authorization: Bearer <token>."
GRAPHQL_TOKEN = (
    "This is a GraphQL API token; SCIM accepts only a SCIM token (roster token create --scim)."
)
UNKNOWN_TOKEN = "This SCIM token is not valid."
_REFUSED_STATES = {
    TokenState.REVOKED: "This SCIM token was revoked.",
    TokenState.EXPIRED: "This SCIM token has expired.",
}


# Told of each response once it is sent (the metrics count SCIM requests by client):
# called as on_answer(method=..., status=..., user_agent=...); it must not block.
AnswerHook = Callable[..., None]


def _body_holds_nul(body: bytes | None) -> bool:
    if not body or b"\\u0000" not in body:
        return False
    try:
        return holds_nul(orjson.loads(body))
    except orjson.JSONDecodeError:
        return False  # scim2-server answers it invalidSyntax


class _NoTenant(AsyncScimStorage):
    """The storage of a request no token authenticated: only the service provider
    configuration is served so (RFC 7643 §5), and it reads no resource."""

    async def get(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        response_parameters: ResponseParameters[Any] | None = None,
    ) -> Resource[Any]:
        raise UnauthorizedException(detail=NO_TOKEN)

    async def search(
        self,
        resource_types: list[ResourceType],
        search_request: SearchRequest[Any],
        *,
        position: Any = None,
    ) -> SearchPage:
        raise UnauthorizedException(detail=NO_TOKEN)

    async def create(self, resource_type: ResourceType, resource: Resource[Any]) -> Resource[Any]:
        raise UnauthorizedException(detail=NO_TOKEN)

    async def update(
        self,
        resource_type: ResourceType,
        resource: Resource[Any],
        *,
        expected_version: str | None = None,
    ) -> Resource[Any]:
        raise UnauthorizedException(detail=NO_TOKEN)

    async def delete(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        expected_version: str | None = None,
    ) -> None:
        raise UnauthorizedException(detail=NO_TOKEN)


class ScimDoor(ASGIApplication):
    """SCIM 2.0 over roster's database; every request is its token's tenant's only."""

    def __init__(
        self,
        *,
        database: Database,
        max_body_bytes: int,
        documentation_uri: str | None = None,
        on_answer: AnswerHook | None = None,
    ) -> None:
        provider = scim_provider(documentation_uri)
        # No storage of its own: each request gets its tenant's (dispatch_request).
        BaseApplication.__init__(
            self, provider, RosterScimService(provider, max_body_bytes=max_body_bytes)
        )
        self.database = database
        self.on_answer = on_answer
        self.log = logging.getLogger("gateway.scim")
        self.service: RosterScimService
        self._anonymous = SerializingHandler(self.service, _NoTenant())

    async def _client(self, request: ScimRequest, reader: Reader) -> ScimClient:
        token = bearer_from(request.header("Authorization"))
        if token is None:
            raise UnauthorizedException(detail=NO_TOKEN)
        client = await scim_client_for_token(reader, token, now=utcnow())
        if client is None:
            graphql = token.startswith(TOKEN_PREFIX) and not token.startswith(SCIM_TOKEN_PREFIX)
            raise UnauthorizedException(detail=GRAPHQL_TOKEN if graphql else UNKNOWN_TOKEN)
        refused = _REFUSED_STATES.get(client.state)
        if refused is not None:
            raise UnauthorizedException(detail=refused)
        return client

    def _check_path(self, request: ScimRequest, scope_path: str) -> None:
        # scim2-server also answers without /v2; roster publishes one base URL only.
        if not (scope_path == VERSION_PREFIX or scope_path.startswith(f"{VERSION_PREFIX}/")):
            raise NotFoundException(detail="The SCIM endpoints are under /scim/v2.")

    async def dispatch_request(self, request: ScimRequest) -> ScimResponse:
        """Authenticate against the database (asynchronously: scim2-server's check_auth is
        synchronous), then serve over a storage of the token's tenant."""
        if not self.needs_auth(request):
            return await self._anonymous.handle(request)
        reader = Reader(self.database)
        try:
            client = await self._client(request, reader)
            request.subject = client
            limit = self.service.max_body_size(request)
            if limit and len(request.body) > limit:
                raise PayloadTooLargeException(detail=f"The request body exceeds {limit} bytes.")
            if _body_holds_nul(request.body):
                raise InvalidValueException(detail=NUL_REFUSED)
            storage = TenantStorage(
                database=self.database, reader=reader, tenant_id=client.tenant_id
            )
            return await SerializingHandler(self.service, storage).handle(request)
        finally:
            await reader.finish()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.serve_lifespan(receive, send)
            return
        request = await self.read_request(scope, receive)
        path = self.get_path(scope)
        try:
            self._check_path(request, path)
        except NotFoundException as error:
            response = self.finalize_response(request, self.service.error_response(error))
        else:
            response = await self.serve(request)
        await self.send_response(response, send)
        if self.on_answer is not None:
            self.on_answer(
                method=request.method,
                status=int(response.status),
                user_agent=request.header("User-Agent"),
            )
        client = request.subject
        # After the response: a slow lastUsedAt write never holds an identity provider up.
        if isinstance(client, ScimClient):
            now = utcnow()
            if client.use_is_due(now):
                await record_token_use(self.database, token_id=client.token_id, now=now)
