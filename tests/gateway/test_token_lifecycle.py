"""Over HTTP: a revoked or expired token is refused at its next request, as a deactivated
user's is; lastUsedAt is written at most once a minute, after the response."""

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from db.enums import Role, UserStatus
from db.models import ApiToken
from db.types import utcnow
from resolvers.ids import to_global_id
from tests.admin.token_world import make_api_token
from tests.factories import make_tenant, make_token, make_user
from tests.graphql import StatementCounter
from tests.http import bearer, graphql_body, http_client

ME = {"query": "{ me { email } }"}
BEN = {"data": {"me": {"email": "ben.bell@acme.example"}}}
CREATE = """mutation($id: ID!) { createApiToken(input: {userId: $id, name: "ben-cli"}) {
  apiToken { id } secret userErrors { code } } }"""
REVOKE = """mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) {
  apiToken { active } userErrors { code } } }"""


def _refusal(response: Any) -> dict[str, Any]:
    """What a refusal is, but for the sentence saying why."""
    body = graphql_body(response)
    (error,) = body["errors"]
    return {
        "status": response.status_code,
        "www-authenticate": response.headers["www-authenticate"],
        "keys": sorted(body),
        "error_keys": sorted(error),
        "extensions": error["extensions"],
    }


async def _world(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    return ben, await make_token(database, ada), await make_token(database, dee)


async def test_revoked_and_expired_tokens_get_the_refusal_a_deactivated_users_token_gets(
    database,
):
    ben, admin_token, dee_token = await _world(database)

    async with http_client(database) as client:
        created = await client.post(
            "/graphql",
            json={"query": CREATE, "variables": {"id": to_global_id("User", ben.id)}},
            headers=bearer(admin_token),
        )
        made = graphql_body(created)["data"]["createApiToken"]
        secret, token_id = made["secret"], made["apiToken"]["id"]
        before = await client.post("/graphql", json=ME, headers=bearer(secret))
        revoked = await client.post(
            "/graphql",
            json={"query": REVOKE, "variables": {"id": token_id}},
            headers=bearer(admin_token),
        )
        after_revocation = await client.post("/graphql", json=ME, headers=bearer(secret))

        expiring = await make_api_token(
            database, ben, "expiring", expires_at=utcnow() + timedelta(hours=1)
        )
        while_valid = await client.post("/graphql", json=ME, headers=bearer("rst_expiring"))
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(ApiToken)
                .where(ApiToken.id == expiring.id)  # type: ignore[arg-type]
                .values(expires_at=utcnow() - timedelta(seconds=1))
            )
        after_expiry = await client.post("/graphql", json=ME, headers=bearer("rst_expiring"))
        deactivated = await client.post("/graphql", json=ME, headers=bearer(dee_token))
        admin_still = await client.post("/graphql", json=ME, headers=bearer(admin_token))

    assert made["userErrors"] == []
    assert graphql_body(before) == BEN
    assert graphql_body(revoked) == {
        "data": {"revokeApiToken": {"apiToken": {"active": False}, "userErrors": []}}
    }
    assert graphql_body(while_valid) == BEN
    assert (
        _refusal(after_revocation)
        == _refusal(after_expiry)
        == _refusal(deactivated)
        == {
            "status": 401,
            "www-authenticate": 'Bearer error="invalid_token"',
            "keys": ["errors"],
            "error_keys": ["extensions", "message"],
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    )
    assert [
        graphql_body(r)["errors"][0]["message"]
        for r in (after_revocation, after_expiry, deactivated)
    ] == [
        "This API token was revoked and cannot log in.",
        "This API token has expired and cannot log in.",
        "This user is deactivated and cannot log in.",
    ]
    assert graphql_body(admin_still) == {"data": {"me": {"email": "ada.admin@acme.example"}}}


def _token_updates(counter: StatementCounter) -> list[str]:
    return [
        statement
        for statement in counter.statements
        if statement.lstrip().upper().startswith("UPDATE") and "api_tokens" in statement
    ]


async def _last_used(database, token: ApiToken):
    async with database.session() as session:
        return await session.scalar(
            select(ApiToken.last_used_at).where(ApiToken.id == token.id)  # type: ignore[arg-type]
        )


async def test_last_used_at_is_written_once_a_minute_and_never_on_every_request(database):
    acme = await make_tenant(database)
    ben = await make_user(database, acme, "Ben Bell")
    token = await make_api_token(database, ben, "ben-laptop")
    async with http_client(database) as client:
        with StatementCounter(database) as first_minute:
            first = await client.post("/graphql", json=ME, headers=bearer("rst_ben-laptop"))
            recorded = await _last_used(database, token)
            second = await client.post("/graphql", json=ME, headers=bearer("rst_ben-laptop"))
            third = await client.post("/graphql", json=ME, headers=bearer("rst_ben-laptop"))
        # A minute and a second later, as far as the token knows.
        async with database.write_sessions() as session, session.begin():
            await session.execute(
                update(ApiToken)
                .where(ApiToken.id == token.id)  # type: ignore[arg-type]
                .values(last_used_at=recorded - timedelta(seconds=61))
            )
        with StatementCounter(database) as a_minute_on:
            later = await client.post("/graphql", json=ME, headers=bearer("rst_ben-laptop"))
    assert (
        graphql_body(first)
        == graphql_body(second)
        == graphql_body(third)
        == graphql_body(later)
        == BEN
    )
    assert recorded is not None and utcnow() - recorded < timedelta(seconds=30)
    assert len(_token_updates(first_minute)) == 1
    assert len(_token_updates(a_minute_on)) == 1
    assert await _last_used(database, token) > recorded


async def test_authentication_is_one_statement_per_request(database):
    acme = await make_tenant(database)
    ben = await make_user(database, acme, "Ben Bell")
    await make_api_token(database, ben, "ben-laptop", last_used_at=utcnow())
    async with http_client(database) as client:
        with StatementCounter(database) as counter:
            response = await client.post(
                "/graphql", json={"query": "{ __typename }"}, headers=bearer("rst_ben-laptop")
            )
    assert graphql_body(response) == {"data": {"__typename": "Query"}}
    assert len(counter.statements) == 1
    assert "api_tokens" in counter.statements[0]


async def test_a_failed_last_used_write_never_fails_the_request(database, monkeypatch):
    acme = await make_tenant(database)
    ben = await make_user(database, acme, "Ben Bell")
    token = await make_api_token(database, ben, "ben-laptop")

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database is locked")

    async with http_client(database) as client:
        monkeypatch.setattr(database, "write_sessions", locked)
        response = await client.post("/graphql", json=ME, headers=bearer("rst_ben-laptop"))
        monkeypatch.undo()
    assert response.status_code == 200
    assert graphql_body(response) == BEN
    assert await _last_used(database, token) is None
