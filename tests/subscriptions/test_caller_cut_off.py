"""The token cut-off reaches open subscriptions: revoking the subscriber's token, or the
token expiring, ends their subscription at once with one UNAUTHENTICATED error."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from db.enums import UserStatus
from db.models import User
from db.types import utcnow
from resolvers.ids import to_global_id
from tests.subscriptions.live_server import live_server
from tests.subscriptions.streams import PROTOCOLS, subscribed
from tests.subscriptions.tokens import token_of
from tests.subscriptions.world import MONITOR, mutate, people

REVOKE = """mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) {
  userErrors { code } } }"""


def _ended(message: str) -> tuple[str, object]:
    return ("next", {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]})


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_revoking_the_subscribers_token_ends_their_subscription(database, protocol):
    _, _, ben = await people(database)
    token_id, token = await token_of(database, ben)
    _, other_token = await token_of(database, ben)
    async with (
        live_server(database) as server,
        subscribed(server, protocol, MONITOR, token=token) as stream,
        subscribed(server, protocol, MONITOR, token=other_token) as other,
    ):
        await server.wait_for_open(2)
        # Ben revokes one of his tokens with the other: only its subscription ends.
        revoked = await mutate(
            server, other_token, REVOKE, {"input": {"tokenId": to_global_id("ApiToken", token_id)}}
        )
        assert revoked == {"revokeApiToken": {"userErrors": []}}
        assert await stream.next() == _ended("This API token was revoked and cannot log in.")
        assert await stream.next() == ("complete", None)
        await server.wait_for_open(1)
        assert other.quiet()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_token_that_expires_ends_its_subscription_when_it_does(database, protocol):
    _, ada, _ = await people(database)
    expires_at = utcnow() + timedelta(seconds=1)
    _, token = await token_of(database, ada, expires_at=expires_at)
    async with (
        live_server(database) as server,
        subscribed(server, protocol, MONITOR, token=token) as stream,
    ):
        await server.wait_for_open(1)
        assert await stream.next() == _ended("This API token has expired and cannot log in.")
        assert await stream.next() == ("complete", None)
        await server.wait_for_open(0)
        assert utcnow() >= expires_at


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_the_periodic_check_ends_a_subscription_no_event_announced(database, protocol):
    # A change that announces nothing (written straight to the table) is found by the
    # re-check every ROSTER_SUBSCRIPTION_RECHECK_SECONDS.
    _, _, ben = await people(database)
    _, token = await token_of(database, ben)
    async with (
        live_server(database, subscription_recheck_seconds=0.1) as server,
        subscribed(server, protocol, MONITOR, token=token) as stream,
    ):
        await server.wait_for_open(1)
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(User).where(User.id == ben.id).values(status=UserStatus.DEACTIVATED)
            )
        assert await stream.next() == _ended("This user is deactivated and cannot log in.")
        assert await stream.next() == ("complete", None)
