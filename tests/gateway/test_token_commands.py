"""`roster token create | list | revoke` with typer's CliRunner, on both backends."""

import re
from datetime import timedelta

from sqlalchemy import select

from db.enums import Role
from db.models import ApiToken
from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.tokens import hash_token
from tests.admin.token_world import JAN_1, JAN_2, JAN_3, make_api_token
from tests.audit_rows import audit_entries
from tests.factories import make_tenant, make_user
from tests.http import bearer, http_client

TABLE = """\
ID  TENANT  KIND  NAME         USER                      CREATED           LAST USED         EXPIRES           STATE
4   globex  USER  gus-token    gus.grant@globex.example  2026-01-03 09:00  -                 -                 ACTIVE
3   acme    USER  ben-expired  ben.bell@acme.example     2026-01-02 09:00  -                 2026-01-03 09:00  EXPIRED
2   acme    USER  ada-old      ada.admin@acme.example    2026-01-02 09:00  -                 -                 REVOKED
1   acme    USER  ben-laptop   ben.bell@acme.example     2026-01-01 09:00  2026-01-02 09:00  -                 ACTIVE
"""


async def _people(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    return acme, ada, ben, gus


async def test_create_prints_only_a_token_that_works_with_a_name_and_expiry(database, roster):
    await _people(database)
    plain = await roster("token", "create", "--email", "ada.admin@acme.example")
    named = await roster(
        "token", "create", "--email", "ben.bell@acme.example",
        "--name", "ben-ci", "--expires-in-days", "30",
    )  # fmt: skip
    assert plain.exit_code == 0 and named.exit_code == 0, (plain.output, named.output)
    secret = plain.stdout.strip()
    assert re.fullmatch(r"rst_[A-Za-z0-9_-]{43}", secret)
    assert plain.stdout == f"{secret}\n"
    async with database.session() as session:
        rows = {
            row.name: row
            for row in (await session.execute(select(ApiToken))).scalars()  # type: ignore[arg-type]
        }
    assert set(rows) == {"cli", "ben-ci"}
    assert rows["cli"].token_hash == hash_token(secret) and rows["cli"].expires_at is None
    expires_at = rows["ben-ci"].expires_at
    assert expires_at is not None
    assert abs(expires_at - (utcnow() + timedelta(days=30))) < timedelta(minutes=1)
    async with http_client(database) as client:
        me = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer(secret)
        )
    assert me.json() == {"data": {"me": {"email": "ada.admin@acme.example"}}}


async def test_list_shows_every_token_newest_first_and_never_a_secret(database, roster):
    _, ada, ben, gus = await _people(database)
    old = await make_api_token(database, ben, "ben-laptop", created_at=JAN_1, last_used_at=JAN_2)
    await make_api_token(database, ada, "ada-old", created_at=JAN_2, revoked_at=JAN_3)
    await make_api_token(database, ben, "ben-expired", created_at=JAN_2, expires_at=JAN_3)
    await make_api_token(database, gus, "gus-token", created_at=JAN_3)
    everything = await roster("token", "list")
    acme = await roster("token", "list", "--tenant", "acme")
    bens = await roster("token", "list", "--email", "ben.bell@acme.example")
    assert everything.exit_code == 0, everything.output
    assert everything.stdout == TABLE
    lines = everything.stdout.splitlines()
    assert [line.split()[:4] for line in lines] == [
        ["ID", "TENANT", "KIND", "NAME"],
        ["4", "globex", "USER", "gus-token"],
        ["3", "acme", "USER", "ben-expired"],
        ["2", "acme", "USER", "ada-old"],
        [str(old.id), "acme", "USER", "ben-laptop"],
    ]
    assert [line.split()[4:] for line in lines[1:]] == [
        ["gus.grant@globex.example", "2026-01-03", "09:00", "-", "-", "ACTIVE"],
        ["ben.bell@acme.example", "2026-01-02", "09:00", "-", "2026-01-03", "09:00", "EXPIRED"],
        ["ada.admin@acme.example", "2026-01-02", "09:00", "-", "-", "REVOKED"],
        ["ben.bell@acme.example", "2026-01-01", "09:00", "2026-01-02", "09:00", "-", "ACTIVE"],
    ]
    assert [line.split()[3] for line in acme.stdout.splitlines()[1:]] == [
        "ben-expired", "ada-old", "ben-laptop",
    ]  # fmt: skip
    assert [line.split()[3] for line in bens.stdout.splitlines()[1:]] == [
        "ben-expired", "ben-laptop",
    ]  # fmt: skip
    assert "rst_" not in everything.stdout


async def test_revoke_by_number_or_global_id_is_audited_as_the_cli(database, roster):
    acme, _, ben, _ = await _people(database)
    laptop = await make_api_token(database, ben, "ben-laptop")
    phone = await make_api_token(database, ben, "ben-phone")
    by_number = await roster("token", "revoke", str(laptop.id))
    by_id = await roster("token", "revoke", to_global_id("ApiToken", phone.id))  # type: ignore[arg-type]
    again = await roster("token", "revoke", str(laptop.id))
    unknown = await roster("token", "revoke", "999")
    nonsense = await roster("token", "revoke", "not-a-token")
    assert (by_number.exit_code, by_number.stdout) == (0, f"revoked API token {laptop.id}\n")
    assert (by_id.exit_code, by_id.stdout) == (0, f"revoked API token {phone.id}\n")
    assert (again.exit_code, again.stdout) == (0, f"API token {laptop.id} was already revoked\n")
    assert (unknown.exit_code, unknown.stderr) == (1, "error: no API token 999\n")
    assert (nonsense.exit_code, nonsense.stderr) == (
        1,
        "error: 'not-a-token' is neither a token number nor an ApiToken, ScimToken or "
        "ServiceToken id\n",
    )
    entries = await audit_entries(database)
    assert [
        (
            e["actor_kind"],
            e["actor_id"],
            e["action"],
            e["target_id"],
            e["target_user_id"],
            e["tenant_id"],
        )
        for e in entries
    ] == [
        ("CLI", None, "API_TOKEN_REVOKED", laptop.id, ben.id, acme.id),
        ("CLI", None, "API_TOKEN_REVOKED", phone.id, ben.id, acme.id),
    ]
    async with http_client(database) as client:
        refused = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer("rst_ben-laptop")
        )
    assert refused.status_code == 401


async def test_create_refuses_an_unknown_email(database, roster):
    await _people(database)
    missing = await roster("token", "create", "--email", "nobody@acme.example")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "error: no user with email 'nobody@acme.example'\n",
    )
