"""The raw baseline server: a Starlette endpoint per read, hand-written SQL, orjson.

    python -m bench.raw_server --port 8701      # ROSTER_DATABASE_URL names the database

It answers what roster answers for the benchmark's documents (``{"data": ...}``, the same
JSON), authenticates the bearer token against the database on every request as roster
does, and runs under the same uvicorn settings as ``roster serve``: whatever roster costs
beyond it is the GraphQL layer.
"""

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.baseline_cli import serve_baseline
from bench.raw.analytics import dashboard, mention_suggestions
from bench.raw.auth import RawCaller, raw_caller
from bench.raw.call_center import call_center_report
from bench.raw.seat_map import seat_map
from bench.raw.users import users_page
from bench.raw.values import decode_user_cursor, parse_instant
from db.engine import Database
from gateway.settings import get_settings

Read = Callable[[AsyncConnection, RawCaller, Request], Awaitable[dict[str, Any]]]
UNAUTHENTICATED = orjson.dumps({"errors": [{"message": "Send a valid API token."}]})


def _period(request: Request) -> dict[str, Any]:
    return {
        "start": parse_instant(request.query_params["from"]),
        "end": parse_instant(request.query_params["to"]),
    }


async def _seat_map(connection: AsyncConnection, caller: RawCaller, _: Request) -> dict[str, Any]:
    return await seat_map(connection, caller)


async def _users(
    connection: AsyncConnection, caller: RawCaller, request: Request
) -> dict[str, Any]:
    after = request.query_params.get("after")
    after_key = decode_user_cursor(after) if after else None
    first = int(request.query_params["first"])
    return await users_page(connection, caller, first=first, after=after_key, **_period(request))


async def _mentions(
    connection: AsyncConnection, caller: RawCaller, request: Request
) -> dict[str, Any]:
    return await mention_suggestions(connection, caller, query=request.query_params["query"])


async def _dashboard(
    connection: AsyncConnection, caller: RawCaller, request: Request
) -> dict[str, Any]:
    return await dashboard(connection, caller, **_period(request))


async def _report(
    connection: AsyncConnection, caller: RawCaller, request: Request
) -> dict[str, Any]:
    return await call_center_report(connection, caller, **_period(request))


READS: dict[str, Read] = {
    "/seat-map": _seat_map,
    "/users": _users,
    "/mention-suggestions": _mentions,
    "/dashboard": _dashboard,
    "/call-center-report": _report,
}


def create_app(database_url: str | None = None) -> Starlette:
    database = Database(database_url or get_settings().database_url)

    def endpoint(read: Read) -> Callable[[Request], Awaitable[Response]]:
        async def answer(request: Request) -> Response:
            async with database.engine.connect() as connection:
                caller = await raw_caller(connection, request.headers.get("authorization"))
                if caller is None:
                    return Response(UNAUTHENTICATED, 401, media_type="application/json")
                data = await read(connection, caller, request)
            return Response(orjson.dumps({"data": data}), media_type="application/json")

        return answer

    async def ready(_: Request) -> Response:
        return Response(b"ok")

    routes = [Route(path, endpoint(read), methods=["GET"]) for path, read in READS.items()]
    routes.append(Route("/readyz", ready, methods=["GET"]))
    return Starlette(routes=routes)


def main() -> None:
    serve_baseline(create_app, description=__doc__.split("\n\n")[0], port=8701)


if __name__ == "__main__":
    main()
