"""The naive baseline server: Strawberry's stock ASGI app over the naive users page.

    python -m bench.naive_server --port 8702     # ROSTER_DATABASE_URL names the database

What a first attempt looks like: an ORM session per request, each field of each user
resolved with its own query, Strawberry's defaults (no parse or validation cache). It
authenticates the bearer token against the database like roster, and runs under the
same uvicorn settings as ``roster serve``.
"""

import hashlib

from cross_web import HTTPException
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from bench.baseline_cli import serve_baseline
from bench.naive.schema import columns, schema
from bench.naive.session import NaiveContext
from db.engine import Database
from db.enums import UserStatus
from db.models import ApiToken, User
from gateway.settings import get_settings


class NaiveGraphQL(GraphQL[NaiveContext, None]):
    def __init__(self, database: Database) -> None:
        super().__init__(schema, graphql_ide=None)
        self.database = database

    async def get_context(  # type: ignore[override]
        self, request: Request | WebSocket, response: Response | None = None
    ) -> NaiveContext:
        session = self.database.read_sessions()
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token_hash = hashlib.sha256(token.strip().encode()).hexdigest()
        user = (
            await session.execute(
                select(User).join(ApiToken).where(columns(ApiToken).token_hash == token_hash)
            )
        ).scalar()
        request.state.session = session
        if scheme.lower() != "bearer" or user is None or user.status != UserStatus.ACTIVE:
            raise HTTPException(401, "Send a valid API token.")
        return NaiveContext(session=session, tenant_id=user.tenant_id)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            session = scope.get("state", {}).get("session")
            if session is not None:
                await session.close()


def create_app(database_url: str | None = None) -> Starlette:
    database = Database(database_url or get_settings().database_url)

    async def ready(_: Request) -> Response:
        return Response(b"ok")

    return Starlette(
        routes=[
            Route("/graphql", NaiveGraphQL(database), methods=["GET", "POST"]),
            Route("/readyz", ready, methods=["GET"]),
        ]
    )


def main() -> None:
    serve_baseline(create_app, description=__doc__.split("\n\n")[0], port=8702)


if __name__ == "__main__":
    main()
