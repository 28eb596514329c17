"""`roster token create --scim | list | revoke` for a tenant's SCIM tokens, with typer's
CliRunner, on both backends; audited as the CLI, never a secret in the log."""

import re
from datetime import timedelta

from sqlalchemy import select

from db.enums import TokenKind
from db.models import ApiToken, Tenant
from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.tokens import hash_token
from tests.admin.token_world import (
    FAR_FUTURE,
    JAN_1,
    JAN_2,
    JAN_3,
    make_api_token,
    make_scim_token,
)
from tests.audit_rows import audit_entries
from tests.gateway.test_token_commands import _people
from tests.http import bearer, http_client

TABLE = """\
ID  TENANT  KIND  NAME        USER                   CREATED           LAST USED         EXPIRES           STATE
4   globex  SCIM  entra       -                      2026-01-03 09:00  -                 -                 ACTIVE
3   acme    SCIM  okta-old    -                      2026-01-02 09:00  -                 -                 REVOKED
2   acme    SCIM  okta        -                      2026-01-02 09:00  2026-01-03 09:00  2099-01-01 00:00  ACTIVE
1   acme    USER  ben-laptop  ben.bell@acme.example  2026-01-01 09:00  -                 -                 ACTIVE
"""
REFUSED = "This is a SCIM provisioning token: it is accepted only under /scim/v2."


async def _rows(database) -> list[ApiToken]:
    async with database.session() as session:
        statement = select(ApiToken).order_by(ApiToken.id)  # type: ignore[arg-type]
        return list((await session.execute(statement)).scalars())


async def test_create_scim_prints_only_a_tenants_token_audited_as_the_cli(database, roster):
    acme, *_ = await _people(database)
    named = await roster(
        "token", "create", "--scim", "--tenant", "acme",
        "--name", "demo SCIM", "--expires-in-days", "30",
    )  # fmt: skip
    plain = await roster("token", "create", "--scim", "--tenant", "acme")
    assert named.exit_code == 0 and plain.exit_code == 0, (named.output, plain.output)
    secret = named.stdout.strip()
    assert re.fullmatch(r"rst_scim_[A-Za-z0-9_-]{43}", secret)
    assert named.stdout == f"{secret}\n"
    demo, default = await _rows(database)
    assert (demo.kind, demo.user_id, demo.tenant_id, demo.name) == (
        TokenKind.SCIM, None, acme.id, "demo SCIM",
    )  # fmt: skip
    assert demo.token_hash == hash_token(secret)
    assert demo.expires_at is not None
    assert abs(demo.expires_at - (utcnow() + timedelta(days=30))) < timedelta(minutes=1)
    assert (default.kind, default.name, default.expires_at) == (TokenKind.SCIM, "scim", None)
    entries = await audit_entries(database)
    assert entries == [
        {
            "tenant_id": acme.id, "actor_kind": "CLI", "actor_id": None,
            "action": "SCIM_TOKEN_CREATED", "target_type": "ScimToken", "target_id": demo.id,
            "target_user_id": None,
            "changes": [
                {"field": "name", "before": None, "after": "demo SCIM"},
                {"field": "expiresAt", "before": None, "after": demo.expires_at.isoformat()},
            ],
        },
        {
            "tenant_id": acme.id, "actor_kind": "CLI", "actor_id": None,
            "action": "SCIM_TOKEN_CREATED", "target_type": "ScimToken", "target_id": default.id,
            "target_user_id": None,
            "changes": [
                {"field": "name", "before": None, "after": "scim"},
                {"field": "expiresAt", "before": None, "after": None},
            ],
        },
    ]  # fmt: skip
    assert secret[len("rst_scim_") :] not in str(entries)
    async with http_client(database) as client:
        refused = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer(secret)
        )
    assert (refused.status_code, refused.json()["errors"][0]["message"]) == (401, REFUSED)


async def test_create_refuses_a_wrong_combination_or_input_and_writes_nothing(database, roster):
    await _people(database)
    answers = [
        await roster(*arguments)
        for arguments in (
            ("token", "create", "--scim", "--tenant", "acme", "--email", "ada.admin@acme.example"),
            ("token", "create", "--scim"),
            ("token", "create"),
            ("token", "create", "--scim", "--tenant", "nowhere"),
            ("token", "create", "--scim", "--tenant", "acme", "--name", " "),
        )
    ]
    assert [(answer.exit_code, answer.stdout, answer.stderr) for answer in answers] == [
        (2, "", "error: --scim makes a tenant's token, no person's: drop --email\n"),
        (2, "", "error: --scim needs --tenant SLUG: a SCIM token belongs to one tenant\n"),
        (
            2,
            "",
            "error: pass --email (a person's token), or --scim or --service NAME with --tenant "
            "SLUG (a tenant's token)\n",
        ),
        (1, "", "error: no tenant 'nowhere'\n"),
        (1, "", "error: A token's name has 1 to 200 characters.\n"),
    ]
    assert await _rows(database) == []
    assert await audit_entries(database) == []


async def test_list_shows_scim_tokens_with_their_kind_and_no_user(database, roster):
    acme, _, ben, gus = await _people(database)
    await make_api_token(database, ben, "ben-laptop", created_at=JAN_1)
    await make_scim_token(
        database, acme, "okta", created_at=JAN_2, last_used_at=JAN_3,
        expires_at=FAR_FUTURE,
    )  # fmt: skip
    await make_scim_token(database, acme, "okta-old", created_at=JAN_2, revoked_at=JAN_3)
    async with database.session() as session:
        globex = await session.get(Tenant, gus.tenant_id)
    assert globex is not None
    await make_scim_token(database, globex, "entra", created_at=JAN_3)
    everything = await roster("token", "list")
    acme_only = await roster("token", "list", "--tenant", "acme")
    bens = await roster("token", "list", "--email", "ben.bell@acme.example")
    assert everything.exit_code == 0, everything.output
    assert everything.stdout == TABLE
    assert [line.split()[3] for line in acme_only.stdout.splitlines()[1:]] == [
        "okta-old", "okta", "ben-laptop",
    ]  # fmt: skip
    assert [line.split()[3] for line in bens.stdout.splitlines()[1:]] == ["ben-laptop"]
    assert "rst_" not in everything.stdout


async def test_revoke_a_scim_token_by_number_or_scim_token_id_audited_as_the_cli(
    database,
    roster,
):
    acme, *_ = await _people(database)
    okta = await make_scim_token(database, acme, "okta")
    entra = await make_scim_token(database, acme, "entra")
    by_number = await roster("token", "revoke", str(okta.id))
    by_id = await roster("token", "revoke", to_global_id("ScimToken", entra.id))  # type: ignore[arg-type]
    again = await roster("token", "revoke", str(okta.id))
    as_api_token = await roster("token", "revoke", to_global_id("ApiToken", entra.id))  # type: ignore[arg-type]
    assert [(a.exit_code, a.stdout, a.stderr) for a in (by_number, by_id, again)] == [
        (0, f"revoked SCIM token {okta.id}\n", ""),
        (0, f"revoked SCIM token {entra.id}\n", ""),
        (0, f"SCIM token {okta.id} was already revoked\n", ""),
    ]
    # An ApiToken id never names a SCIM token.
    assert (as_api_token.exit_code, as_api_token.stderr) == (
        1,
        f"error: no API token {to_global_id('ApiToken', entra.id)}\n",  # type: ignore[arg-type]
    )
    entries = await audit_entries(database)
    revoked = {row.id: row.revoked_at for row in await _rows(database)}
    assert entries == [
        {
            "tenant_id": acme.id, "actor_kind": "CLI", "actor_id": None,
            "action": "SCIM_TOKEN_REVOKED", "target_type": "ScimToken", "target_id": token.id,
            "target_user_id": None,
            "changes": [{"field": "revokedAt", "before": None, "after": revoked[token.id].isoformat()}],  # type: ignore[union-attr]
        }
        for token in (okta, entra)
    ]  # fmt: skip


async def test_a_scim_token_id_never_names_a_persons_token(database, roster):
    _, _, ben, _ = await _people(database)
    laptop = await make_api_token(database, ben, "ben-laptop")
    answer = await roster("token", "revoke", to_global_id("ScimToken", laptop.id))  # type: ignore[arg-type]
    assert (answer.exit_code, answer.stderr) == (
        1,
        f"error: no SCIM token {to_global_id('ScimToken', laptop.id)}\n",  # type: ignore[arg-type]
    )
    assert [row.revoked_at for row in await _rows(database)] == [None]
    assert await audit_entries(database) == []
