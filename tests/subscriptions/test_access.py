"""Who may subscribe to what, over both protocols: every Subscription root field has its
row; an unauthenticated caller is refused before anything opens; another tenant's
changes never reach a subscriber."""

from contextlib import AsyncExitStack

import pytest

from db.enums import Role, UserStatus
from resolvers.ids import to_global_id
from schemas.graph import plain_schemas
from tests.factories import make_seat, make_tenant, make_token, make_user
from tests.http import graphql_body
from tests.subscriptions.live_server import live_server, sse
from tests.subscriptions.streams import PROTOCOLS, subscribed
from tests.subscriptions.tokens import service_token_of
from tests.subscriptions.world import DEACTIVATE, mutate, people
from tests.subscriptions.ws_client import ws

ADMIN, MEMBER, SERVICE = "admin", "member", "service"
# Each root field: a document, and who may follow it (the others: one FORBIDDEN error).
FIELDS = {
    "userStatusChanged": (
        "subscription { userStatusChanged { user { id } event { action } } }",
        {ADMIN},
    ),
    "seatMapChanged": (
        "subscription { seatMapChanged { seat { label occupant { id } } } }",
        {ADMIN, MEMBER, SERVICE},
    ),
    "realtimeMonitorChanged": (
        "subscription { realtimeMonitorChanged { user { id } change } }",
        {ADMIN, MEMBER, SERVICE},
    ),
}
FORBIDDEN = {
    "errors": [{
        "message": "Only an admin may follow the tenant's status changes.",
        "extensions": {"code": "FORBIDDEN"},
    }]
}  # fmt: skip


def test_every_subscription_root_field_has_a_row():
    subscription = plain_schemas()["composed"]._schema.subscription_type
    assert subscription is not None
    assert set(subscription.fields) == set(FIELDS)


def _first_event(field: str, ben_id: str) -> object:
    return {
        "userStatusChanged": {"user": {"id": ben_id}, "event": {"action": "DEACTIVATED"}},
        "seatMapChanged": {"seat": {"label": "A-1", "occupant": None}},
        "realtimeMonitorChanged": {"user": {"id": ben_id}, "change": "LEFT"},
    }[field]


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_each_caller_gets_exactly_what_its_row_says(database, protocol):
    acme, ada, ben = await people(database)
    cai = await make_user(database, acme, "Cai Chen")
    await make_seat(database, acme, "A-1", user=ben)
    tokens = {
        ADMIN: await make_token(database, ada),
        MEMBER: await make_token(database, cai),
        SERVICE: await service_token_of(database, acme),
    }
    ben_id = to_global_id("User", ben.id)
    async with live_server(database) as server, AsyncExitStack() as stack:
        streams = {}
        for field, (document, allowed) in FIELDS.items():
            for caller, token in tokens.items():
                streams[field, caller] = await stack.enter_async_context(
                    subscribed(server, protocol, document, token=token)
                )
                if caller not in allowed:
                    assert await streams[field, caller].next() == ("next", FORBIDDEN)
                    assert await streams[field, caller].next() == ("complete", None)
        await server.wait_for_open(sum(len(allowed) for _, allowed in FIELDS.values()))
        await mutate(server, tokens[ADMIN], DEACTIVATE, {"input": {"userId": ben_id}})
        for (field, caller), stream in streams.items():
            if caller in FIELDS[field][1]:
                assert await stream.next() == (
                    "next",
                    {"data": {field: _first_event(field, ben_id)}},
                )


async def test_an_unauthenticated_caller_is_refused_before_anything_opens(database):
    acme, _, _ = await people(database)
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    refusals = {
        None: "Send an API token: Authorization: Bearer <token>.",
        "rst_not-a-token-at-all-000000": "This API token is not valid.",
        await make_token(database, dee): "This user is deactivated and cannot log in.",
    }
    document = FIELDS["seatMapChanged"][0]
    async with live_server(database) as server:
        for token, message in refusals.items():
            async with sse(server, document, token=token) as stream:
                assert stream.response.status_code == 401
                assert (await stream.response.aread()) and graphql_body(stream.response) == {
                    "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]
                }
            async with ws(server) as socket:
                await socket.send({"type": "connection_init", "payload": (
                    {"Authorization": f"Bearer {token}"} if token else {}
                )})  # fmt: skip
                assert await socket.wait_closed() == (4403, message)
        assert server.open_subscriptions() == 0


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_another_tenants_changes_never_reach_a_subscriber(database, protocol):
    _, ada, ben = await people(database)
    globex = await make_tenant(database, "globex")
    gil = await make_user(database, globex, "Gil Grant", role=Role.ADMIN)
    gus = await make_user(database, globex, "Gus Gray")
    await make_seat(database, globex, "G-1", user=gus)
    admin, globex_admin = await make_token(database, ada), await make_token(database, gil)
    async with live_server(database) as server, AsyncExitStack() as stack:
        streams = [
            await stack.enter_async_context(
                subscribed(server, protocol, document, token=globex_admin)
            )
            for document, _ in FIELDS.values()
        ]
        await server.wait_for_open(3)
        await mutate(server, admin, DEACTIVATE, {"input": {"userId": to_global_id("User", ben.id)}})
        gus_id = to_global_id("User", gus.id)
        await mutate(server, globex_admin, DEACTIVATE, {"input": {"userId": gus_id}})
        assert [await stream.next() for stream in streams] == [
            ("next", {"data": {"userStatusChanged": {
                "user": {"id": gus_id}, "event": {"action": "DEACTIVATED"}}}}),
            ("next", {"data": {"seatMapChanged": {"seat": {"label": "G-1", "occupant": None}}}}),
            ("next", {"data": {"realtimeMonitorChanged": {"user": {"id": gus_id}, "change": "LEFT"}}}),
        ]  # fmt: skip
        assert all(stream.quiet() for stream in streams)
