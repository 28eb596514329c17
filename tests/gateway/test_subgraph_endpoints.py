from db.enums import Role
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, graphql_body, http_client

SDL = {"query": "{ _service { sdl } }"}


async def test_each_subgraph_is_served_on_its_own_path(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    async with http_client(database) as client:
        admin_sdl = await client.post("/subgraphs/admin/graphql", json=SDL, headers=bearer(token))
        me = await client.post(
            "/subgraphs/admin/graphql", json={"query": "{ me { email } }"}, headers=bearer(token)
        )
        composed = await client.post("/graphql", json=SDL, headers=bearer(token))
    sdl = graphql_body(admin_sdl)["data"]["_service"]["sdl"]
    assert 'type User implements Node @key(fields: "id")' in sdl
    assert "deactivateUser(input: DeactivateUserInput!): UserStatusPayload!" in sdl
    assert graphql_body(me) == {"data": {"me": {"email": "ada.admin@acme.example"}}}
    # The composed graph is the API, not a subgraph: it has no federation machinery.
    assert (
        graphql_body(composed)["errors"][0]["message"]
        == "Cannot query field '_service' on type 'Query'."
    )


async def test_a_subgraph_with_a_configured_secret_refuses_requests_without_it(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    async with http_client(database, subgraph_secret="s3cret") as client:
        without = await client.post("/subgraphs/admin/graphql", json=SDL, headers=bearer(token))
        wrong = await client.post(
            "/subgraphs/admin/graphql",
            json=SDL,
            headers={**bearer(token), "X-Roster-Subgraph-Secret": "guess"},
        )
        right = await client.post(
            "/subgraphs/admin/graphql",
            json={"query": "{ me { email } }"},
            headers={**bearer(token), "X-Roster-Subgraph-Secret": "s3cret"},
        )
        embedded = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer(token)
        )
    refused = {
        "errors": [
            {
                "message": "Subgraph endpoints answer only the federation router.",
                "extensions": {"code": "FORBIDDEN"},
            }
        ]
    }
    assert (without.status_code, graphql_body(without)) == (403, refused)
    assert (wrong.status_code, graphql_body(wrong)) == (403, refused)
    assert graphql_body(right) == {"data": {"me": {"email": "ada.admin@acme.example"}}}
    assert graphql_body(embedded) == {"data": {"me": {"email": "ada.admin@acme.example"}}}


async def test_a_secret_is_matched_whole_not_by_prefix_or_case(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    secret = "0123456789abcdef-router"
    async with http_client(database, subgraph_secret=secret) as client:
        statuses = [
            (
                await client.post(
                    "/subgraphs/admin/graphql",
                    json=SDL,
                    headers={**bearer(token), "X-Roster-Subgraph-Secret": given},
                )
            ).status_code
            for given in (secret[:-1], secret + "x", secret.upper(), "", secret)
        ]

    assert statuses == [403, 403, 403, 403, 200]


async def test_production_with_a_secret_closes_the_subgraphs_to_all_but_the_router(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    secret = "0123456789abcdef-router"
    async with http_client(database, env="production", subgraph_secret=secret) as client:
        without = await client.post("/subgraphs/admin/graphql", json=SDL, headers=bearer(token))
        entities = await client.post(
            "/subgraphs/analytics/graphql",
            json={"query": "{ _entities(representations: []) { __typename } }"},
            headers=bearer(token),
        )
        router = await client.post(
            "/subgraphs/admin/graphql",
            json=SDL,
            headers={**bearer(token), "X-Roster-Subgraph-Secret": secret},
        )

    assert (without.status_code, entities.status_code) == (403, 403)
    assert (
        'type User implements Node @key(fields: "id")'
        in graphql_body(router)["data"]["_service"]["sdl"]
    )


async def test_the_subgraph_endpoints_switched_off_are_not_there(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    # Free text on /graphql, as before trusted documents (tests/documents has theirs).
    async with http_client(
        database, env="production", subgraphs_enabled=False, trusted_documents_only=False
    ) as client:
        subgraphs = [
            await client.post(f"/subgraphs/{name}/graphql", json=SDL, headers=bearer(token))
            for name in ("admin", "analytics", "phone", "phoneMobile", "callCenter")
        ]
        api = await client.post(
            "/graphql", json={"query": "{ me { email } }"}, headers=bearer(token)
        )

    assert [response.status_code for response in subgraphs] == [404] * 5
    assert graphql_body(api) == {"data": {"me": {"email": "ada.admin@acme.example"}}}
