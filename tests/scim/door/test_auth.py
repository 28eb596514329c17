"""Who may call the door: a tenant's SCIM token, still valid; each refusal a SCIM 401."""

from datetime import timedelta

import httpx
from sqlalchemy import select, update

from db.engine import Database
from db.models import ApiToken
from db.types import utcnow
from tests.factories import make_token
from tests.scim.door.bodies import error_body, list_body, user_body
from tests.scim.world import ScimWorld, make_scim_token, scim_client

CHALLENGE = 'Bearer realm="SCIM"'


async def _refused(database: Database, token: str | None, detail: str) -> None:
    async with scim_client(database, token) as client:
        for method, path in (
            ("GET", "/scim/v2/Users"),
            ("GET", "/scim/v2/Schemas"),
            ("DELETE", "/scim/v2/Users/1"),
        ):
            response = await client.request(method, path)
            assert (response.status_code, response.json()) == (401, error_body(401, detail)), path
            assert response.headers["www-authenticate"] == CHALLENGE


async def test_no_token_is_401(database: Database, world: ScimWorld) -> None:
    await _refused(database, None, "Send a SCIM token: Authorization: Bearer <token>.")


async def test_an_unknown_token_is_401(database: Database, world: ScimWorld) -> None:
    await _refused(database, "rst_scim_" + "x" * 43, "This SCIM token is not valid.")
    await _refused(database, "garbage", "This SCIM token is not valid.")


async def test_a_graphql_token_is_401_saying_which_token_scim_takes(
    database: Database, world: ScimWorld
) -> None:
    token = await make_token(database, world.admin)
    await _refused(
        database,
        token,
        "This is a GraphQL API token; SCIM accepts only a SCIM token (roster token create --scim).",
    )


async def test_a_revoked_token_is_401(database: Database, world: ScimWorld) -> None:
    async with database.write_sessions() as session, session.begin():
        await session.execute(
            update(ApiToken)
            .where(ApiToken.tenant_id == world.tenant.id)
            .values(revoked_at=utcnow())
        )
    await _refused(database, world.token, "This SCIM token was revoked.")


async def test_an_expired_token_is_401(database: Database, world: ScimWorld) -> None:
    token = await make_scim_token(
        database, world.tenant, expires_at=utcnow() - timedelta(seconds=1)
    )
    await _refused(database, token, "This SCIM token has expired.")


async def test_the_service_provider_configuration_needs_no_token(
    database: Database, world: ScimWorld
) -> None:
    async with scim_client(database, None) as client:
        response = await client.get("/scim/v2/ServiceProviderConfig")
    assert response.status_code == 200
    assert response.json()["patch"] == {"supported": True}


async def test_another_tenant_s_user_is_404_for_every_method(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    other = world.other_user.id
    detail = error_body(404, f"No user with the id {str(other)!r}.")
    for method, body in (
        ("GET", None),
        ("PUT", {"userName": "x@acme.example"}),
        (
            "PATCH",
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{"op": "replace", "path": "active", "value": False}],
            },
        ),
        ("DELETE", None),
    ):
        response = await scim.request(method, f"/scim/v2/Users/{other}", json=body)
        assert (response.status_code, response.json()) == (404, detail), method
    listed = (await scim.get("/scim/v2/Users")).json()
    assert [user["id"] for user in listed["Resources"]] == [str(world.admin.id)]


async def test_each_tenant_s_token_sees_its_own_users(database: Database, world: ScimWorld) -> None:
    async with scim_client(database, world.other_token) as client:
        answer = (await client.get("/scim/v2/Users")).json()
    assert answer == list_body(
        [
            user_body(
                answer["Resources"][0],
                user_name="gil.globex@globex.example",
                email="gil.globex@globex.example",
                display_name="Gil Globex",
            )
        ]
    )


async def test_a_token_s_use_is_recorded_once_a_minute(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    async def last_used() -> list:
        async with database.session() as session:
            return list(
                (
                    await session.execute(select(ApiToken.last_used_at).order_by(ApiToken.id))
                ).scalars()
            )

    before = utcnow()
    assert (await scim.get("/scim/v2/Users")).status_code == 200
    first = await last_used()
    assert first[1] is None  # the other tenant's token
    assert first[0] is not None and first[0] >= before
    assert (await scim.get("/scim/v2/Groups")).status_code == 200
    assert await last_used() == first
