"""apiTokens: an admin sees the tenant's tokens, a member their own; newest first; no secret."""

from tests.admin.token_world import build_token_world, make_api_token
from tests.factories import caller_of, make_user
from tests.graphql import StatementCounter, data_of, execute

TOKENS = """query($first: Int, $after: String) { apiTokens(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id name createdAt lastUsedAt expiresAt revokedAt active user { email } } } } }"""


def _node(tokens, token, email, **overrides):
    node = {
        "id": tokens.gid(token),
        "name": token.name,
        "createdAt": token.created_at.isoformat(),
        "lastUsedAt": None,
        "expiresAt": None,
        "revokedAt": None,
        "active": True,
        "user": {"email": email},
    }
    return {**node, **overrides}


async def test_an_admin_sees_every_token_of_the_tenant_newest_first(database):
    tokens = await build_token_world(database)
    world = tokens.world
    data = await data_of(database, world.admin, TOKENS)
    page = data["apiTokens"]
    assert [edge["node"] for edge in page["edges"]] == [
        _node(tokens, tokens.ada_old, "ada.admin@acme.example", revokedAt="2026-01-03T09:00:00+00:00", active=False),
        _node(tokens, tokens.cai_ci, "cai.chen@acme.example", expiresAt="2099-01-01T00:00:00+00:00"),
        _node(tokens, tokens.ben_laptop, "ben.bell@acme.example", lastUsedAt="2026-01-03T09:00:00+00:00"),
    ]  # fmt: skip
    assert page["totalCount"] == 3
    assert page["pageInfo"] == {"hasNextPage": False, "endCursor": page["edges"][-1]["cursor"]}


async def test_a_member_sees_only_their_own(database):
    tokens = await build_token_world(database)
    data = await data_of(database, tokens.world.member, TOKENS)
    assert data["apiTokens"]["totalCount"] == 1
    assert [edge["node"] for edge in data["apiTokens"]["edges"]] == [
        _node(tokens, tokens.cai_ci, "cai.chen@acme.example", expiresAt="2099-01-01T00:00:00+00:00")
    ]


async def test_another_tenants_admin_sees_only_theirs(database):
    tokens = await build_token_world(database)
    data = await data_of(database, tokens.foreign_admin, TOKENS)
    assert [edge["node"]["name"] for edge in data["apiTokens"]["edges"]] == ["gus-token"]


async def test_pages_follow_one_another(database):
    tokens = await build_token_world(database)
    admin = tokens.world.admin
    first = (await data_of(database, admin, TOKENS, {"first": 2}))["apiTokens"]
    after = first["pageInfo"]["endCursor"]
    rest = (await data_of(database, admin, TOKENS, {"first": 2, "after": after}))["apiTokens"]
    assert [edge["node"]["name"] for edge in first["edges"]] == ["ada-old", "cai-ci"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["name"] for edge in rest["edges"]] == ["ben-laptop"]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["totalCount"] == 3


async def test_a_bad_cursor_or_page_size_is_invalid_input(database):
    tokens = await build_token_world(database)
    admin = tokens.world.admin
    bad_cursor = await execute(database, admin, TOKENS, {"after": "nonsense"})
    too_many = await execute(database, admin, TOKENS, {"first": 101})
    assert [error.extensions for error in bad_cursor.errors or []] == [{"code": "INVALID_INPUT"}]
    assert [error.message for error in too_many.errors or []] == [
        "`first` must be between 1 and 100; got 101."
    ]


async def test_node_finds_own_tokens_and_refuses_another_users_to_a_member(database):
    tokens = await build_token_world(database)
    query = "query($id: ID!) { node(id: $id) { __typename ... on ApiToken { name } } }"
    own = await data_of(database, tokens.world.member, query, {"id": tokens.gid(tokens.cai_ci)})
    other = await execute(
        database, tokens.world.member, query, {"id": tokens.gid(tokens.ben_laptop)}
    )
    foreign = await data_of(
        database, tokens.foreign_admin, query, {"id": tokens.gid(tokens.ben_laptop)}
    )
    assert own == {"node": {"__typename": "ApiToken", "name": "cai-ci"}}
    assert other.data == {"node": None}
    assert [error.extensions for error in other.errors or []] == [{"code": "FORBIDDEN"}]
    assert foreign == {"node": None}


async def _statements_for(database, caller, first: int) -> int:
    with StatementCounter(database) as counter:
        result = await execute(database, caller, TOKENS, {"first": first})
    assert result.errors is None
    assert result.data is not None
    assert len(result.data["apiTokens"]["edges"]) == first
    return counter.count


async def test_api_tokens_cost_the_same_statements_for_5_and_100(database):
    tokens = await build_token_world(database)
    world = tokens.world
    for index in range(110):
        user = await make_user(database, world.acme, f"User {index:03}")
        await make_api_token(database, user, f"token-{index:03}")
    admin = caller_of(world.ada, world.acme)
    small = await _statements_for(database, admin, 5)
    large = await _statements_for(database, admin, 100)
    # The page, its count, and the tokens' users: one each.
    assert small == large == 3
