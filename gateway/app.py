"""The Starlette application: the composed graph, the subgraphs, health probes, GraphiQL."""

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.types import ASGIApp
from strawberry.schema.base import BaseSchema

from db.engine import Database
from db.enums import Product
from gateway.auth.authenticate import Authenticator
from gateway.cors import with_cors
from gateway.documents.extension import trusted_document_parse
from gateway.documents.requests import DocumentPolicy
from gateway.documents.store import TrustedDocuments
from gateway.events.setup import event_bus_for
from gateway.extensions import request_extensions
from gateway.faults import DatabaseUnavailableErrors
from gateway.graphiql import graphiql_static_mount
from gateway.health import healthz, readyz
from gateway.live import live_routes
from gateway.log_filters import log_only_internal_errors
from gateway.scim.door import ScimDoor
from gateway.settings import Settings, SettingsError, get_settings
from gateway.subscriptions.limits import SubscriptionSlots
from gateway.subscriptions.websocket import GraphQLWebSocket
from gateway.telemetry.log_lines import log_requests, log_status_changes
from gateway.telemetry.metrics import RosterMetrics
from gateway.telemetry.metrics_endpoint import metrics_lifespan, metrics_routes
from gateway.telemetry.operation import RecordOperation
from gateway.telemetry.request_record import RequestObservers
from gateway.telemetry.tracing import start_tracing
from gateway.view import GraphQLEndpoint
from gateway.worker.jobs import worker_jobs
from gateway.worker.loop import WorkerLoop
from schemas.graph import build_composed_schema, build_subgraph_schema
from schemas.subgraph import SUBGRAPHS

logger = logging.getLogger(__name__)

SUBGRAPH_PRODUCTS: dict[str, Product] = {
    "admin": Product.ADMIN,
    "analytics": Product.ANALYTICS,
    "phone": Product.PHONE,
    "phoneMobile": Product.PHONE_MOBILE,
    "callCenter": Product.CALL_CENTER,
}


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    only_subgraph: str | None = None,
    *,
    worker: bool = False,
) -> Starlette:
    """The app. ``only_subgraph`` (or ROSTER_SERVE_SUBGRAPH) serves one subgraph alone;
    ``worker`` runs the background loop (gateway/worker/) for as long as the app runs."""
    settings = settings or get_settings()
    settings.check_serving()
    log_only_internal_errors()
    only_subgraph = only_subgraph or os.environ.get("ROSTER_SERVE_SUBGRAPH") or None
    if only_subgraph and not settings.subgraphs_enabled:
        raise SettingsError(
            f"roster cannot serve the subgraph {only_subgraph}: ROSTER_SUBGRAPHS_ENABLED=false "
            "turns the subgraph endpoints off."
        )
    database = database or Database(settings.database_url)
    events = event_bus_for(settings, database)
    # One token's open subscriptions are counted across every endpoint of the process.
    subscription_slots = SubscriptionSlots(settings.subscriptions_per_token)
    extensions = [*request_extensions(settings), DatabaseUnavailableErrors, RecordOperation]
    # Traces, when the OTEL_* environment asks: None (nothing installed) otherwise.
    tracing = start_tracing(trace_resolvers=settings.trace_resolvers, only_subgraph=only_subgraph)
    if tracing is not None:
        extensions.insert(0, tracing.graphql_extension())  # first: its span holds the others'
        tracing.instrument(database)
    # What every endpoint's requests did, for the logs and the metrics.
    observers = RequestObservers()
    # Metrics (issue 17): the records, the domain's reports and SCIM, counted per app.
    metrics = RosterMetrics(operation_names=settings.metrics_operation_names)
    metrics.watch(subscriptions=events, pool=database.engine.pool)
    observers.add(metrics)
    # Logs (issue 17, part 3): a line per request and per status change.
    log_requests(observers)
    log_status_changes()
    subgraph_secret = settings.subgraph_secret.get_secret_value()
    # One for every endpoint: each identity provider's keys are fetched and cached once.
    authenticator = Authenticator.from_settings(settings)

    def endpoint(
        schema: BaseSchema,
        products: list[Product],
        *,
        name: str,
        subgraph: bool,
        documents: DocumentPolicy | None = None,
    ) -> GraphQLEndpoint:
        return GraphQLEndpoint(
            schema,
            database=database,
            settings=settings,
            products=products,
            graphiql=not settings.is_production,
            # The token is for the API's GraphiQL; a subgraph's is for checking the router.
            graphiql_token="" if subgraph else settings.graphiql_token.get_secret_value(),
            subgraph_secret=subgraph_secret if subgraph else "",
            events=events,
            subscription_slots=subscription_slots,
            name=name,
            observers=observers,
            documents=documents,
            authenticator=authenticator,
        )

    def websocket(
        schema: BaseSchema,
        products: list[Product],
        *,
        name: str,
        subgraph: bool = False,
        documents: DocumentPolicy | None = None,
    ) -> GraphQLWebSocket:
        return GraphQLWebSocket(
            schema,
            database=database,
            settings=settings,
            products=products,
            events=events,
            subscription_slots=subscription_slots,
            subgraph_secret=subgraph_secret if subgraph else "",
            name=name,
            observers=observers,
            documents=documents,
            authenticator=authenticator,
        )

    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        graphiql_static_mount(),
        *metrics_routes(settings, metrics),
    ]
    subgraphs = [only_subgraph] if only_subgraph else list(SUBGRAPHS)
    if not settings.subgraphs_enabled:
        subgraphs = []
    elif not subgraph_secret:
        logger.warning(
            "roster: the subgraph endpoints answer `_entities` and `_service` to any valid "
            "API token, as ROSTER_SUBGRAPH_SECRET is empty. That is for a local router in "
            "development only (production refuses to start so): set ROSTER_SUBGRAPH_SECRET, "
            "or ROSTER_SUBGRAPHS_ENABLED=false when no router calls this process."
        )
    for name in subgraphs:
        schema = build_subgraph_schema(
            name, extensions, planned_execution=settings.planned_execution
        )
        app_for = endpoint(schema, [SUBGRAPH_PRODUCTS[name]], name=name, subgraph=True)
        socket_for = websocket(schema, [SUBGRAPH_PRODUCTS[name]], name=name, subgraph=True)
        paths = [f"/subgraphs/{name}/graphql", *(["/graphql"] if only_subgraph else [])]
        for path in paths:
            routes.append(Route(path, app_for, methods=["GET", "POST"]))
            routes.append(WebSocketRoute(path, socket_for))
    trusted: TrustedDocuments | None = None
    if not only_subgraph:
        # The API's registered documents, parsed and validated once against its schema.
        trusted = TrustedDocuments()
        composed_schema = build_composed_schema(
            [trusted_document_parse(trusted), *extensions],
            planned_execution=settings.planned_execution,
        )
        trusted.load(
            settings.trusted_documents_dir, composed_schema, max_tokens=settings.max_tokens
        )
        policy = DocumentPolicy(trusted, trusted_only=settings.only_trusted_documents)
        composed = endpoint(
            composed_schema, list(Product), name="api", subgraph=False, documents=policy
        )
        # Only the API answers browsers of other origins; the subgraphs are for the router.
        methods = ["GET", "POST", *(["OPTIONS"] if settings.cors_origins else [])]
        routes.append(Route("/graphql", with_cors(composed, settings), methods=methods))
        composed_socket = websocket(composed_schema, list(Product), name="api", documents=policy)
        routes.append(WebSocketRoute("/graphql", composed_socket))
        if not settings.is_production:
            dev_token = settings.graphiql_token.get_secret_value()
            keep_alive = settings.subscription_keep_alive_seconds
            routes.extend(
                live_routes(endpoint="/graphql", dev_token=dev_token, keep_alive_seconds=keep_alive)
            )
    # SCIM provisions users, which the admin subgraph owns: a process serving another
    # subgraph alone has no SCIM door (the identity provider is pointed at the API's).
    if only_subgraph in (None, "admin"):
        # At /scim: scim2-server serves /v2/... under its mount and writes /scim/v2 URLs.
        door = ScimDoor(
            database=database,
            max_body_bytes=settings.max_body_bytes,
            documentation_uri=settings.scim_documentation_url or None,
            on_answer=metrics.scim_answered,
        )
        # scim2-server types ASGI's scope as a dict, Starlette as a MutableMapping.
        routes.append(Mount("/scim", app=cast(ASGIApp, door)))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        background = (
            WorkerLoop(
                worker_jobs(database, settings=settings), poll_seconds=settings.worker_poll_seconds
            )
            if worker
            else None
        )
        await events.start()
        if background is not None:
            background.start()
        try:
            async with metrics_lifespan(settings, metrics):
                yield
        finally:
            if background is not None:
                await background.stop()
            await events.stop()
            await database.dispose()
            if tracing is not None:
                await tracing.shutdown()

    middleware = [tracing.middleware()] if tracing is not None else []
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.database = database
    app.state.settings = settings
    app.state.events = events
    app.state.subscription_slots = subscription_slots
    app.state.request_observers = observers
    app.state.metrics = metrics
    app.state.trusted_documents = trusted
    app.state.tracing = tracing
    return app
