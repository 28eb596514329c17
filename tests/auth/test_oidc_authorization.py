"""The authorization matrix holds for sign-in tokens: every row where an admin and a
member get different answers, asked with the admin's and the member's JWTs instead of
their API tokens, gives exactly the row's answer and changes only what the row allows."""

import pytest

from tests.auth.identity_provider import IdentityProvider, provider_setting
from tests.gateway.authz_rows import ROWS, Row
from tests.gateway.authz_world import ADMIN, MEMBER, build_authz_world
from tests.gateway.test_authorization_matrix import skip_while_missing, state_of
from tests.http import graphql_body, http_client

# Where the role decides: the rows whose member's and admin's answers differ.
ROLE_ROWS = [row for row in ROWS if row.member != row.admin]
EMAILS = {ADMIN: "ada.admin@acme.example", MEMBER: "ben.bell@acme.example"}


def test_the_role_rows_are_a_real_share_of_the_matrix() -> None:
    assert 10 <= len(ROLE_ROWS) < len(ROWS)


# SQLite only: what differs here from the API-token matrix is the authentication path,
# whose one statement runs on both backends in test_oidc_users.py; the rows themselves
# run on PostgreSQL in tests/gateway/test_authorization_matrix.py.
@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
@pytest.mark.parametrize("caller", [MEMBER, ADMIN])
@pytest.mark.parametrize("row", ROLE_ROWS, ids=[row.id for row in ROLE_ROWS])
async def test_a_sign_in_caller_gets_exactly_what_the_row_says(
    database, idp: IdentityProvider, row: Row, caller: str
) -> None:
    skip_while_missing(row)
    world = await build_authz_world(database)
    world.tokens[caller] = idp.token(email=EMAILS[caller])
    before = await state_of(database)
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        response = await client.post(
            "/graphql",
            json={"query": row.document, "variables": row.variables(world)},
            headers=world.headers(caller),
        )

    assert response.status_code == 200
    assert graphql_body(response) == row.expected(caller, world)
    if caller not in row.may_write:
        assert await state_of(database) == before
