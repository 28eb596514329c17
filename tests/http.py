"""Talking to the real Starlette app over HTTP (in-process ASGI transport)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from db.engine import Database
from gateway.app import create_app
from gateway.settings import Settings


@asynccontextmanager
async def http_client(database: Database, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=database.url, **settings), database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://roster.test") as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def without_request_ids(payload: Any, request_id: str) -> Any:
    """``payload`` (a GraphQL response body, or a WebSocket ``error`` message's list of
    errors) with each error's ``extensions.requestId`` checked to be ``request_id`` and taken
    out (with ``extensions`` itself when nothing else was in it), so that the test compares
    the rest exactly."""
    errors = payload if isinstance(payload, list) else (payload or {}).get("errors") or []
    for error in errors:
        extensions = error.get("extensions")
        assert isinstance(extensions, dict), error
        assert extensions.pop("requestId", None) == request_id, (error, request_id)
        if not extensions:
            del error["extensions"]
    return payload


def graphql_body(response: httpx.Response) -> Any:
    """The response's JSON, each error's ``requestId`` checked against its X-Request-Id
    header and taken out (``without_request_ids``)."""
    return without_request_ids(response.json(), response.headers["x-request-id"])
