"""`roster token create --service | list | revoke` for a tenant's service tokens, with
typer's CliRunner, on both backends; audited as the CLI, never a secret in the log."""

import re
from datetime import timedelta

from sqlalchemy import select

from db.enums import TokenKind
from db.models import ApiToken
from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.tokens import hash_token
from tests.admin.token_world import JAN_1, JAN_2, make_api_token, make_service_token
from tests.audit_rows import audit_entries
from tests.gateway.test_token_commands import _people
from tests.http import bearer, http_client

TABLE = """\
ID  TENANT  KIND     NAME        USER                   CREATED           LAST USED  EXPIRES  STATE
2   acme    SERVICE  phone       -                      2026-01-02 09:00  -          -        ACTIVE
1   acme    USER     ben-laptop  ben.bell@acme.example  2026-01-01 09:00  -          -        ACTIVE
"""


async def _rows(database) -> list[ApiToken]:
    async with database.session() as session:
        statement = select(ApiToken).order_by(ApiToken.id)  # type: ignore[arg-type]
        return list((await session.execute(statement)).scalars())


async def test_create_service_prints_only_its_secret_audited_as_the_cli(database, roster):
    acme, *_ = await _people(database)
    answer = await roster(
        "token", "create", "--service", "phone", "--tenant", "acme", "--expires-in-days", "30",
    )  # fmt: skip
    assert answer.exit_code == 0, answer.output
    secret = answer.stdout.strip()
    assert re.fullmatch(r"rst_svc_[A-Za-z0-9_-]{43}", secret)
    assert (answer.stdout, answer.stderr) == (f"{secret}\n", "")
    (token,) = await _rows(database)
    assert (token.kind, token.user_id, token.tenant_id, token.name, token.revoked_at) == (
        TokenKind.SERVICE, None, acme.id, "phone", None,
    )  # fmt: skip
    assert token.token_hash == hash_token(secret)
    assert token.expires_at is not None
    assert abs(token.expires_at - (utcnow() + timedelta(days=30))) < timedelta(minutes=1)
    entries = await audit_entries(database)
    assert entries == [{
        "tenant_id": acme.id, "actor_kind": "CLI", "actor_id": None,
        "action": "SERVICE_TOKEN_CREATED", "target_type": "ServiceToken", "target_id": token.id,
        "target_user_id": None,
        "changes": [
            {"field": "name", "before": None, "after": "phone"},
            {"field": "expiresAt", "before": None, "after": token.expires_at.isoformat()},
        ],
    }]  # fmt: skip
    assert secret[len("rst_svc_") :] not in str(entries)
    async with http_client(database) as client:
        me = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer(secret)
        )
    assert me.json() == {"data": {"me": None}}


async def test_create_service_refuses_a_wrong_combination_or_input_and_writes_nothing(
    database, roster
):
    await _people(database)
    answers = [
        await roster("token", "create", *arguments)
        for arguments in (
            ("--service", "phone", "--tenant", "acme", "--email", "ada.admin@acme.example"),
            ("--service", "phone", "--tenant", "acme", "--scim"),
            ("--service", "phone", "--tenant", "acme", "--name", "other"),
            ("--service", "phone"),
            ("--service", "phone", "--tenant", "nowhere"),
            ("--service", " ", "--tenant", "acme"),
            ("--service", "", "--tenant", "acme"),
            ("--service", "p" * 201, "--tenant", "acme"),
        )
    ]
    assert [(answer.exit_code, answer.stdout, answer.stderr) for answer in answers] == [
        (2, "", "error: --service makes a tenant's token, no person's: drop --email\n"),
        (2, "", "error: --scim and --service make different tokens: pass one\n"),
        (2, "", "error: --service NAME names the token already: drop --name\n"),
        (2, "", "error: --service needs --tenant SLUG: a service token belongs to one tenant\n"),
        (1, "", "error: no tenant 'nowhere'\n"),
        (1, "", "error: A token's name has 1 to 200 characters.\n"),
        (1, "", "error: A token's name has 1 to 200 characters.\n"),
        (1, "", "error: A token's name has 1 to 200 characters.\n"),
    ]
    assert await _rows(database) == []
    assert await audit_entries(database) == []


async def test_list_shows_a_service_token_with_its_kind_and_name_and_no_user(database, roster):
    acme, _, ben, _ = await _people(database)
    await make_api_token(database, ben, "ben-laptop", created_at=JAN_1)
    await make_service_token(database, acme, "phone", created_at=JAN_2)
    listed = await roster("token", "list")
    assert (listed.exit_code, listed.stdout) == (0, TABLE)


async def test_revoke_a_service_token_by_number_or_id_audited_as_the_cli(database, roster):
    acme, _, ben, _ = await _people(database)
    phone = await make_service_token(database, acme, "phone")
    queue = await make_service_token(database, acme, "queue")
    laptop = await make_api_token(database, ben, "ben-laptop")
    by_number = await roster("token", "revoke", str(phone.id))
    by_id = await roster("token", "revoke", to_global_id("ServiceToken", queue.id))  # type: ignore[arg-type]
    again = await roster("token", "revoke", str(phone.id))
    persons = await roster("token", "revoke", to_global_id("ServiceToken", laptop.id))  # type: ignore[arg-type]
    as_scim = await roster("token", "revoke", to_global_id("ScimToken", queue.id))  # type: ignore[arg-type]
    assert [(a.exit_code, a.stdout, a.stderr) for a in (by_number, by_id, again, persons, as_scim)] == [
        (0, f"revoked service token {phone.id}\n", ""),
        (0, f"revoked service token {queue.id}\n", ""),
        (0, f"service token {phone.id} was already revoked\n", ""),
        (1, "", f"error: no service token {to_global_id('ServiceToken', laptop.id)}\n"),  # type: ignore[arg-type]
        (1, "", f"error: no SCIM token {to_global_id('ScimToken', queue.id)}\n"),  # type: ignore[arg-type]
    ]  # fmt: skip
    revoked = {row.id: row.revoked_at for row in await _rows(database)}
    assert revoked[laptop.id] is None
    assert await audit_entries(database) == [
        {
            "tenant_id": acme.id, "actor_kind": "CLI", "actor_id": None,
            "action": "SERVICE_TOKEN_REVOKED", "target_type": "ServiceToken",
            "target_id": token.id, "target_user_id": None,
            "changes": [{"field": "revokedAt", "before": None, "after": revoked[token.id].isoformat()}],  # type: ignore[union-attr]
        }
        for token in (phone, queue)
    ]  # fmt: skip
    async with http_client(database) as client:
        refused = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer("rst_svc_phone")
        )
    assert (refused.status_code, refused.json()["errors"][0]["message"]) == (
        401,
        "This API token was revoked and cannot log in.",
    )
