"""GraphQL refuses a SCIM provisioning token by its prefix: one clear 401, the same for a
live token as for a made-up one, without a database statement; on the API and on every
subgraph endpoint."""

import pytest

from db.enums import Role
from resolvers.tokens import create_scim_token
from tests.factories import make_tenant, make_user
from tests.graphql import StatementCounter
from tests.http import bearer, graphql_body, http_client

REFUSED = {
    "errors": [
        {
            "message": "This is a SCIM provisioning token: it is accepted only under /scim/v2.",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ]
}
PATHS = [
    "/graphql",
    "/subgraphs/admin/graphql",
    "/subgraphs/analytics/graphql",
    "/subgraphs/phone/graphql",
    "/subgraphs/phoneMobile/graphql",
    "/subgraphs/callCenter/graphql",
]


async def _live_scim_token(database) -> str:
    acme = await make_tenant(database)
    await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    async with database.write_sessions() as session, session.begin():
        _, secret = await create_scim_token(session, tenant_id=acme.id, name="okta")  # type: ignore[arg-type]
    return secret


@pytest.mark.parametrize("path", PATHS)
async def test_a_scim_token_gets_a_401_that_says_where_it_belongs(database, path):
    live = await _live_scim_token(database)
    async with http_client(database) as client:
        with StatementCounter(database) as counter:
            answers = [
                await client.post(path, json={"query": "{ me { email } }"}, headers=bearer(token))
                for token in (live, "rst_scim_never-issued")
            ]
    assert [(a.status_code, a.headers["www-authenticate"], graphql_body(a)) for a in answers] == [
        (401, 'Bearer error="invalid_token"', REFUSED),
        (401, 'Bearer error="invalid_token"', REFUSED),
    ]
    assert counter.statements == []
