"""Users over HTTP: create, read, list, replace, modify, delete, each answer whole."""

import httpx
from sqlalchemy import select

from db.engine import Database
from db.enums import UserStatus
from db.models import User
from tests.factories import make_phone_number
from tests.scim.door.bodies import error_body, list_body, new_user, patch, user_body
from tests.scim.world import BASE, ScimWorld


async def test_create_answers_201_with_the_user_and_its_location(scim: httpx.AsyncClient) -> None:
    response = await scim.post(
        "/scim/v2/Users",
        json=new_user(
            "bob@acme.example",
            "bob@acme.example",
            name={"givenName": "Bob", "familyName": "Smith"},
            externalId="00u1bob",
            active=True,
        ),
    )
    answer = response.json()
    assert response.status_code == 201
    assert answer == user_body(
        answer,
        user_name="bob@acme.example",
        email="bob@acme.example",
        display_name="Bob Smith",
        external_id="00u1bob",
        given_name="Bob",
        family_name="Smith",
    )
    assert answer["meta"]["created"] == answer["meta"]["lastModified"]
    assert response.headers["location"] == f"{BASE}/Users/{answer['id']}"
    assert response.headers["etag"] == 'W/"1"'
    assert response.headers["content-type"] == "application/scim+json"


async def test_create_takes_the_email_from_an_address_user_name(scim: httpx.AsyncClient) -> None:
    response = await scim.post("/scim/v2/Users", json=new_user("Carol@Acme.Example"))
    answer = response.json()
    assert (response.status_code, answer) == (
        201,
        user_body(
            answer,
            user_name="Carol@Acme.Example",
            email="Carol@acme.example",
            display_name="Carol@Acme.Example",
        ),
    )


async def test_create_takes_the_primary_email_and_the_display_name_sent(
    scim: httpx.AsyncClient,
) -> None:
    response = await scim.post(
        "/scim/v2/Users",
        json=new_user(
            "dana",
            displayName="Dana D.",
            emails=[
                {"value": "dana.home@example.org", "type": "home"},
                {"value": "dana@acme.example", "type": "work", "primary": True},
            ],
        ),
    )
    answer = response.json()
    assert (response.status_code, answer) == (
        201,
        user_body(answer, user_name="dana", email="dana@acme.example", display_name="Dana D."),
    )


async def test_create_inactive_makes_a_deactivated_user(
    scim: httpx.AsyncClient, database: Database
) -> None:
    response = await scim.post(
        "/scim/v2/Users", json=new_user("erin@acme.example", "erin@acme.example", active=False)
    )
    answer = response.json()
    assert response.status_code == 201
    assert answer["active"] is False
    async with database.session() as session:
        status = await session.scalar(select(User.status).where(User.id == int(answer["id"])))
    assert status == UserStatus.DEACTIVATED


async def test_a_user_with_neither_email_nor_address_user_name_is_refused(
    scim: httpx.AsyncClient, database: Database
) -> None:
    response = await scim.post("/scim/v2/Users", json=new_user("frank"))
    assert (response.status_code, response.json()) == (
        400,
        error_body(
            400,
            "A user needs an email address: send it in emails (the primary one, else the "
            "first), or send a userName that is an address.",
            "invalidValue",
        ),
    )
    async with database.session() as session:
        assert (await session.execute(select(User.id))).all() == [(1,), (2,)]


async def test_a_taken_user_name_is_409_uniqueness(scim: httpx.AsyncClient) -> None:
    first = await scim.post("/scim/v2/Users", json=new_user("Gus", "gus@acme.example"))
    assert first.status_code == 201
    response = await scim.post("/scim/v2/Users", json=new_user("gus", "gus2@acme.example"))
    answer = response.json()
    assert response.status_code == 409
    assert answer["scimType"] == "uniqueness"
    assert answer["detail"].startswith("userName: ")


async def test_a_taken_email_is_409_uniqueness(scim: httpx.AsyncClient) -> None:
    response = await scim.post("/scim/v2/Users", json=new_user("ada", "ADA.admin@acme.example"))
    answer = response.json()
    assert response.status_code == 409
    assert answer["scimType"] == "uniqueness"
    assert answer["detail"].startswith("emails: ")


async def test_get_shows_a_user_roster_made_with_their_numbers_and_groups(
    scim: httpx.AsyncClient, database: Database, world: ScimWorld
) -> None:
    await make_phone_number(database, world.tenant, "+81312345678", world.admin)
    group = (
        await scim.post(
            "/scim/v2/Groups",
            json={"displayName": "Ops", "members": [{"value": str(world.admin.id)}]},
        )
    ).json()
    response = await scim.get(f"/scim/v2/Users/{world.admin.id}")
    answer = response.json()
    assert (response.status_code, answer) == (
        200,
        user_body(
            answer,
            user_name="ada.admin@acme.example",
            email="ada.admin@acme.example",
            display_name="Ada Admin",
            phone_numbers=["+81312345678"],
            groups=[(group["id"], "Ops")],
        ),
    )
    assert response.headers["etag"] == 'W/"1"'


async def test_get_of_an_unknown_id_is_404(scim: httpx.AsyncClient) -> None:
    for user_id in ("999", "abc"):
        response = await scim.get(f"/scim/v2/Users/{user_id}")
        assert (response.status_code, response.json()) == (
            404,
            error_body(404, f"No user with the id {user_id!r}."),
        )


async def test_list_holds_the_tenant_s_users_only(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    created = (
        await scim.post("/scim/v2/Users", json=new_user("hal@acme.example", "hal@acme.example"))
    ).json()
    response = await scim.get("/scim/v2/Users")
    answer = response.json()
    assert (response.status_code, answer) == (
        200,
        list_body(
            [
                user_body(
                    answer["Resources"][0],
                    user_name="ada.admin@acme.example",
                    email="ada.admin@acme.example",
                    display_name="Ada Admin",
                ),
                user_body(
                    created,
                    user_name="hal@acme.example",
                    email="hal@acme.example",
                    display_name="hal@acme.example",
                ),
            ]
        ),
    )


async def test_put_replaces_and_leaves_the_status_alone_when_active_is_left_out(
    scim: httpx.AsyncClient,
) -> None:
    created = (
        await scim.post(
            "/scim/v2/Users", json=new_user("ivy@acme.example", "ivy@acme.example", active=False)
        )
    ).json()
    response = await scim.put(
        f"/scim/v2/Users/{created['id']}",
        json=new_user(
            "ivy@acme.example",
            "ivy.new@acme.example",
            name={"givenName": "Ivy", "familyName": "Ito"},
            externalId="ext-ivy",
        ),
    )
    answer = response.json()
    assert (response.status_code, answer) == (
        200,
        user_body(
            answer,
            user_name="ivy@acme.example",
            email="ivy.new@acme.example",
            display_name="Ivy Ito",
            active=False,
            version=answer_version(answer),
            external_id="ext-ivy",
            given_name="Ivy",
            family_name="Ito",
        ),
    )
    assert answer_version(answer) > answer_version(created)
    assert answer["meta"]["created"] == created["meta"]["created"]
    assert answer["meta"]["lastModified"] > created["meta"]["lastModified"]


def answer_version(answer: dict) -> int:
    return int(answer["meta"]["version"].removeprefix('W/"').removesuffix('"'))


async def test_put_that_changes_nothing_keeps_the_version(scim: httpx.AsyncClient) -> None:
    created = (
        await scim.post("/scim/v2/Users", json=new_user("jo@acme.example", "jo@acme.example"))
    ).json()
    sent = {key: created[key] for key in ("schemas", "userName", "displayName", "active", "emails")}
    response = await scim.put(f"/scim/v2/Users/{created['id']}", json=sent)
    assert (response.status_code, response.json()) == (200, created)


async def test_patch_replaces_attributes_and_answers_200_with_the_user(
    scim: httpx.AsyncClient,
) -> None:
    created = (
        await scim.post("/scim/v2/Users", json=new_user("kim@acme.example", "kim@acme.example"))
    ).json()
    response = await scim.patch(
        f"/scim/v2/Users/{created['id']}",
        json=patch(
            {"op": "replace", "path": "displayName", "value": "Kim K."},
            {"op": "add", "path": "externalId", "value": "ext-kim"},
            {"op": "replace", "value": {"name.givenName": "Kim", "name.familyName": "Kato"}},
        ),
    )
    answer = response.json()
    assert (response.status_code, answer) == (
        200,
        user_body(
            answer,
            user_name="kim@acme.example",
            email="kim@acme.example",
            display_name="Kim K.",
            version=answer_version(answer),
            external_id="ext-kim",
            given_name="Kim",
            family_name="Kato",
        ),
    )
    assert response.headers["etag"] == answer["meta"]["version"]
    assert (await scim.get(f"/scim/v2/Users/{created['id']}")).json() == answer


async def test_patch_of_phone_numbers_or_groups_changes_nothing_of_roster_s(
    scim: httpx.AsyncClient, world: ScimWorld
) -> None:
    response = await scim.patch(
        f"/scim/v2/Users/{world.admin.id}",
        json=patch(
            {"op": "add", "path": "phoneNumbers", "value": [{"value": "+15550100", "type": "work"}]}
        ),
    )
    answer = response.json()
    assert response.status_code == 200
    assert "phoneNumbers" not in answer
    # Both are read-only in roster's /Schemas; a write to them is ignored, as a PUT
    # ignores them (RFC 7644 §3.5.1): membership changes through /Groups.
    ignored = await scim.patch(
        f"/scim/v2/Users/{world.admin.id}",
        json=patch({"op": "add", "path": "groups", "value": [{"value": "1"}]}),
    )
    assert (ignored.status_code, ignored.json()) == (200, answer)


async def test_delete_detaches_the_user_who_stays_deactivated_in_roster(
    scim: httpx.AsyncClient, database: Database
) -> None:
    created = (
        await scim.post("/scim/v2/Users", json=new_user("lee@acme.example", "lee@acme.example"))
    ).json()
    response = await scim.delete(f"/scim/v2/Users/{created['id']}")
    assert (response.status_code, response.content) == (204, b"")
    gone = await scim.get(f"/scim/v2/Users/{created['id']}")
    assert (gone.status_code, gone.json()) == (
        404,
        error_body(404, f"No user with the id {created['id']!r}."),
    )
    listed = (await scim.get("/scim/v2/Users?filter=userName%20eq%20%22lee@acme.example%22")).json()
    assert listed == list_body([])
    again = await scim.delete(f"/scim/v2/Users/{created['id']}")
    assert again.status_code == 404
    async with database.session() as session:
        row = (
            await session.execute(
                select(User.status, User.user_name).where(User.id == int(created["id"]))
            )
        ).one()
    assert (row.status, row.user_name) == (UserStatus.DEACTIVATED, None)
