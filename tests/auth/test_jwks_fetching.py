"""The provider's keys: found through discovery, cached, fetched again when the provider
rotates them, and never fetched more than once per interval however many tokens with
made-up key ids arrive. The provider is a real HTTP server; its request counts are what
roster actually asked."""

import asyncio

import pytest

from gateway.auth.jwks import KeySetCache, cache_seconds
from gateway.auth.oidc_config import parse_providers
from tests.auth.identity_provider import (
    DISCOVERY_PATH,
    JWKS_PATH,
    IdentityProvider,
    provider_setting,
)
from tests.auth.sso import BEN, acme_people, me, refused
from tests.http import graphql_body, http_client

UNKNOWN_KEY = refused("This sign-in token's key id (kid) is not among its issuer's published keys.")


async def test_rotated_keys_are_picked_up_with_one_refetch(database, idp: IdentityProvider):
    await acme_people(database)
    setting = provider_setting(idp)
    async with http_client(
        database, oidc_providers=setting, oidc_jwks_refetch_seconds=0.5
    ) as client:
        first = await me(client, idp.token())
        idp.rotate(kid="rsa-2")
        await asyncio.sleep(0.6)
        rotated = await me(client, idp.token())
        again = await me(client, idp.token())
    assert [first, rotated, again] == [(200, BEN)] * 3
    assert idp.requests == {DISCOVERY_PATH: 1, JWKS_PATH: 2}


async def test_a_flood_of_unknown_key_ids_fetches_once_per_interval(
    database, idp: IdentityProvider
):
    await acme_people(database)
    bogus = [idp.token(header={"kid": f"made-up-{n}"}) for n in range(25)]
    setting = provider_setting(idp, jwks_uri=idp.jwks_uri)
    async with http_client(
        database, oidc_providers=setting, oidc_jwks_refetch_seconds=1.0
    ) as client:
        assert await me(client, idp.token()) == (200, BEN)
        flood = await asyncio.gather(*(me(client, token) for token in bogus))
        after_first_flood = dict(idp.requests)
        await asyncio.sleep(1.1)
        second_flood = await asyncio.gather(*(me(client, token) for token in bogus))
        assert await me(client, idp.token()) == (200, BEN)
    assert flood == [(401, UNKNOWN_KEY)] * 25
    assert second_flood == [(401, UNKNOWN_KEY)] * 25
    # The first flood came within the interval of the first fetch: no request at all; the
    # second, past it: one. jwks_uri was configured, so no discovery.
    assert after_first_flood == {JWKS_PATH: 1}
    assert idp.requests == {JWKS_PATH: 2}


async def test_concurrent_first_requests_share_one_fetch(database, idp: IdentityProvider):
    await acme_people(database)
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        answers = await asyncio.gather(*(me(client, idp.token()) for _ in range(10)))
    assert answers == [(200, BEN)] * 10
    assert idp.requests == {DISCOVERY_PATH: 1, JWKS_PATH: 1}


async def test_a_provider_that_cannot_be_reached_is_a_503_and_then_recovers(
    database, idp: IdentityProvider
):
    await acme_people(database)
    idp.down = True
    async with http_client(
        database, oidc_providers=provider_setting(idp), oidc_jwks_refetch_seconds=0.5
    ) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ me { email } }"},
            headers={"Authorization": f"Bearer {idp.token()}"},
        )
        # Within the interval the provider is not asked again.
        again = await me(client, idp.token())
        idp.down = False
        await asyncio.sleep(0.6)
        recovered = await me(client, idp.token())
    unavailable = {
        "errors": [
            {
                "message": "The identity provider's signing keys could not be fetched, so "
                "this sign-in token cannot be checked now: try again shortly.",
                "extensions": {"code": "IDENTITY_PROVIDER_UNAVAILABLE"},
            }
        ]
    }
    assert (response.status_code, response.headers["retry-after"]) == (503, "5")
    assert graphql_body(response) == unavailable
    assert again == (503, unavailable)
    assert recovered == (200, BEN)
    assert idp.requests == {DISCOVERY_PATH: 2, JWKS_PATH: 1}


async def test_a_discovery_document_naming_another_issuer_is_not_trusted(
    database, idp: IdentityProvider
):
    await acme_people(database)
    # The provider listed under an issuer its discovery document does not name.
    setting = provider_setting(idp, issuer=idp.issuer + "/tenant-b")
    async with http_client(database, oidc_providers=setting) as client:
        status, body = await me(client, idp.token(iss=idp.issuer + "/tenant-b"))
    assert status == 503
    assert body["errors"][0]["extensions"] == {"code": "IDENTITY_PROVIDER_UNAVAILABLE"}
    assert idp.requests == {"/tenant-b" + DISCOVERY_PATH: 1}


async def test_the_key_set_is_kept_for_its_max_age_and_kept_when_a_refresh_fails(
    idp: IdentityProvider,
):
    (provider,) = parse_providers(provider_setting(idp), production=False)
    clock = [1000.0]
    keys = KeySetCache(
        provider,
        production=False,
        default_cache_seconds=3600,
        refetch_seconds=30,
        timeout_seconds=5,
        clock=lambda: clock[0],
    )
    idp.cache_control = "public, max-age=120"
    first = await keys.key_for("rsa-1", "RS256")
    clock[0] += 100  # within max-age: no request
    await keys.key_for("rsa-1", "RS256")
    assert idp.requests[JWKS_PATH] == 1
    clock[0] += 30  # past it: fetched again
    await keys.key_for("rsa-1", "RS256")
    assert idp.requests[JWKS_PATH] == 2
    idp.down = True
    clock[0] += 200  # stale, and the provider is down: the known keys stay in use
    stale = await keys.key_for("rsa-1", "RS256")
    assert idp.requests[JWKS_PATH] == 3
    assert stale.as_dict() == first.as_dict() == idp.key.as_dict(private=False)
    clock[0] += 10  # the next try waits one refetch interval
    await keys.key_for("rsa-1", "RS256")
    assert idp.requests[JWKS_PATH] == 3


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, 3600.0),
        ("max-age=7200", 7200.0),
        ("public, max-age=300, must-revalidate", 300.0),
        ('max-age="600"', 600.0),
        ("max-age=5", 60.0),  # below the floor
        ("max-age=9999999", 86400.0),  # above the ceiling
        ("no-store", 60.0),
        ("no-cache, max-age=900", 60.0),
        ("private", 3600.0),
    ],
)
def test_cache_control_is_honoured_within_bounds(header, seconds):
    assert cache_seconds(header, default=3600.0) == seconds
