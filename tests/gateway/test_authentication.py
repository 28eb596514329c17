from db.enums import Role
from resolvers.ids import to_global_id
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, graphql_body, http_client

ME = {"query": "{ me { email } }"}
UNAUTHENTICATED = "UNAUTHENTICATED"


async def test_missing_and_bad_tokens_get_401_with_a_graphql_error_body(database):
    async with http_client(database) as client:
        missing = await client.post("/graphql", json=ME)
        bad = await client.post("/graphql", json=ME, headers=bearer("rst_not-a-real-token"))
        other_scheme = await client.post(
            "/graphql", json=ME, headers={"Authorization": "Basic eA=="}
        )
    for response in (missing, bad, other_scheme):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
        body = graphql_body(response)
        assert set(body) == {"errors"}
        assert body["errors"][0]["extensions"] == {"code": UNAUTHENTICATED}
    assert graphql_body(missing)["errors"][0]["message"] == (
        "Send an API token: Authorization: Bearer <token>."
    )
    assert graphql_body(bad)["errors"][0]["message"] == "This API token is not valid."


async def test_deactivated_users_token_is_refused_at_once_and_works_again_after_activation(
    database,
):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Member")
    admin_token = await make_token(database, admin)
    ben_token = await make_token(database, ben)
    ben_id = to_global_id("User", ben.id)
    toggle = """mutation($id: ID!, $on: Boolean!) {
      updateUser(input: {userId: $id, active: $on}) { userErrors { code } user { active } }
    }"""

    async with http_client(database) as client:
        before = await client.post("/graphql", json=ME, headers=bearer(ben_token))
        off = await client.post(
            "/graphql",
            json={"query": toggle, "variables": {"id": ben_id, "on": False}},
            headers=bearer(admin_token),
        )
        refused = await client.post("/graphql", json=ME, headers=bearer(ben_token))
        on = await client.post(
            "/graphql",
            json={"query": toggle, "variables": {"id": ben_id, "on": True}},
            headers=bearer(admin_token),
        )
        again = await client.post("/graphql", json=ME, headers=bearer(ben_token))

    assert graphql_body(before) == {"data": {"me": {"email": "ben.member@acme.example"}}}
    assert graphql_body(off) == {
        "data": {"updateUser": {"userErrors": [], "user": {"active": False}}}
    }
    assert refused.status_code == 401
    assert graphql_body(refused)["errors"][0] == {
        "message": "This user is deactivated and cannot log in.",
        "extensions": {"code": UNAUTHENTICATED},
    }
    assert graphql_body(on) == {
        "data": {"updateUser": {"userErrors": [], "user": {"active": True}}}
    }
    assert graphql_body(again) == {"data": {"me": {"email": "ben.member@acme.example"}}}


async def test_another_tenants_id_behaves_like_an_id_that_does_not_exist(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    globex = await make_tenant(database, "globex")
    stranger = await make_user(database, globex, "Sam Stranger")
    token = await make_token(database, admin)
    foreign = to_global_id("User", stranger.id)
    missing = to_global_id("User", 999_999)
    async with http_client(database) as client:
        answers = []
        for global_id in (foreign, missing):
            read = await client.post(
                "/graphql",
                json={
                    "query": "query($id: ID!) { user(id: $id) { email } node(id: $id) { id } }",
                    "variables": {"id": global_id},
                },
                headers=bearer(token),
            )
            write = await client.post(
                "/graphql",
                json={
                    "query": "mutation($id: ID!) { deactivateUser(input: {userId: $id}) "
                    "{ changed userErrors { code field } } }",
                    "variables": {"id": global_id},
                },
                headers=bearer(token),
            )
            answers.append((graphql_body(read), graphql_body(write)))
    assert (
        answers[0]
        == answers[1]
        == (
            {"data": {"user": None, "node": None}},
            {
                "data": {
                    "deactivateUser": {
                        "changed": False,
                        "userErrors": [{"code": "NOT_FOUND", "field": ["input", "userId"]}],
                    }
                }
            },
        )
    )
