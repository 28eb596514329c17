"""scimTokens and node(id:) for SCIM tokens: admins only, the tenant's, newest first, no
secret; the people's apiTokens and ApiToken ids never reach a SCIM token."""

from resolvers.ids import to_global_id
from tests.admin.scim_token_world import ScimTokenWorld, build_scim_token_world
from tests.admin.token_world import make_scim_token
from tests.graphql import StatementCounter, data_of, execute

SCIM_TOKENS = """query($first: Int, $after: String) { scimTokens(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id name createdAt lastUsedAt expiresAt revokedAt active } } } }"""
NODE = "query($id: ID!) { node(id: $id) { __typename ... on ScimToken { name } ... on ApiToken { name } } }"


def _node(scim: ScimTokenWorld, token, **overrides):
    node = {
        "id": scim.gid(token),
        "name": token.name,
        "createdAt": token.created_at.isoformat(),
        "lastUsedAt": None,
        "expiresAt": None,
        "revokedAt": None,
        "active": True,
    }
    return {**node, **overrides}


async def test_an_admin_sees_the_tenants_scim_tokens_newest_first(database):
    scim = await build_scim_token_world(database)
    data = await data_of(database, scim.tokens.world.admin, SCIM_TOKENS)
    page = data["scimTokens"]
    assert [edge["node"] for edge in page["edges"]] == [
        _node(scim, scim.entra, expiresAt="2099-01-01T00:00:00+00:00"),
        _node(scim, scim.entra_old, revokedAt="2026-01-03T09:00:00+00:00", active=False),
        _node(scim, scim.okta, lastUsedAt="2026-01-03T09:00:00+00:00"),
    ]
    assert page["totalCount"] == 3
    assert page["pageInfo"] == {"hasNextPage": False, "endCursor": page["edges"][-1]["cursor"]}


async def test_another_tenants_admin_sees_only_theirs(database):
    scim = await build_scim_token_world(database)
    data = await data_of(database, scim.tokens.foreign_admin, SCIM_TOKENS)
    assert data["scimTokens"]["totalCount"] == 1
    assert [edge["node"] for edge in data["scimTokens"]["edges"]] == [_node(scim, scim.globex_okta)]


async def test_a_member_is_forbidden(database):
    scim = await build_scim_token_world(database)
    result = await execute(database, scim.tokens.world.member, SCIM_TOKENS)
    assert result.data is None
    assert [(error.message, error.extensions) for error in result.errors or []] == [
        ("Only an admin may see this.", {"code": "FORBIDDEN"})
    ]


async def test_api_tokens_lists_the_peoples_tokens_only(database):
    scim = await build_scim_token_world(database)
    query = "{ apiTokens { totalCount edges { node { name user { email } } } } }"
    data = await data_of(database, scim.tokens.world.admin, query)
    assert data["apiTokens"] == {
        "totalCount": 3,
        "edges": [
            {"node": {"name": "ada-old", "user": {"email": "ada.admin@acme.example"}}},
            {"node": {"name": "cai-ci", "user": {"email": "cai.chen@acme.example"}}},
            {"node": {"name": "ben-laptop", "user": {"email": "ben.bell@acme.example"}}},
        ],
    }


async def test_pages_follow_one_another(database):
    scim = await build_scim_token_world(database)
    admin = scim.tokens.world.admin
    first = (await data_of(database, admin, SCIM_TOKENS, {"first": 2}))["scimTokens"]
    after = first["pageInfo"]["endCursor"]
    rest = (await data_of(database, admin, SCIM_TOKENS, {"first": 2, "after": after}))["scimTokens"]
    assert [edge["node"]["name"] for edge in first["edges"]] == ["entra", "entra-old"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["name"] for edge in rest["edges"]] == ["okta"]
    assert rest["pageInfo"] == {"hasNextPage": False, "endCursor": rest["edges"][-1]["cursor"]}
    assert rest["totalCount"] == 3


async def test_a_bad_cursor_an_api_tokens_cursor_or_page_size_is_invalid_input(database):
    scim = await build_scim_token_world(database)
    admin = scim.tokens.world.admin
    api_page = await data_of(database, admin, "{ apiTokens(first: 1) { pageInfo { endCursor } } }")
    api_cursor = api_page["apiTokens"]["pageInfo"]["endCursor"]
    bad_cursor = await execute(database, admin, SCIM_TOKENS, {"after": "nonsense"})
    foreign_cursor = await execute(database, admin, SCIM_TOKENS, {"after": api_cursor})
    too_many = await execute(database, admin, SCIM_TOKENS, {"first": 101})
    not_a_cursor = [("`after` is not a cursor this list gave out.", {"code": "INVALID_INPUT"})]
    assert [(e.message, e.extensions) for e in bad_cursor.errors or []] == not_a_cursor
    assert [(e.message, e.extensions) for e in foreign_cursor.errors or []] == not_a_cursor
    assert [error.message for error in too_many.errors or []] == [
        "`first` must be between 1 and 100; got 101."
    ]


async def test_node_finds_a_scim_token_for_an_admin_of_its_tenant_only(database):
    scim = await build_scim_token_world(database)
    world = scim.tokens.world
    variables = {"id": scim.gid(scim.okta)}
    own = await data_of(database, world.admin, NODE, variables)
    member = await execute(database, world.member, NODE, variables)
    foreign = await data_of(database, scim.tokens.foreign_admin, NODE, variables)
    assert own == {"node": {"__typename": "ScimToken", "name": "okta"}}
    assert member.data == {"node": None}
    assert [error.extensions for error in member.errors or []] == [{"code": "FORBIDDEN"}]
    assert foreign == {"node": None}


async def test_an_id_of_the_other_kind_finds_nothing(database):
    scim = await build_scim_token_world(database)
    admin = scim.tokens.world.admin
    scim_row_as_api_token = {"id": to_global_id("ApiToken", scim.okta.id)}  # type: ignore[arg-type]
    api_row_as_scim_token = {"id": scim.gid(scim.tokens.ben_laptop)}
    assert await data_of(database, admin, NODE, scim_row_as_api_token) == {"node": None}
    assert await data_of(database, admin, NODE, api_row_as_scim_token) == {"node": None}


async def test_entities_resolve_a_scim_token_by_its_id_only(database):
    scim = await build_scim_token_world(database)
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      __typename ... on ScimToken { name } ... on ApiToken { name } } }"""
    representations = [
        {"__typename": "ScimToken", "id": scim.gid(scim.okta)},
        {"__typename": "ApiToken", "id": to_global_id("ApiToken", scim.okta.id)},  # type: ignore[arg-type]
        {"__typename": "ScimToken", "id": scim.gid(scim.tokens.ben_laptop)},
    ]
    data = await data_of(
        database, scim.tokens.world.admin, query, {"r": representations}, schema="admin"
    )
    assert data == {"_entities": [{"__typename": "ScimToken", "name": "okta"}, None, None]}


async def _statements_for(database, caller, first: int) -> int:
    with StatementCounter(database) as counter:
        result = await execute(database, caller, SCIM_TOKENS, {"first": first})
    assert result.errors is None
    assert result.data is not None
    assert len(result.data["scimTokens"]["edges"]) == first
    return counter.count


async def test_scim_tokens_cost_the_same_statements_for_5_and_100(database):
    scim = await build_scim_token_world(database)
    world = scim.tokens.world
    for index in range(110):
        await make_scim_token(database, world.acme, f"idp-{index:03}")
    small = await _statements_for(database, world.admin, 5)
    large = await _statements_for(database, world.admin, 100)
    # The page and its count.
    assert small == large == 2
