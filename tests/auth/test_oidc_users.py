"""Which roster user a sign-in token stands for, and that the user's status decides on
every request, as for an API token; API tokens keep working beside sign-in tokens."""

from db.models import User
from resolvers.ids import to_global_id
from resolvers.tokens import create_scim_token
from tests.auth.identity_provider import IdentityProvider, provider_setting
from tests.auth.sso import BEN, acme_people, bearer, me, refused
from tests.factories import add, make_tenant, make_token
from tests.http import graphql_body, http_client
from tests.telemetry.recording import recording_client

TOGGLE = """mutation($id: ID!, $on: Boolean!) {
  updateUser(input: {userId: $id, active: $on}) { userErrors { code } user { active } } }"""


async def test_a_deactivated_users_valid_token_is_refused_at_once_and_works_after_activation(
    database, idp: IdentityProvider
):
    _, _, ben = await acme_people(database)
    ada_token = idp.token(sub="00u-ada", email="ada.admin@acme.example")
    ben_token = idp.token()
    ben_id = to_global_id("User", ben.id)
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:

        async def toggle(on: bool) -> object:
            response = await client.post(
                "/graphql",
                json={"query": TOGGLE, "variables": {"id": ben_id, "on": on}},
                headers=bearer(ada_token),
            )
            return graphql_body(response)

        before = await me(client, ben_token)
        off = await toggle(False)
        refused_now = await me(client, ben_token)
        on = await toggle(True)
        again = await me(client, ben_token)

    assert before == (200, BEN)
    assert off == {"data": {"updateUser": {"userErrors": [], "user": {"active": False}}}}
    assert refused_now == (401, refused("This user is deactivated and cannot log in."))
    assert on == {"data": {"updateUser": {"userErrors": [], "user": {"active": True}}}}
    assert again == (200, BEN)


async def test_the_user_is_found_in_the_issuers_tenant_only(database, idp: IdentityProvider):
    _, _, ben = await acme_people(database)
    globex = await make_tenant(database, "globex")
    # The same email in globex, and an email only globex has.
    await add(
        database,
        User(tenant_id=globex.id, email="ben.bell@acme.example", display_name="Other Ben"),
        User(tenant_id=globex.id, email="gus@globex.example", display_name="Gus"),
    )
    query = {"query": "{ me { id displayName } }"}
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        same_email = await client.post("/graphql", json=query, headers=bearer(idp.token()))
        only_globex = await client.post(
            "/graphql", json=query, headers=bearer(idp.token(email="gus@globex.example"))
        )
    assert graphql_body(same_email) == {
        "data": {"me": {"id": to_global_id("User", ben.id), "displayName": "Ben Bell"}}
    }
    assert (only_globex.status_code, graphql_body(only_globex)) == (
        401,
        refused("No roster user matches this sign-in token."),
    )


async def test_claim_sub_finds_the_user_by_external_id(database, idp: IdentityProvider):
    acme = await make_tenant(database)
    globex = await make_tenant(database, "globex")
    await add(
        database,
        User(
            tenant_id=acme.id,
            email="ben.bell@acme.example",
            display_name="Ben Bell",
            external_id="00u-ben",
        ),
        User(tenant_id=globex.id, email="g@globex.example", display_name="G", external_id="00u-g"),
    )
    setting = provider_setting(idp, claim="sub")
    async with http_client(database, oidc_providers=setting) as client:
        # The email claim plays no part: sub alone finds the user.
        by_sub = await me(client, idp.token(email="someone.else@elsewhere.example"))
        # externalId is compared exactly, as SCIM does; another tenant's is not acme's.
        other_case = await me(client, idp.token(sub="00U-BEN"))
        other_tenant = await me(client, idp.token(sub="00u-g"))
        unverified_email = await me(client, idp.token(email_verified=False))
    no_user = (401, refused("No roster user matches this sign-in token."))
    assert by_sub == (200, BEN)
    assert other_case == no_user
    assert other_tenant == no_user
    # email_verified speaks of the email, which claim "sub" does not use.
    assert unverified_email == (200, BEN)


async def test_one_statement_finds_a_sign_in_tokens_caller(database, idp: IdentityProvider):
    _, _, ben = await acme_people(database)
    api_token = await make_token(database, ben)
    setting = provider_setting(idp)
    async with recording_client(database, oidc_providers=setting) as (client, recorded):
        for token in (api_token, idp.token(), api_token, idp.token()):
            assert await me(client, token) == (200, BEN)
    # The caller's one statement, then `me`'s own load of the user, for either credential
    # (the first API token request, not compared, also wrote its lastUsedAt).
    assert [record.statements for record in recorded.requests[1:]] == [2, 2, 2]


async def test_api_tokens_keep_working_beside_sign_in_tokens(database, idp: IdentityProvider):
    acme, _, ben = await acme_people(database)
    api_token = await make_token(database, ben)
    async with database.write_sessions() as session, session.begin():
        _, scim_token = await create_scim_token(session, tenant_id=acme.id)
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        by_api_token = await me(client, api_token)
        by_sign_in = await me(client, idp.token())
        scim_on_graphql = await me(client, scim_token)
        sign_in_at_scim = await client.get("/scim/v2/Users", headers=bearer(idp.token()))
    assert by_api_token == (200, BEN)
    assert by_sign_in == (200, BEN)
    assert scim_on_graphql == (
        401,
        refused("This is a SCIM provisioning token: it is accepted only under /scim/v2."),
    )
    assert sign_in_at_scim.status_code == 401
    assert sign_in_at_scim.json() == {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": "401",
        "detail": "This SCIM token is not valid.",
    }


async def test_an_admin_by_sign_in_is_an_admin_and_a_member_is_not(database, idp: IdentityProvider):
    _, ada, _ = await acme_people(database)
    deactivate = """mutation($id: ID!) { deactivateUser(input: {userId: $id}) {
      changed userErrors { code } } }"""
    variables = {"id": to_global_id("User", ada.id)}
    ben_token = idp.token()
    ada_token = idp.token(email="ada.admin@acme.example")
    async with http_client(database, oidc_providers=provider_setting(idp)) as client:
        by_member = await client.post(
            "/graphql",
            json={"query": deactivate, "variables": variables},
            headers=bearer(ben_token),
        )
        ada_me = await me(client, ada_token)
    assert graphql_body(by_member) == {
        "data": {"deactivateUser": {"changed": False, "userErrors": [{"code": "FORBIDDEN"}]}}
    }
    assert ada_me == (200, {"data": {"me": {"email": "ada.admin@acme.example", "role": "ADMIN"}}})
