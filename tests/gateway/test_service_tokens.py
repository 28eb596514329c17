"""Over HTTP, a tenant's service token (the Phone product's backend): it reads what a
product reads, as no person, so it is in no user list and has no `me`; it administers
nothing and writes nothing a person writes; it stops at revocation and expiry as any
token does; SCIM refuses it; and it sees its own tenant only."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from db.models import ApiToken, Call, Tenant
from db.types import utcnow
from resolvers.comments import SERVICE_WRITES_NO_COMMENT
from resolvers.ids import to_global_id
from resolvers.tokens import create_service_token
from tests.gateway.authz_rows import (
    ADD_COMMENT,
    CONNECT,
    QUERY_ROWS,
    RESTRICTED_ROWS,
    ROWS,
    Row,
    cai,
    cais_call,
)
from tests.gateway.authz_world import AuthzWorld, build_authz_world
from tests.gateway.test_token_lifecycle import _refusal
from tests.http import bearer, graphql_body, http_client
from tests.table_rows import every_row

ME = "{ me { email } }"
# The mutations only an admin may make (the issue names them): a service is refused each.
ADMIN_MUTATIONS = (
    "Mutation.deactivateUser",
    "Mutation.createUser",
    "Mutation.assignPhoneNumber",
    "Mutation.createSeat",
    "Mutation.createUserGroup",
    "Mutation.createIncomingCallRule",
    "Mutation.createApiToken",
    "Mutation.revokeApiToken",
    "Mutation.createScimToken",
    "Mutation.scheduleUserStatusChange",
    "Mutation.createWebhookEndpoint",
    "Mutation.updateWebhookEndpoint",
    "Mutation.deleteWebhookEndpoint",
    "Mutation.rotateWebhookSecret",
)


async def _service(database, world: AuthzWorld, **columns: Any) -> str:
    """A new service token of acme (Ada's tenant): its secret."""
    async with database.write_sessions() as session, session.begin():
        acme_id = await session.scalar(select(Tenant.id).where(Tenant.slug == "acme"))  # type: ignore[arg-type]
        row, secret = await create_service_token(session, tenant_id=acme_id, name="phone")
        for column, value in columns.items():
            setattr(row, column, value)
    return secret


async def _post(client, token: str, document: str, variables: dict[str, Any] | None = None):
    return await client.post(
        "/graphql", json={"query": document, "variables": variables or {}}, headers=bearer(token)
    )


# Rows that answer the caller as a person (its `me`): a service has none.
PERSONAL = {"Query.me"}


@pytest.mark.parametrize(
    "row",
    [row for row in QUERY_ROWS if row.coordinate not in PERSONAL],
    ids=[row.id for row in QUERY_ROWS if row.coordinate not in PERSONAL],
)
async def test_a_service_reads_every_product_query_as_a_member_of_its_tenant(database, row: Row):
    world = await build_authz_world(database)
    token = await _service(database, world)
    async with http_client(database) as client:
        response = await _post(client, token, row.document, row.variables(world))
    assert response.status_code == 200
    assert graphql_body(response) == row.expected("member", world)


async def test_a_service_is_no_person_in_any_list_and_has_no_me(database):
    world = await build_authz_world(database)
    token = await _service(database, world)
    seen = """{ users(first: 10) { totalCount edges { node { email displayName status
      phoneNumbers { number } seat { label } } } }
      availableUsers(first: 10) { totalCount } realtimeMonitor { email } }"""
    async with http_client(database) as client:
        me = await _post(client, token, ME)
        users = await _post(client, token, seen)
        cais = await _post(
            client,
            token,
            "query($id: ID!) { user(id: $id) { email displayName role status active groups"
            " { name } canLogIn(product: PHONE) inAvailableUserList } }",
            cai(world),
        )
    assert graphql_body(me) == {"data": {"me": None}}
    assert graphql_body(users) == {
        "data": {
            "users": {
                "totalCount": 4,
                "edges": [
                    {"node": {"email": "ada.admin@acme.example", "displayName": "Ada Admin",
                              "status": "ACTIVE", "phoneNumbers": [], "seat": None}},
                    {"node": {"email": "ben.bell@acme.example", "displayName": "Ben Bell",
                              "status": "ACTIVE", "phoneNumbers": [], "seat": None}},
                    {"node": {"email": "cai.chen@acme.example", "displayName": "Cai Chen",
                              "status": "ACTIVE", "phoneNumbers": [{"number": "+81312340001"}],
                              "seat": {"label": "A-1"}}},
                    {"node": {"email": "dee.dunn@acme.example", "displayName": "Dee Dunn",
                              "status": "DEACTIVATED", "phoneNumbers": [], "seat": None}},
                ],
            },
            "availableUsers": {"totalCount": 3},
            "realtimeMonitor": [
                {"email": "ada.admin@acme.example"},
                {"email": "ben.bell@acme.example"},
                {"email": "cai.chen@acme.example"},
            ],
        }
    }  # fmt: skip
    assert graphql_body(cais) == {
        "data": {
            "user": {
                "email": "cai.chen@acme.example", "displayName": "Cai Chen", "role": "MEMBER",
                "status": "ACTIVE", "active": True, "groups": [{"name": "Sales"}],
                "canLogIn": True, "inAvailableUserList": True,
            }
        }
    }  # fmt: skip


@pytest.mark.parametrize(
    "row",
    [row for row in RESTRICTED_ROWS if row.label == "another user's"],
    ids=[row.id for row in RESTRICTED_ROWS if row.label == "another user's"],
)
async def test_a_service_sees_no_ones_private_history(database, row: Row):
    world = await build_authz_world(database)
    token = await _service(database, world)
    async with http_client(database) as client:
        response = await _post(client, token, row.document, row.variables(world))
    assert graphql_body(response) == row.expected("member", world)
    assert graphql_body(response)["errors"][0]["extensions"] == {"code": "FORBIDDEN"}


# What a person writes for themselves: a service is refused them with its own message.
PERSON_WRITES = {"Mutation.addComment", "Mutation.connectVideoIntegration"}
# What a service is for, though members are refused it.
SERVICE_WRITES = {"Mutation.recordCalls"}


def _refused_to_members(row: Row) -> bool:
    return (
        row.coordinate.startswith("Mutation.")
        and row.coordinate not in PERSON_WRITES | SERVICE_WRITES
        and not callable(row.member)
        and '"FORBIDDEN"' in json.dumps(row.member)
    )


# Every mutation a member is refused, the admin mutations among them.
MEMBER_REFUSED = [row for row in ROWS if _refused_to_members(row)]


def test_the_admin_mutations_are_among_those_tried():
    assert set(ADMIN_MUTATIONS) <= {row.coordinate for row in MEMBER_REFUSED}


@pytest.mark.parametrize("row", MEMBER_REFUSED, ids=[row.id for row in MEMBER_REFUSED])
async def test_a_service_administers_nothing_and_writes_nothing(database, row: Row):
    world = await build_authz_world(database)
    token = await _service(database, world)
    before = await every_row(database)
    async with http_client(database) as client:
        response = await _post(client, token, row.document, row.variables(world))
    assert graphql_body(response) == row.expected("member", world)
    assert await every_row(database) == before


async def test_a_service_records_calls_as_an_admin_does(database):
    (row,) = [row for row in ROWS if row.coordinate in SERVICE_WRITES]
    world = await build_authz_world(database)
    token = await _service(database, world)
    async with http_client(database) as client:
        response = await _post(client, token, row.document, row.variables(world))
        again = await _post(client, token, row.document, row.variables(world))
    assert graphql_body(response) == row.expected("admin", world)
    recorded = graphql_body(again)["data"]["recordCalls"]
    assert (recorded["recordedCount"], recorded["alreadyRecordedCount"]) == (0, 1)
    async with database.session() as session:
        stored = (await session.execute(select(Call.external_id, Call.user_id))).all()
    assert [(external_id, user_id) for external_id, user_id in stored if external_id] == [
        ("pbx-1", world.cai.id)
    ]


async def test_a_service_writes_no_comment_and_connects_no_integration(database):
    world = await build_authz_world(database)
    token = await _service(database, world)
    before = await every_row(database)
    comment_with_message = ADD_COMMENT.replace(
        "userErrors { code field }", "userErrors { code field message }"
    )
    connect_with_message = CONNECT.replace(
        "userErrors { code field }", "userErrors { code field message }"
    )
    async with http_client(database) as client:
        comment = await _post(client, token, comment_with_message, cais_call(world))
        connect = await _post(client, token, connect_with_message, cai(world))
    assert graphql_body(comment) == {"data": {"addComment": {"comment": None, "userErrors": [
        {"code": "FORBIDDEN", "field": ["input"], "message": SERVICE_WRITES_NO_COMMENT},
    ]}}}  # fmt: skip
    assert graphql_body(connect) == {"data": {"connectVideoIntegration": {"videoIntegration": None, "userErrors": [
        {"code": "FORBIDDEN", "field": ["input"], "message": "A service connects no integrations."},
    ]}}}  # fmt: skip
    assert await every_row(database) == before


async def test_a_service_owns_no_person_tokens_and_sees_none(database):
    world = await build_authz_world(database)
    token = await _service(database, world)
    async with http_client(database) as client:
        listed = await _post(client, token, "{ apiTokens(first: 10) { totalCount } }")
        scim = await _post(client, token, "{ scimTokens(first: 10) { totalCount } }")
    assert graphql_body(listed) == {
        "data": None,
        "errors": [{
            "message": "A service owns no API tokens and administers none.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["apiTokens"],
            "extensions": {"code": "FORBIDDEN"},
        }],
    }  # fmt: skip
    assert graphql_body(scim)["errors"][0]["extensions"] == {"code": "FORBIDDEN"}


async def test_a_revoked_or_expired_service_token_gets_the_refusal_of_any_token(database):
    world = await build_authz_world(database)
    revoked = await _service(database, world, revoked_at=utcnow())
    expired = await _service(database, world, expires_at=utcnow() - timedelta(seconds=1))
    live = await _service(database, world, expires_at=utcnow() + timedelta(hours=1))
    async with http_client(database) as client:
        answers = [await _post(client, token, ME) for token in (revoked, expired, live)]
        person = await _post(client, world.tokens["deactivated user"] or "", ME)
    assert _refusal(answers[0]) == _refusal(answers[1]) == _refusal(person)
    assert [graphql_body(answer)["errors"][0]["message"] for answer in answers[:2]] == [
        "This API token was revoked and cannot log in.",
        "This API token has expired and cannot log in.",
    ]
    assert graphql_body(answers[2]) == {"data": {"me": None}}


async def test_a_service_tokens_use_is_recorded_as_any_tokens(database):
    world = await build_authz_world(database)
    token = await _service(database, world)
    async with http_client(database) as client:
        await _post(client, token, ME)
    async with database.session() as session:
        used = await session.scalar(
            select(ApiToken.last_used_at).where(ApiToken.name == "phone")  # type: ignore[arg-type]
        )
    assert used is not None and abs(utcnow() - used) < timedelta(minutes=1)


async def test_scim_refuses_a_service_token(database):
    world = await build_authz_world(database)
    token = await _service(database, world)
    async with http_client(database) as client:
        response = await client.get("/scim/v2/Users", headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["detail"] == (
        "This is a GraphQL API token; SCIM accepts only a SCIM token (roster token create --scim)."
    )


async def test_a_service_sees_its_own_tenant_only(database):
    world = await build_authz_world(database)
    token = await _service(database, world)
    gus = to_global_id("User", world.gus.id)
    async with http_client(database) as client:
        response = await _post(
            client,
            token,
            "query($id: ID!) { user(id: $id) { email } node(id: $id) { id } }",
            {"id": gus},
        )
        assigned = await _post(
            client,
            token,
            'mutation($id: ID!) { createApiToken(input: {userId: $id, name: "x"}) { userErrors { code } } }',
            {"id": gus},
        )
    assert graphql_body(response) == {"data": {"user": None, "node": None}}
    assert graphql_body(assigned) == {
        "data": {"createApiToken": {"userErrors": [{"code": "FORBIDDEN"}]}}
    }
