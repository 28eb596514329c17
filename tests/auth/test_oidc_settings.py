"""ROSTER_OIDC_PROVIDERS read at start: a good list becomes the providers; each mistake
stops roster with a message naming the entry and what to fix."""

import json

import pytest

from gateway.auth.oidc_config import OidcProvider
from gateway.settings import Settings, SettingsError, load_settings

GOOD = {
    "issuer": "https://login.example.com/acme",
    "audience": "api://roster",
    "tenant": "acme",
    "claim": "email",
}


def test_a_good_list_becomes_the_providers(monkeypatch):
    entries = [GOOD, {**GOOD, "issuer": "https://idp.example/", "claim": "sub",
                      "jwks_uri": "https://idp.example/keys", "algorithms": ["ES256"]}]  # fmt: skip
    monkeypatch.setenv("ROSTER_ENV", "production")
    monkeypatch.setenv("ROSTER_OIDC_PROVIDERS", json.dumps(entries))
    assert load_settings().oidc_providers == (
        OidcProvider(
            issuer="https://login.example.com/acme", audience="api://roster", tenant="acme",
            claim="email", jwks_uri=None, algorithms=("RS256", "ES256"),
        ),
        OidcProvider(
            issuer="https://idp.example/", audience="api://roster", tenant="acme",
            claim="sub", jwks_uri="https://idp.example/keys", algorithms=("ES256",),
        ),
    )  # fmt: skip
    assert Settings().oidc_providers[1].discovery_url == (
        "https://idp.example/.well-known/openid-configuration"
    )


def test_unset_or_empty_means_api_tokens_only(monkeypatch):
    assert Settings().oidc_providers == ()
    monkeypatch.setenv("ROSTER_OIDC_PROVIDERS", "")
    assert load_settings().oidc_providers == ()


@pytest.mark.parametrize(
    ("env", "entries", "problem"),
    [
        ("development", "{not json", 'not JSON: write a list such as [{"issuer": "https://...", '
         '"audience": "...", "tenant": "acme", "claim": "email"}]'),
        ("development", {"issuer": "x"}, "must be a JSON list of providers"),
        ("development", [{**GOOD, "claim": "emial"}],
         'provider 1: claim must be "email" (the user\'s email) or "sub" (the user\'s externalId)'),
        ("development", [GOOD, {**GOOD, "algorithms": ["HS256"]}],
         "provider 2: algorithm 'HS256' is not accepted; roster verifies asymmetric signatures "
         "only: ES256, ES384, ES512, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512"),
        ("development", [{**GOOD, "algorithms": ["none"]}],
         "provider 1: algorithm 'none' is not accepted; roster verifies asymmetric signatures "
         "only: ES256, ES384, ES512, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512"),
        ("development", [{**GOOD, "algorithms": []}],
         "provider 1: algorithms must be a non-empty list of names such as RS256"),
        ("development", [{**GOOD, "audiance": "roster"}],
         "provider 1: unknown field 'audiance' (fields: algorithms, audience, claim, issuer, "
         "jwks_uri, tenant)"),
        ("development", [{**GOOD, "audience": ""}],
         "provider 1: audience must be a non-empty string without surrounding spaces"),
        ("development", [{**GOOD, "tenant": "a b"}],
         "provider 1: tenant must be a roster tenant's slug (letters, digits, - and _)"),
        ("development", [GOOD, GOOD],
         "provider 2: the issuer https://login.example.com/acme is listed twice; one issuer is "
         "one provider"),
        ("development", [{**GOOD, "issuer": "http://idp.example"}],
         "provider 1: issuer http:// is accepted only for 127.0.0.1 or localhost in "
         "development: use https://"),
        ("production", [{**GOOD, "issuer": "http://127.0.0.1:8080"}],
         "provider 1: issuer must be an https:// URL (ROSTER_ENV=production)"),
        ("production", [{**GOOD, "jwks_uri": "http://login.example.com/keys"}],
         "provider 1: jwks_uri must be an https:// URL (ROSTER_ENV=production)"),
    ],
)  # fmt: skip
def test_each_mistake_stops_roster_saying_what_to_fix(monkeypatch, env, entries, problem):
    raw = entries if isinstance(entries, str) else json.dumps(entries)
    monkeypatch.setenv("ROSTER_ENV", env)
    monkeypatch.setenv("ROSTER_OIDC_PROVIDERS", raw)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value) == (
        f"roster cannot start with these settings: ROSTER_OIDC_PROVIDERS={raw!r}: {problem}. "
        "Fix the environment (or .env) and start it again."
    )


def test_development_accepts_a_loopback_provider_over_http():
    settings = Settings(
        oidc_providers=json.dumps([{**GOOD, "issuer": "http://127.0.0.1:9000/realms/acme",
                                    "jwks_uri": "http://localhost:9000/keys"}])
    )  # fmt: skip
    assert settings.oidc_providers[0].issuer == "http://127.0.0.1:9000/realms/acme"
