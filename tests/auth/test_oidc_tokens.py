"""Sign-in tokens (JWTs) of a trusted provider over /graphql: the one that holds lets its
user in; each wrong one is refused with a 401 that says what is wrong."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from joserfc.jwk import RSAKey

from db.types import utcnow
from gateway.auth.errors import AuthenticationError
from gateway.auth.jwks import KeySetCache
from gateway.auth.jwt_verifier import JwtVerifier
from gateway.auth.oidc_config import OidcProvider
from tests.auth.identity_provider import AUDIENCE, IdentityProvider, provider_setting
from tests.auth.sso import BEN, acme_people, me, refused
from tests.http import http_client


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segment(value: dict) -> str:
    return _b64(json.dumps(value).encode())


async def test_a_valid_token_is_its_user(database, idp: IdentityProvider):
    await acme_people(database)
    rsa = idp.key
    # An EC key of the provider's allow-list verifies as well as an RSA one.
    idp.rotate(kid="ec-1", kind="EC")
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        status, body = await me(client, idp.token(key=rsa))
        ec_status, ec_body = await me(client, idp.token())
        # An email differing only in case is the same user, as roster compares emails.
        upper_status, upper_body = await me(client, idp.token(email="BEN.Bell@ACME.example"))
    assert (status, body) == (200, BEN)
    assert (ec_status, ec_body) == (200, BEN)
    assert (upper_status, upper_body) == (200, BEN)


async def test_each_wrong_token_is_refused_saying_what_is_wrong(database, idp: IdentityProvider):
    await acme_people(database)
    now = int(time.time())
    stranger = RSAKey.generate_key(2048, parameters={"kid": "rsa-1"})
    cases = {
        "expired": idp.token(iat=now - 900, exp=now - 120),
        "not yet valid": idp.token(nbf=now + 600),
        "issued in the future": idp.token(iat=now + 600),
        "wrong audience": idp.token(aud="another-api"),
        "audience list without roster": idp.token(aud=["account", "another-api"]),
        "unknown issuer": idp.token(iss="https://idp.example/other"),
        "issuer differing by a slash": idp.token(iss=idp.issuer + "/"),
        "unknown key id": idp.token(header={"kid": "never-published"}),
        "signed by another key with a known kid": idp.token(key=stranger),
        "no exp": idp.token(exp=None),
        "no sub": idp.token(sub=None),
        "email not verified": idp.token(email_verified=False),
        "email unknown to acme": idp.token(email="nobody@acme.example"),
    }
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        answers = {name: await me(client, token) for name, token in cases.items()}
    assert answers == {
        "expired": (401, refused("This sign-in token has expired: sign in again.")),
        "not yet valid": (401, refused("This sign-in token is not valid yet (nbf).")),
        "issued in the future": (401, refused("This sign-in token was issued in the future (iat).")),
        "wrong audience": (401, refused(
            "This sign-in token is not meant for roster: its audience (aud) does not name it."
        )),
        "audience list without roster": (401, refused(
            "This sign-in token is not meant for roster: its audience (aud) does not name it."
        )),
        "unknown issuer": (401, refused("This sign-in token's issuer (iss) is not one roster trusts.")),
        "issuer differing by a slash": (401, refused(
            "This sign-in token's issuer (iss) is not one roster trusts."
        )),
        "unknown key id": (401, refused(
            "This sign-in token's key id (kid) is not among its issuer's published keys."
        )),
        "signed by another key with a known kid": (401, refused(
            "This sign-in token's signature does not verify."
        )),
        "no exp": (401, refused("This sign-in token lacks the exp claim.")),
        "no sub": (401, refused("This sign-in token lacks the sub claim.")),
        "email not verified": (401, refused(
            "This sign-in token's email is not verified (email_verified is false)."
        )),
        "email unknown to acme": (401, refused("No roster user matches this sign-in token.")),
    }  # fmt: skip


async def test_an_audience_list_naming_roster_is_accepted(database, idp: IdentityProvider):
    await acme_people(database)
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        assert await me(client, idp.token(aud=["account", AUDIENCE])) == (200, BEN)


async def test_hs256_signed_with_the_providers_public_key_is_refused(
    database, idp: IdentityProvider
):
    # The algorithm-confusion attack: the public key, which anyone can fetch, used as an
    # HMAC secret. Both forms of it (PEM and the JWK's JSON) are tried.
    await acme_people(database)
    public = idp.key.as_dict(private=False)
    secrets = [
        RSAKey.import_key(public).as_pem(private=False),
        json.dumps(public).encode(),
    ]
    tokens = []
    for secret in secrets:
        signing_input = f"{_segment({'alg': 'HS256', 'kid': 'rsa-1'})}.{_segment(idp.claims())}"
        mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        tokens.append(f"{signing_input}.{_b64(mac)}")
    # Even a provider whose allow-list were to name it could not make it pass: the
    # settings refuse HS256 (tests/auth/test_oidc_settings.py).
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        answers = [await me(client, token) for token in tokens]
    expected = refused(
        "This sign-in token is signed with an algorithm its issuer is not allowed to use "
        "(allowed: RS256, ES256)."
    )
    assert answers == [(401, expected), (401, expected)]


async def test_an_unsigned_token_is_refused(database, idp: IdentityProvider):
    await acme_people(database)
    unsigned = [
        f"{_segment({'alg': 'none'})}.{_segment(idp.claims())}.",
        f"{_segment({'alg': 'none', 'kid': 'rsa-1'})}.{_segment(idp.claims())}.",
        f"{_segment({'alg': 'NONE'})}.{_segment(idp.claims())}.",
    ]
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        answers = [await me(client, token) for token in unsigned]
    expected = refused(
        "This sign-in token is signed with an algorithm its issuer is not allowed to use "
        "(allowed: RS256, ES256)."
    )
    assert answers == [(401, expected)] * 3


async def test_a_tampered_payload_is_refused(database, idp: IdentityProvider):
    # Ben's genuine token with Ada's email written into it: the signature no longer holds.
    await acme_people(database)
    header, _, signature = idp.token().split(".")
    tampered = f"{header}.{_segment(idp.claims(email='ada.admin@acme.example'))}.{signature}"
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        answer = await me(client, tampered)
    assert answer == (401, refused("This sign-in token's signature does not verify."))


async def test_garbage_shaped_like_a_jwt_is_refused_without_echoing_it(
    database, idp: IdentityProvider
):
    await acme_people(database)
    tokens = ["abc.def.ghi", f"{_segment({'alg': 'RS256'})}.bm90IGpzb24.sig", "a." * 9000 + "a"]
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        answers = [await me(client, token) for token in tokens]
    assert answers == [
        (401, refused("This sign-in token is not a well-formed signed JWT.")),
        (401, refused("This sign-in token is not a well-formed signed JWT.")),
        (401, refused("This API token is not valid.")),
    ]


async def test_without_providers_a_jwt_is_an_unknown_issuer(database, idp: IdentityProvider):
    await acme_people(database)
    async with http_client(database) as client:
        answer = await me(client, idp.token())
    assert answer == (401, refused("This sign-in token's issuer (iss) is not one roster trusts."))
    assert idp.requests == {}


async def test_hs256_fails_even_where_an_allow_list_were_to_name_it(idp: IdentityProvider):
    # Defence in depth: a provider built past the settings' check, HS256 allowed. No key
    # of the provider's set is an HMAC key (symmetric keys in a key set are ignored), so
    # the public key is never taken for a secret.
    forged = OidcProvider(
        issuer=idp.issuer, audience=AUDIENCE, tenant="acme", claim="email",
        jwks_uri=idp.jwks_uri, algorithms=("HS256", "RS256"),
    )  # fmt: skip
    keys = KeySetCache(
        forged, production=False, default_cache_seconds=3600, refetch_seconds=60,
        timeout_seconds=5,
    )  # fmt: skip
    verifier = JwtVerifier((forged,), key_sets={idp.issuer: keys}, leeway_seconds=0)
    secret = RSAKey.import_key(idp.key.as_dict(private=False)).as_pem(private=False)
    signing_input = f"{_segment({'alg': 'HS256', 'kid': 'rsa-1'})}.{_segment(idp.claims())}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(AuthenticationError) as refusal:
        await verifier.verify(f"{signing_input}.{_b64(mac)}", now=utcnow())
    assert refusal.value.message == (
        "This sign-in token's key id (kid) is not among its issuer's published keys."
    )
    # The provider's genuine RS256 token still passes the same verifier.
    verified = await verifier.verify(idp.token(), now=utcnow())
    assert verified.claims["email"] == "ben.bell@acme.example"
