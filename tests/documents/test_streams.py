"""Subscriptions by document id, over GraphQL over SSE and graphql-transport-ws, where only
trusted documents run; free text over either is refused."""

import asyncio
from contextlib import asynccontextmanager, suppress

import httpx

from resolvers.ids import to_global_id
from tests.documents.test_requests import ONLY_TRUSTED
from tests.documents.world import register
from tests.factories import make_seat, make_token
from tests.http import graphql_body
from tests.subscriptions.live_server import DEADLINE, SseStream, live_server
from tests.subscriptions.world import people
from tests.subscriptions.ws_client import ws

SEATS = "subscription Seats {\n  seatMapChanged { seat { label occupant { id } } }\n}\n"
DEACTIVATE = "mutation Off($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }"


@asynccontextmanager
async def sse_by_id(server, document_id, token):
    async with (
        httpx.AsyncClient(base_url=server.base_url, timeout=DEADLINE) as client,
        client.stream(
            "POST",
            "/graphql",
            json={"documentId": document_id},
            headers={"Accept": "text/event-stream", "Authorization": f"Bearer {token}"},
        ) as response,
    ):
        assert response.status_code == 200
        stream = SseStream(response)
        reader = asyncio.create_task(stream.read())
        try:
            yield stream
        finally:
            reader.cancel()
            with suppress(asyncio.CancelledError, httpx.HTTPError):
                await reader


async def _deactivate_by_id(server, document_id, token, user_id):
    async with httpx.AsyncClient(base_url=server.base_url, timeout=DEADLINE) as client:
        response = await client.post(
            "/graphql",
            json={"documentId": document_id, "variables": {"id": user_id}},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert graphql_body(response) == {"data": {"deactivateUser": {"changed": True}}}


EVENT = {"data": {"seatMapChanged": {"seat": {"label": "B-2", "occupant": None}}}}


async def test_a_subscription_by_document_id_over_sse(database, tmp_path):
    acme, ada, ben = await people(database)
    await make_seat(database, acme, "B-2", user=ben)
    token = await make_token(database, ada)
    seats, deactivate = register(tmp_path, SEATS, DEACTIVATE)
    async with live_server(
        database, trusted_documents_dir=tmp_path, trusted_documents_only=True
    ) as server:
        async with sse_by_id(server, seats, token) as stream:
            await server.wait_for_open(1)
            await _deactivate_by_id(server, deactivate, token, to_global_id("User", ben.id))
            assert await stream.next() == ("next", EVENT)
        await server.wait_for_open(0)


async def test_a_subscription_by_document_id_over_websocket_and_free_text_refused(
    database, tmp_path
):
    acme, ada, ben = await people(database)
    await make_seat(database, acme, "B-2", user=ben)
    token = await make_token(database, ada)
    seats, deactivate = register(tmp_path, SEATS, DEACTIVATE)
    async with (
        live_server(
            database, trusted_documents_dir=tmp_path, trusted_documents_only=True
        ) as server,
        ws(server) as socket,
    ):
        assert await socket.init(token) == {"type": "connection_ack"}
        await socket.send({"id": "free", "type": "subscribe", "payload": {"query": SEATS}})
        assert await socket.next() == {
            "id": "free",
            "type": "error",
            "payload": [
                {"message": ONLY_TRUSTED, "extensions": {"code": "TRUSTED_DOCUMENTS_ONLY"}}
            ],
        }
        await socket.send({"id": "1", "type": "subscribe", "payload": {"documentId": seats}})
        await server.wait_for_open(1)
        await _deactivate_by_id(server, deactivate, token, to_global_id("User", ben.id))
        assert await socket.next() == {"id": "1", "type": "next", "payload": EVENT}


async def test_free_text_over_sse_is_refused_before_anything_opens(database, tmp_path):
    _, ada, _ = await people(database)
    token = await make_token(database, ada)
    async with (
        live_server(
            database, trusted_documents_dir=tmp_path, trusted_documents_only=True
        ) as server,
        httpx.AsyncClient(base_url=server.base_url, timeout=DEADLINE) as client,
    ):
        response = await client.post(
            "/graphql",
            json={"query": SEATS},
            headers={"Accept": "text/event-stream", "Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 400
        assert graphql_body(response)["errors"][0]["extensions"] == {
            "code": "TRUSTED_DOCUMENTS_ONLY"
        }
        assert server.open_subscriptions() == 0
