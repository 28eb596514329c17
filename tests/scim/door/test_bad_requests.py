"""Bad input and preconditions: clear SCIM errors, never a 500, and nothing changed."""

import httpx
import pytest
from sqlalchemy import select

from db.engine import Database
from db.enums import UserStatus
from db.models import User
from tests.scim.door.bodies import error_body, new_user, patch
from tests.scim.world import ScimWorld


async def test_malformed_json_is_400_invalid_syntax(scim: httpx.AsyncClient) -> None:
    for method, path in (
        ("POST", "/scim/v2/Users"),
        ("PUT", "/scim/v2/Users/1"),
        ("PATCH", "/scim/v2/Users/1"),
        ("POST", "/scim/v2/Groups"),
    ):
        response = await scim.request(method, path, content=b'{"userName": ')
        answer = response.json()
        assert (response.status_code, answer["scimType"]) == (400, "invalidSyntax"), path


async def test_a_json_content_type_is_accepted_another_is_415(scim: httpx.AsyncClient) -> None:
    body = b'{"userName": "mo@acme.example"}'
    accepted = await scim.post(
        "/scim/v2/Users", content=body, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert accepted.status_code == 201
    refused = await scim.post(
        "/scim/v2/Users", content=body, headers={"Content-Type": "text/plain"}
    )
    assert (refused.status_code, refused.json()) == (
        415,
        error_body(415, "The request body must be application/scim+json"),
    )


async def test_wrong_types_and_missing_user_name_are_400(scim: httpx.AsyncClient) -> None:
    for body in (
        {"userName": "x@acme.example", "active": "maybe"},
        {"displayName": "No Name"},
        {"userName": "y@acme.example", "emails": [{"value": "not an address"}]},
    ):
        response = await scim.post("/scim/v2/Users", json=body)
        answer = response.json()
        assert response.status_code == 400, body
        assert answer["scimType"] in ("invalidValue", "invalidSyntax"), answer


async def test_unknown_attributes_are_accepted_and_ignored(scim: httpx.AsyncClient) -> None:
    # RFC 7644 §3.3: a service provider may ignore what it does not keep (Okta sends
    # locale, Entra title): accepted, and the user is as if it had not been sent.
    created = await scim.post(
        "/scim/v2/Users",
        json=new_user("no@acme.example", "no@acme.example", favouriteColour="blue"),
    )
    assert created.status_code == 201, created.json()
    user = f"/scim/v2/Users/{created.json()['id']}"
    assert "favouriteColour" not in created.json()
    assert (await scim.get(user)).json() == created.json()


async def test_a_patch_of_an_unknown_path_changes_nothing(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    user = f"/scim/v2/Users/{world.admin.id}"
    before = (await scim.get(user)).json()
    response = await scim.patch(user, json=patch({"op": "replace", "path": "nosuch", "value": 1}))
    assert (response.status_code, response.json()) == (200, before)


async def test_a_write_to_what_roster_derives_is_ignored(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    # Entra's default mapping replaces phoneNumbers and name.formatted: read-only in
    # roster's /Schemas, ignored as a PUT ignores them (RFC 7644 §3.5.1).
    user = f"/scim/v2/Users/{world.admin.id}"
    before = (await scim.get(user)).json()
    response = await scim.patch(
        user,
        json=patch(
            {"op": "Replace", "path": 'phoneNumbers[type eq "work"].value', "value": "+15550100"},
            {"op": "replace", "path": "name.formatted", "value": "Someone Else"},
            {"op": "replace", "value": {"groups": [{"value": "1"}]}},
        ),
    )
    assert (response.status_code, response.json()) == (200, before)


async def test_a_body_over_the_limit_is_413(scim: httpx.AsyncClient, database: Database) -> None:
    huge = b'{"userName": "big@acme.example", "displayName": "' + b"x" * 1_000_001 + b'"}'
    response = await scim.post("/scim/v2/Users", content=huge)
    assert (response.status_code, response.json()) == (
        413,
        error_body(413, "The request body exceeds 1000000 bytes."),
    )
    async with database.session() as session:
        assert await session.scalar(select(User.id).where(User.email == "big@acme.example")) is None


async def test_a_stale_if_match_is_412_and_changes_nothing(scim: httpx.AsyncClient) -> None:
    created = (
        await scim.post("/scim/v2/Users", json=new_user("pat@acme.example", "pat@acme.example"))
    ).json()
    user = f"/scim/v2/Users/{created['id']}"
    first = await scim.patch(
        user,
        json=patch({"op": "replace", "path": "displayName", "value": "Pat 2"}),
        headers={"If-Match": 'W/"1"'},
    )
    assert first.status_code == 200
    current = first.json()
    for method, body in (
        ("PATCH", patch({"op": "replace", "path": "displayName", "value": "Pat 3"})),
        ("PUT", new_user("pat@acme.example", "pat@acme.example", displayName="Pat 3")),
        ("DELETE", None),
    ):
        response = await scim.request(method, user, json=body, headers={"If-Match": 'W/"1"'})
        assert (response.status_code, response.json()["status"]) == (412, "412"), method
    assert (await scim.get(user)).json() == current
    matching = await scim.delete(user, headers={"If-Match": current["meta"]["version"]})
    assert matching.status_code == 204


async def test_if_none_match_of_the_current_version_answers_304(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    response = await scim.get(
        f"/scim/v2/Users/{world.admin.id}", headers={"If-None-Match": 'W/"1"'}
    )
    assert (response.status_code, response.headers["etag"]) == (304, 'W/"1"')


async def test_deactivating_the_last_admin_is_409_and_changes_nothing(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    for method, body in (
        ("PATCH", patch({"op": "replace", "value": {"active": False}})),
        ("DELETE", None),
    ):
        response = await scim.request(method, f"/scim/v2/Users/{world.admin.id}", json=body)
        assert (response.status_code, response.json()) == (
            409,
            error_body(409, "This is the tenant's last active admin; make another admin first."),
        ), method
    async with database.session() as session:
        row = (
            await session.execute(
                select(User.status, User.version, User.scim_detached_at).where(
                    User.id == world.admin.id
                )
            )
        ).one()
    assert tuple(row) == (UserStatus.ACTIVE, 1, None)


@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        ("GET", "/scim/v2/Nope", 404, "No resource type found at 'Nope'"),
        ("PATCH", "/scim/v2/Users", 405, "The endpoint does not support this method"),
        ("GET", "/scim/v2/Me", 501, "/Me is not supported"),
        ("POST", "/scim/v2/Bulk", 501, "Bulk is not supported"),
        ("GET", "/scim/v2/Users?sortBy=userName", 501, "Sorting is not supported"),
        (
            "GET",
            "/scim/v2/",
            501,
            "Searching several resource types at once is not supported: search /Users or /Groups.",
        ),
        (
            "POST",
            "/scim/v2/.search",
            501,
            "Searching several resource types at once is not supported: search /Users or /Groups.",
        ),
        ("GET", "/scim/Users", 404, "The SCIM endpoints are under /scim/v2."),
    ],
)
async def test_what_is_not_offered(
    scim: httpx.AsyncClient, method: str, path: str, status: int, detail: str
) -> None:
    response = await scim.request(method, path, json={} if method == "POST" else None)
    assert (response.status_code, response.json()) == (status, error_body(status, detail))


async def test_search_with_a_body_on_a_resource_type(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    response = await scim.post(
        "/scim/v2/Users/.search",
        json={
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
            "filter": 'userName eq "ada.admin@acme.example"',
            "attributes": ["userName"],
        },
    )
    answer = response.json()
    assert response.status_code == 200
    assert answer["Resources"] == [
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": str(world.admin.id),
            "userName": "ada.admin@acme.example",
        }
    ]


async def test_ids_too_long_for_any_row_are_no_row_s(scim: httpx.AsyncClient) -> None:
    huge = "9" * 30
    for path in (f"/scim/v2/Users/{huge}", "/scim/v2/Users/2147483648", f"/scim/v2/Groups/{huge}"):
        response = await scim.get(path)
        assert response.status_code == 404, path
    listed = await scim.get(f"/scim/v2/Users?filter=id%20eq%20%22{huge}%22")
    assert (listed.status_code, listed.json()["totalResults"]) == (200, 0)
    group = await scim.post(
        "/scim/v2/Groups", json={"displayName": "Huge", "members": [{"value": huge}]}
    )
    assert (group.status_code, group.json()["scimType"]) == (400, "invalidValue")
    stale = await scim.patch(
        "/scim/v2/Users/1",
        json=patch({"op": "replace", "path": "displayName", "value": "A"}),
        headers={"If-Match": f'W/"{huge}"'},
    )
    assert stale.status_code == 412


async def test_a_fault_is_a_500_in_scim_shape_logged_with_its_traceback(
    scim: httpx.AsyncClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    from sqlalchemy import text

    async with database.write_sessions() as session, session.begin():
        await session.execute(text("DROP TABLE group_memberships"))
    response = await scim.get("/scim/v2/Users")
    assert (response.status_code, response.json()) == (
        500,
        error_body(500, "Internal server error"),
    )
    faults = [record for record in caplog.records if record.name == "gateway.scim"]
    assert [record.levelname for record in faults] == ["ERROR"]
    assert faults[0].exc_info is not None


NUL = {"detail": "Text may not contain the NUL character (U+0000).", "scimType": "invalidValue"}
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/scim/v2/Users", new_user("nul\u0000@acme.example", "nul@acme.example")),
        ("/scim/v2/Users", new_user("b@acme.example", "b@acme.example", displayName="\u0000x")),
        ("/scim/v2/Users", new_user("c@acme.example", "c@acme.example", externalId="\u0000")),
        ("/scim/v2/Users", new_user("g@acme.example", **{ENTERPRISE: {"department": "\u0000"}})),
        ("/scim/v2/Groups", {"schemas": [GROUP_SCHEMA], "displayName": "\u0000g"}),
    ],
    ids=["userName", "displayName", "externalId", "enterprise", "group"],
)
async def test_nul_in_any_text_is_400_and_nothing_is_made(
    scim: httpx.AsyncClient, database: Database, path: str, body: dict
) -> None:
    async with database.read_sessions() as session:
        before = (await session.execute(select(User.id))).all()
    response = await scim.post(path, json=body)
    answer = response.json()
    assert (response.status_code, answer["scimType"], answer["detail"]) == (
        400,
        NUL["scimType"],
        NUL["detail"],
    )
    async with database.read_sessions() as session:
        assert (await session.execute(select(User.id))).all() == before


@pytest.mark.parametrize(
    "scim_filter",
    [
        'meta.lastModified ge "0001-01-01T00:00:00+14:00"',
        'meta.created gt "9999-12-31T23:59:59-14:00"',
    ],
)
async def test_instants_beyond_year_1_and_9999_in_utc_filter_without_overflow(
    scim: httpx.AsyncClient, scim_filter: str
) -> None:
    response = await scim.get("/scim/v2/Users", params={"filter": scim_filter})
    everyone = scim_filter.startswith("meta.lastModified ge")
    assert (response.status_code, response.json()["totalResults"]) == (200, 1 if everyone else 0)


async def test_a_start_index_past_any_table_is_an_empty_page(scim: httpx.AsyncClient) -> None:
    response = await scim.get("/scim/v2/Users", params={"startIndex": str(10**20)})
    answer = response.json()
    assert (response.status_code, answer["totalResults"], answer.get("Resources", [])) == (
        200,
        1,
        [],
    )
