"""createApiToken and revokeApiToken: the secret once, the guards, tenancy, the audit entries."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from db.models import ApiToken
from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.tokens import TOKEN_PREFIX, hash_token
from tests.admin.token_world import build_token_world
from tests.audit_rows import audit_entries
from tests.graphql import data_of

CREATE = """mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  apiToken { id name lastUsedAt expiresAt revokedAt active user { email } }
  secret userErrors { code field message } } }"""
REVOKE = """mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) {
  apiToken { id name revokedAt active user { email } } userErrors { code field message } } }"""
NOBODY = to_global_id("User", 424242)


async def _token_rows(database) -> list[tuple]:
    async with database.session() as session:
        rows = (
            await session.execute(
                select(ApiToken.id, ApiToken.name, ApiToken.revoked_at).order_by(ApiToken.id)  # type: ignore[arg-type]
            )
        ).all()
    return [tuple(row) for row in rows]


async def test_an_admin_creates_a_token_whose_secret_is_answered_once(database):
    tokens = await build_token_world(database)
    world = tokens.world
    expires = datetime(2030, 6, 1, 0, 0, tzinfo=UTC)
    data = await data_of(
        database,
        world.admin,
        CREATE,
        {
            "input": {
                "userId": world.gid(world.ben),
                "name": " ben-ci ",
                "expiresAt": "2030-06-01T09:00:00+09:00",
            }
        },
    )
    answer = data["createApiToken"]
    async with database.session() as session:
        row = (
            await session.execute(select(ApiToken).where(ApiToken.name == "ben-ci"))  # type: ignore[arg-type]
        ).scalar_one()
    secret = answer.pop("secret")
    assert secret.startswith(TOKEN_PREFIX) and len(secret) > 40
    assert row.token_hash == hash_token(secret)
    assert answer == {
        "apiToken": {
            "id": to_global_id("ApiToken", row.id),
            "name": "ben-ci",
            "lastUsedAt": None,
            "expiresAt": "2030-06-01T00:00:00+00:00",
            "revokedAt": None,
            "active": True,
            "user": {"email": "ben.bell@acme.example"},
        },
        "userErrors": [],
    }
    assert row.expires_at == expires
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "API_TOKEN_CREATED",
            "target_type": "ApiToken",
            "target_id": row.id,
            "target_user_id": world.ben.id,
            "changes": [
                {"field": "name", "before": None, "after": "ben-ci"},
                {"field": "expiresAt", "before": None, "after": "2030-06-01T00:00:00+00:00"},
                {"field": "user", "before": None, "after": world.gid(world.ben)},
            ],
        }
    ]
    # The secret is nowhere to be read again: not in the list, not in the audit log.
    listed = await data_of(database, world.admin, "{ apiTokens { edges { node { name } } } }")
    assert secret not in str(listed) and secret not in str(await audit_entries(database))


@pytest.mark.parametrize(
    ("given", "code", "field", "message"),
    [
        (lambda w: {"name": " "}, "INVALID_INPUT", ["input", "name"], "A token's name has 1 to 200 characters."),
        (lambda w: {"name": "n" * 201}, "INVALID_INPUT", ["input", "name"], "A token's name has 1 to 200 characters."),
        (
            lambda w: {"name": "old", "expiresAt": (utcnow() - timedelta(minutes=1)).isoformat()},
            "INVALID_INPUT", ["input", "expiresAt"], "expiresAt must lie in the future.",
        ),
        (
            lambda w: {"name": "dee", "userId": w.gid(w.dee)},
            "USER_DEACTIVATED", ["input", "userId"], "A deactivated user cannot log in: activate them first.",
        ),
        (lambda w: {"name": "x", "userId": NOBODY}, "NOT_FOUND", ["input", "userId"], "No user with this id."),
        (lambda w: {"name": "x", "userId": "nonsense"}, "NOT_FOUND", ["input", "userId"], "No user with this id."),
    ],
    ids=["blank-name", "long-name", "past-expiry", "deactivated", "unknown", "undecodable"],
)  # fmt: skip
async def test_create_refusals_write_nothing(database, given, code, field, message):
    tokens = await build_token_world(database)
    world = tokens.world
    before = await _token_rows(database)
    data = await data_of(
        database, world.admin, CREATE, {"input": {"userId": world.gid(world.ben), **given(world)}}
    )
    assert data["createApiToken"] == {
        "apiToken": None,
        "secret": None,
        "userErrors": [{"code": code, "field": field, "message": message}],
    }
    assert await _token_rows(database) == before
    assert await audit_entries(database) == []


async def test_create_is_refused_to_a_member_and_another_tenants_user_is_not_found(database):
    tokens = await build_token_world(database)
    world = tokens.world
    before = await _token_rows(database)
    member = await data_of(
        database, world.member, CREATE, {"input": {"userId": world.gid(world.cai), "name": "mine"}}
    )
    foreign = await data_of(
        database,
        tokens.foreign_admin,
        CREATE,
        {"input": {"userId": world.gid(world.ben), "name": "theirs"}},
    )
    assert member["createApiToken"]["userErrors"] == [
        {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
    ]
    assert foreign["createApiToken"]["userErrors"] == [
        {"code": "NOT_FOUND", "field": ["input", "userId"], "message": "No user with this id."}
    ]
    assert member["createApiToken"]["secret"] is foreign["createApiToken"]["secret"] is None
    assert await _token_rows(database) == before
    assert await audit_entries(database) == []


async def test_an_admin_revokes_a_token_once_and_a_repeat_changes_nothing(database):
    tokens = await build_token_world(database)
    world = tokens.world
    variables = {"input": {"tokenId": tokens.gid(tokens.ben_laptop)}}
    first = await data_of(database, world.admin, REVOKE, variables)
    (entry,) = await audit_entries(database)
    again = await data_of(database, world.admin, REVOKE, variables)
    async with database.session() as session:
        revoked_at = await session.scalar(
            select(ApiToken.revoked_at).where(ApiToken.id == tokens.ben_laptop.id)  # type: ignore[arg-type]
        )
    assert revoked_at is not None
    expected = {
        "apiToken": {
            "id": tokens.gid(tokens.ben_laptop),
            "name": "ben-laptop",
            "revokedAt": revoked_at.isoformat(),
            "active": False,
            "user": {"email": "ben.bell@acme.example"},
        },
        "userErrors": [],
    }
    assert first["revokeApiToken"] == expected
    assert again["revokeApiToken"] == expected
    assert entry == {
        "tenant_id": world.acme.id,
        "actor_kind": "USER",
        "actor_id": world.ada.id,
        "action": "API_TOKEN_REVOKED",
        "target_type": "ApiToken",
        "target_id": tokens.ben_laptop.id,
        "target_user_id": world.ben.id,
        "changes": [{"field": "revokedAt", "before": None, "after": revoked_at.isoformat()}],
    }
    assert len(await audit_entries(database)) == 1


async def test_a_member_revokes_their_own_token_but_not_another_users(database):
    tokens = await build_token_world(database)
    world = tokens.world
    own = await data_of(
        database, world.member, REVOKE, {"input": {"tokenId": tokens.gid(tokens.cai_ci)}}
    )
    before = await _token_rows(database)
    other = await data_of(
        database, world.member, REVOKE, {"input": {"tokenId": tokens.gid(tokens.ben_laptop)}}
    )
    assert own["revokeApiToken"]["userErrors"] == []
    assert own["revokeApiToken"]["apiToken"]["active"] is False
    assert other["revokeApiToken"] == {
        "apiToken": None,
        "userErrors": [
            {
                "code": "FORBIDDEN",
                "field": ["input"],
                "message": "Members may revoke only their own tokens.",
            }
        ],
    }
    assert await _token_rows(database) == before
    entries = await audit_entries(database)
    assert [(entry["actor_id"], entry["target_id"]) for entry in entries] == [
        (world.cai.id, tokens.cai_ci.id)
    ]


@pytest.mark.parametrize("token_id", ["foreign", "unknown", "undecodable", "a-user-id"])
async def test_revoking_another_tenants_or_no_token_is_not_found(database, token_id):
    tokens = await build_token_world(database)
    world = tokens.world
    given = {
        "foreign": tokens.gid(tokens.gus_token),
        "unknown": to_global_id("ApiToken", 99_999),
        "undecodable": "nonsense",
        "a-user-id": world.gid(world.ben),
    }[token_id]
    before = await _token_rows(database)
    data = await data_of(database, world.admin, REVOKE, {"input": {"tokenId": given}})
    assert data["revokeApiToken"] == {
        "apiToken": None,
        "userErrors": [
            {
                "code": "NOT_FOUND",
                "field": ["input", "tokenId"],
                "message": "No API token with this id.",
            }
        ],
    }
    assert await _token_rows(database) == before
    assert await audit_entries(database) == []
