"""A subscription opened with a sign-in token: its user checked again on each event (by
user id), ended at once when they are deactivated, and ended when the token expires.
Over SSE and WebSocket, against a real uvicorn server."""

import time

import pytest

from resolvers.ids import to_global_id
from tests.auth.identity_provider import IdentityProvider, provider_setting
from tests.auth.sso import acme_people
from tests.http import graphql_body
from tests.subscriptions.live_server import live_server, sse
from tests.subscriptions.streams import PROTOCOLS, subscribed
from tests.subscriptions.world import DEACTIVATE, MONITOR, mutate


def _ended(message: str) -> tuple[str, object]:
    return ("next", {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]})


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_deactivating_the_user_ends_their_sign_in_subscription(
    database, idp: IdentityProvider, protocol
):
    _, _, ben = await acme_people(database)
    ada_token = idp.token(email="ada.admin@acme.example")
    setting = provider_setting(idp)
    async with (
        live_server(database, oidc_providers=setting) as server,
        subscribed(server, protocol, MONITOR, token=idp.token()) as stream,
    ):
        await server.wait_for_open(1)
        deactivated = await mutate(
            server, ada_token, DEACTIVATE, {"input": {"userId": to_global_id("User", ben.id)}}
        )
        assert deactivated == {"deactivateUser": {"changed": True, "userErrors": []}}
        assert await stream.next() == _ended("This user is deactivated and cannot log in.")
        assert await stream.next() == ("complete", None)
        await server.wait_for_open(0)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_sign_in_subscription_ends_when_its_token_expires(
    database, idp: IdentityProvider, protocol
):
    await acme_people(database)
    setting = provider_setting(idp)
    async with live_server(database, oidc_providers=setting, oidc_leeway_seconds=0) as server:
        # Made once the server is up, so that a slow start does not eat its lifetime.
        exp = int(time.time()) + 3
        async with subscribed(server, protocol, MONITOR, token=idp.token(exp=exp)) as stream:
            await server.wait_for_open(1)
            assert await stream.next() == _ended("This sign-in token has expired: sign in again.")
            assert await stream.next() == ("complete", None)
            assert time.time() >= exp
            await server.wait_for_open(0)


async def test_a_users_sign_in_tokens_share_one_set_of_subscription_slots(
    database, idp: IdentityProvider
):
    await acme_people(database)
    setting = provider_setting(idp)
    async with (
        live_server(database, oidc_providers=setting, subscriptions_per_token=1) as server,
        sse(server, MONITOR, token=idp.token()) as first,
        # A fresh token of the same user, as a frontend gets one every hour.
        sse(server, MONITOR, token=idp.token(jti="second")) as second,
    ):
        assert first.response.status_code == 200
        assert second.response.status_code == 429
        await second.response.aread()
        assert graphql_body(second.response) == {"errors": [{
            "message": "This user's sign-in already holds 1 open subscriptions, the most "
            "allowed (ROSTER_SUBSCRIPTIONS_PER_TOKEN): close one first.",
            "extensions": {"code": "TOO_MANY_SUBSCRIPTIONS"},
        }]}  # fmt: skip
