"""A service token's caller: its tenant's service, no person, in the one statement that
finds a person's; a SCIM token is none; and no audit entry may name a service."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from db.enums import ActorKind, Role, TokenKind, UserStatus
from db.models import ApiToken
from db.types import utcnow
from resolvers.audit.actor import Actor
from resolvers.reader import Reader
from resolvers.tokens import (
    Caller,
    TokenState,
    caller_for_token,
    create_scim_token,
    create_service_token,
    create_token,
)
from tests.factories import make_tenant, make_user
from tests.graphql import StatementCounter


async def test_a_service_token_is_its_tenants_service_in_one_statement(database):
    await make_tenant(database)  # acme: the token's tenant is the one it names
    globex = await make_tenant(database, "globex", time_zone="Europe/London")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    async with database.write_sessions() as session, session.begin():
        row, service = await create_service_token(session, tenant_id=globex.id, name="phone")  # type: ignore[arg-type]
        _, person = await create_token(session, user=gus)
        _, scim = await create_scim_token(session, tenant_id=globex.id, name="okta")  # type: ignore[arg-type]
    now = utcnow()
    reader = Reader(database)
    try:
        with StatementCounter(database) as counter:
            found = await caller_for_token(reader, service, now=now)
        with StatementCounter(database) as scim_counter:
            refused = await caller_for_token(reader, scim, now=now)
        gus_found = await caller_for_token(reader, person, now=now)
    finally:
        await reader.close()

    assert re.fullmatch(r"rst_svc_[A-Za-z0-9_-]{43}", service)
    assert (row.kind, row.user_id, row.tenant_id, row.name) == (
        TokenKind.SERVICE, None, globex.id, "phone",
    )  # fmt: skip
    assert found is not None and counter.count == 1
    assert found.caller == Caller(
        user_id=None,
        tenant_id=globex.id,  # type: ignore[arg-type]
        role=Role.MEMBER,
        status=UserStatus.ACTIVE,
        time_zone="Europe/London",
    )
    assert (found.caller.is_service, found.caller.is_admin) == (True, False)
    assert (found.state, found.token_id, found.last_used_at) == (TokenState.ACTIVE, row.id, None)
    assert refused is None and scim_counter.count == 0
    assert gus_found is not None and gus_found.caller.user_id == gus.id
    assert (gus_found.caller.is_service, gus_found.caller.is_admin) == (False, True)


async def test_a_service_tokens_revocation_and_expiry_are_read_as_any_tokens(database):
    acme = await make_tenant(database)
    async with database.write_sessions() as session, session.begin():
        revoked, revoked_secret = await create_service_token(session, tenant_id=acme.id, name="a")  # type: ignore[arg-type]
        expired, expired_secret = await create_service_token(session, tenant_id=acme.id, name="b")  # type: ignore[arg-type]
    now = utcnow()
    async with database.write_sessions() as session, session.begin():
        await session.execute(
            update(ApiToken).where(ApiToken.id == revoked.id).values(revoked_at=now)  # type: ignore[arg-type]
        )
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == expired.id)  # type: ignore[arg-type]
            .values(expires_at=now - timedelta(seconds=1), last_used_at=now)
        )
    reader = Reader(database)
    try:
        states = [
            await caller_for_token(reader, secret, now=now)
            for secret in (revoked_secret, expired_secret)
        ]
    finally:
        await reader.close()
    assert [(found.state, found.last_used_at) for found in states if found is not None] == [
        (TokenState.REVOKED, None),
        (TokenState.EXPIRED, now),
    ]


def test_no_audit_entry_names_a_service_as_a_user():
    service = Caller(
        user_id=None, tenant_id=1, role=Role.MEMBER, status=UserStatus.ACTIVE, time_zone="UTC"
    )
    person = Caller(
        user_id=7, tenant_id=1, role=Role.ADMIN, status=UserStatus.ACTIVE, time_zone="UTC"
    )
    with pytest.raises(ValueError, match="a service token's caller makes no audited change"):
        Actor.of(service)
    assert Actor.of(person) == Actor(ActorKind.USER, 7)
    assert Actor.of(None) == Actor(ActorKind.CLI)
