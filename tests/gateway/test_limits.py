"""Limits refuse abusive requests before execution, each saying which limit."""

import pytest

from db.enums import Role
from gateway.extensions import MASKED_MESSAGE
from schemas.admin.user_fields import AdminUserFields
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, http_client


@pytest.fixture
async def token(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    return await make_token(database, admin)


async def _post(database, token, query, **settings):
    async with http_client(database, **settings) as client:
        return await client.post("/graphql", json={"query": query}, headers=bearer(token))


async def test_depth_limit(database, token):
    deep = "{ me { groups { members { groups { members { groups { members { id } } } } } } } }"
    response = await _post(database, token, deep, max_depth=5)
    assert response.json()["errors"][0]["message"] == "'anonymous' exceeds maximum operation depth of 5"
    assert "data" not in response.json() or response.json()["data"] is None


async def test_alias_limit(database, token):
    aliases = "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(4)) + " }"
    response = await _post(database, token, aliases, max_aliases=3)
    assert response.json()["errors"][0]["message"] == (
        "4 aliases found. Allowed: 3"
    )


async def test_token_limit(database, token):
    response = await _post(database, token, "{ " + "me { id } " * 50 + "}", max_tokens=40)
    assert response.json()["errors"][0]["message"] == (
        "Syntax Error: Document contains more than 40 tokens. Parsing aborted."
    )


async def test_first_over_100_is_invalid_input(database, token):
    response = await _post(database, token, "{ users(first: 101) { totalCount } }")
    assert response.json() == {
        "data": None,
        "errors": [{"message": "`first` must be between 1 and 100; got 101.",
                    "locations": [{"line": 1, "column": 3}], "path": ["users"],
                    "extensions": {"code": "INVALID_INPUT"}}],
    }


async def test_body_over_the_limit_is_413(database, token):
    async with http_client(database, max_body_bytes=1000) as client:
        response = await client.post(
            "/graphql", json={"query": "{ me { id } }", "pad": "x" * 2000}, headers=bearer(token)
        )
    assert response.status_code == 413
    assert response.json() == {"errors": [{"message": "The request body is larger than 1000 bytes.",
                                           "extensions": {"code": "PAYLOAD_TOO_LARGE"}}]}


async def test_validation_errors_stay_readable(database, token):
    response = await _post(database, token, "{ me { emial } }")
    assert response.json()["errors"][0]["message"] == (
        "Cannot query field 'emial' on type 'User'. Did you mean 'email'?"
    )


async def test_internal_errors_are_masked(database, token, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: /etc/passwd")

    # The field breaks; authentication (which reads the same policy module) must not.
    monkeypatch.setattr(AdminUserFields, "facts", property(broken))
    response = await _post(database, token, "{ me { email inAvailableUserList } }")
    assert response.json() == {
        "data": {"me": None},
        "errors": [{"message": MASKED_MESSAGE, "locations": [{"line": 1, "column": 14}],
                    "path": ["me", "inAvailableUserList"]}],
    }
