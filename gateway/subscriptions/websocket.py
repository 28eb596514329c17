"""graphql-transport-ws (the graphql-ws protocol) on the GraphQL paths: the WebSocket
door. The handshake is checked here (subprotocol, the subgraph secret); ``connection.py``
speaks the protocol."""

import hashlib
import hmac
from collections.abc import Iterable

from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.schema.base import BaseSchema

from db.engine import Database
from db.enums import Product
from gateway.auth.authenticate import Authenticator
from gateway.documents.requests import DocumentPolicy
from gateway.settings import Settings
from gateway.subscriptions.connection import SUBPROTOCOL, Connection
from gateway.subscriptions.limits import SubscriptionSlots
from gateway.subscriptions.socket_requests import SocketRequests
from gateway.telemetry.request_record import REQUEST_ID_HEADER, RequestObservers, request_id_of
from resolvers.events.source import EventSource

SUBGRAPH_SECRET_HEADER = "x-roster-subgraph-secret"
# The protocol's own close codes.
SUBPROTOCOL_NOT_ACCEPTABLE = 4406
FORBIDDEN = 4403


class GraphQLWebSocket:
    """One schema's WebSocket endpoint: each accepted socket is one ``Connection``."""

    def __init__(
        self,
        schema: BaseSchema,
        *,
        database: Database,
        settings: Settings,
        products: Iterable[Product],
        events: EventSource | None,
        subscription_slots: SubscriptionSlots,
        subgraph_secret: str = "",
        name: str = "api",
        observers: RequestObservers | None = None,
        documents: DocumentPolicy | None = None,
        authenticator: Authenticator | None = None,
    ) -> None:
        self.schema = schema
        self.name = name
        self.observers = observers or RequestObservers()
        self.documents = documents
        self.authenticator = authenticator or Authenticator.from_settings(settings)
        self.database = database
        self.settings = settings
        self.products = tuple(products)
        self.events = events
        self.subscription_slots = subscription_slots
        self.subgraph_secret_digest = (
            hashlib.sha256(subgraph_secret.encode()).digest() if subgraph_secret else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        websocket = WebSocket(scope, receive, send)
        if self.subgraph_secret_digest is not None and not self._has_subgraph_secret(websocket):
            # Before the handshake is accepted: the upgrade is refused with 403.
            await websocket.close(
                FORBIDDEN, "Subgraph endpoints answer only the federation router."
            )
            return
        if SUBPROTOCOL not in websocket.scope.get("subprotocols", []):
            await websocket.accept()
            await websocket.close(
                SUBPROTOCOL_NOT_ACCEPTABLE, f"Subprotocol not acceptable: use {SUBPROTOCOL}."
            )
            return
        request_id = request_id_of(websocket.headers)
        await websocket.accept(
            subprotocol=SUBPROTOCOL, headers=[(REQUEST_ID_HEADER.encode(), request_id.encode())]
        )
        connection = Connection(
            websocket,
            schema=self.schema,
            database=self.database,
            settings=self.settings,
            products=self.products,
            events=self.events,
            slots=self.subscription_slots,
            requests=SocketRequests(
                websocket, request_id=request_id, endpoint=self.name, observers=self.observers
            ),
            documents=self.documents,
            authenticator=self.authenticator,
        )
        await connection.serve()

    def _has_subgraph_secret(self, websocket: WebSocket) -> bool:
        given = websocket.headers.get(SUBGRAPH_SECRET_HEADER, "")
        digest = hashlib.sha256(given.encode()).digest()
        return self.subgraph_secret_digest is not None and hmac.compare_digest(
            digest, self.subgraph_secret_digest
        )
