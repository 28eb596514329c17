"""createScimToken and revokeScimToken: admins only, the secret once and never audited,
the same checks as createApiToken; a person's token and a SCIM token never cross."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from db.enums import TokenKind
from db.models import ApiToken
from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.tokens import SCIM_TOKEN_PREFIX, hash_token
from tests.admin.scim_token_world import build_scim_token_world
from tests.audit_rows import audit_entries
from tests.graphql import data_of

CREATE = """mutation($input: CreateScimTokenInput!) { createScimToken(input: $input) {
  scimToken { id name lastUsedAt expiresAt revokedAt active }
  secret userErrors { code field message } } }"""
REVOKE = """mutation($input: RevokeScimTokenInput!) { revokeScimToken(input: $input) {
  scimToken { id name revokedAt active } userErrors { code field message } } }"""
REVOKE_API_TOKEN = """mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) {
  apiToken { id } userErrors { code field message } } }"""


async def _token_rows(database) -> list[tuple]:
    async with database.session() as session:
        rows = (
            await session.execute(
                select(ApiToken.id, ApiToken.kind, ApiToken.name, ApiToken.revoked_at).order_by(  # type: ignore[arg-type]
                    ApiToken.id  # type: ignore[arg-type]
                )
            )
        ).all()
    return [tuple(row) for row in rows]


async def test_an_admin_creates_a_scim_token_whose_secret_is_answered_once(database):
    scim = await build_scim_token_world(database)
    world = scim.tokens.world
    data = await data_of(
        database,
        world.admin,
        CREATE,
        {"input": {"name": " Okta provisioning ", "expiresAt": "2030-06-01T09:00:00+09:00"}},
    )
    answer = data["createScimToken"]
    async with database.session() as session:
        row = (
            await session.execute(
                select(ApiToken).where(ApiToken.name == "Okta provisioning")  # type: ignore[arg-type]
            )
        ).scalar_one()
    secret = answer.pop("secret")
    assert secret.startswith(SCIM_TOKEN_PREFIX) and len(secret) == len(SCIM_TOKEN_PREFIX) + 43
    assert (row.token_hash, row.kind, row.user_id, row.tenant_id) == (
        hash_token(secret),
        TokenKind.SCIM,
        None,
        world.acme.id,
    )
    assert row.expires_at == datetime(2030, 6, 1, 0, 0, tzinfo=UTC)
    assert answer == {
        "scimToken": {
            "id": to_global_id("ScimToken", row.id),
            "name": "Okta provisioning",
            "lastUsedAt": None,
            "expiresAt": "2030-06-01T00:00:00+00:00",
            "revokedAt": None,
            "active": True,
        },
        "userErrors": [],
    }
    entries = await audit_entries(database)
    assert entries == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "SCIM_TOKEN_CREATED",
            "target_type": "ScimToken",
            "target_id": row.id,
            "target_user_id": None,
            "changes": [
                {"field": "name", "before": None, "after": "Okta provisioning"},
                {"field": "expiresAt", "before": None, "after": "2030-06-01T00:00:00+00:00"},
            ],
        }
    ]
    # The secret is nowhere to be read again: not in the list, not in the audit log.
    listed = await data_of(database, world.admin, "{ scimTokens { edges { node { id name } } } }")
    assert secret not in str(listed) and secret[len(SCIM_TOKEN_PREFIX) :] not in str(entries)
    log = await data_of(
        database,
        world.admin,
        "{ auditLog(first: 1) { edges { node { action targetType targetId targetUser { id } } } } }",
    )
    assert log == {
        "auditLog": {
            "edges": [
                {
                    "node": {
                        "action": "SCIM_TOKEN_CREATED",
                        "targetType": "ScimToken",
                        "targetId": to_global_id("ScimToken", row.id),
                        "targetUser": None,
                    }
                }
            ]
        }
    }


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"name": " "}, ["input", "name"], "A token's name has 1 to 200 characters."),
        ({"name": "n" * 201}, ["input", "name"], "A token's name has 1 to 200 characters."),
        (
            {"name": "old", "expiresAt": (utcnow() - timedelta(minutes=1)).isoformat()},
            ["input", "expiresAt"],
            "expiresAt must lie in the future.",
        ),
    ],
    ids=["blank-name", "long-name", "past-expiry"],
)
async def test_create_refusals_write_nothing(database, given, field, message):
    scim = await build_scim_token_world(database)
    before = await _token_rows(database)
    data = await data_of(database, scim.tokens.world.admin, CREATE, {"input": given})
    assert data["createScimToken"] == {
        "scimToken": None,
        "secret": None,
        "userErrors": [{"code": "INVALID_INPUT", "field": field, "message": message}],
    }
    assert await _token_rows(database) == before
    assert await audit_entries(database) == []


async def test_a_member_may_neither_create_nor_revoke(database):
    scim = await build_scim_token_world(database)
    member = scim.tokens.world.member
    before = await _token_rows(database)
    created = await data_of(database, member, CREATE, {"input": {"name": "mine"}})
    revoked = await data_of(database, member, REVOKE, {"input": {"tokenId": scim.gid(scim.okta)}})
    forbidden = [{"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}]
    assert created["createScimToken"] == {
        "scimToken": None,
        "secret": None,
        "userErrors": forbidden,
    }
    assert revoked["revokeScimToken"] == {"scimToken": None, "userErrors": forbidden}
    assert await _token_rows(database) == before
    assert await audit_entries(database) == []


async def test_an_admin_revokes_a_scim_token_once_and_a_repeat_changes_nothing(database):
    scim = await build_scim_token_world(database)
    world = scim.tokens.world
    variables = {"input": {"tokenId": scim.gid(scim.okta)}}
    first = await data_of(database, world.admin, REVOKE, variables)
    again = await data_of(database, world.admin, REVOKE, variables)
    async with database.session() as session:
        revoked_at = await session.scalar(
            select(ApiToken.revoked_at).where(ApiToken.id == scim.okta.id)  # type: ignore[arg-type]
        )
    assert revoked_at is not None
    expected = {
        "scimToken": {
            "id": scim.gid(scim.okta),
            "name": "okta",
            "revokedAt": revoked_at.isoformat(),
            "active": False,
        },
        "userErrors": [],
    }
    assert first["revokeScimToken"] == expected
    assert again["revokeScimToken"] == expected
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "SCIM_TOKEN_REVOKED",
            "target_type": "ScimToken",
            "target_id": scim.okta.id,
            "target_user_id": None,
            "changes": [{"field": "revokedAt", "before": None, "after": revoked_at.isoformat()}],
        }
    ]


@pytest.mark.parametrize("token_id", ["foreign", "unknown", "undecodable", "a-persons-token"])
async def test_revoking_another_tenants_or_no_scim_token_is_not_found(database, token_id):
    scim = await build_scim_token_world(database)
    given = {
        "foreign": scim.gid(scim.globex_okta),
        "unknown": to_global_id("ScimToken", 99_999),
        "undecodable": "nonsense",
        # A person's token, asked for as a ScimToken: the id names no SCIM token.
        "a-persons-token": scim.gid(scim.tokens.ben_laptop),
    }[token_id]
    before = await _token_rows(database)
    data = await data_of(database, scim.tokens.world.admin, REVOKE, {"input": {"tokenId": given}})
    assert data["revokeScimToken"] == {
        "scimToken": None,
        "userErrors": [
            {
                "code": "NOT_FOUND",
                "field": ["input", "tokenId"],
                "message": "No SCIM token with this id.",
            }
        ],
    }
    assert await _token_rows(database) == before
    assert await audit_entries(database) == []


@pytest.mark.parametrize("caller", ["admin", "member"])
async def test_revoke_api_token_never_reaches_a_scim_token(database, caller):
    scim = await build_scim_token_world(database)
    world = scim.tokens.world
    before = await _token_rows(database)
    data = await data_of(
        database,
        world.admin if caller == "admin" else world.member,
        REVOKE_API_TOKEN,
        {"input": {"tokenId": to_global_id("ApiToken", scim.okta.id)}},  # type: ignore[arg-type]
    )
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
