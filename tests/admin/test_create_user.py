"""createUser: a new hire, ACTIVE, with an email unique in the tenant in any case."""

import pytest
from sqlalchemy import func, select

from db.enums import Role
from db.models import User
from resolvers.ids import to_global_id
from tests.admin.world import build_world
from tests.audit_rows import audit_entries
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

CREATE = """mutation($input: CreateUserInput!) { createUser(input: $input) {
  user { id email displayName role status active deactivatedAt externalId
         canLogIn(product: ADMIN) groups { name } phoneNumbers { number } }
  userErrors { code field message } } }"""


async def _user_count(database) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_an_admin_creates_an_active_user_with_exact_data_and_an_audit_entry(database):
    world = await build_world(database)
    data = await data_of(
        database,
        world.admin,
        CREATE,
        {
            "input": {
                "email": "  Nia.New@Acme.Example ",
                "displayName": "  Nia New ",
                "role": "ADMIN",
                "externalId": "okta|00u1",
            }
        },
    )
    async with database.session() as session:
        pk = await session.scalar(select(User.id).where(User.display_name == "Nia New"))
        folded = await session.scalar(select(User.email_folded).where(User.id == pk))
    assert data["createUser"] == {
        "user": {
            "id": to_global_id("User", pk),
            # The address is trimmed; its domain is lowercased, the local part kept as typed.
            "email": "Nia.New@acme.example",
            "displayName": "Nia New",
            "role": "ADMIN",
            "status": "ACTIVE",
            "active": True,
            "deactivatedAt": None,
            "externalId": "okta|00u1",
            "canLogIn": True,
            "groups": [],
            "phoneNumbers": [],
        },
        "userErrors": [],
    }
    assert folded == "nia.new@acme.example"
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "USER_CREATED",
            "target_type": "User",
            "target_id": pk,
            "target_user_id": pk,
            "changes": [
                {"field": "email", "before": None, "after": "Nia.New@acme.example"},
                {"field": "displayName", "before": None, "after": "Nia New"},
                {"field": "role", "before": None, "after": "ADMIN"},
                {"field": "externalId", "before": None, "after": "okta|00u1"},
            ],
        }
    ]


async def test_role_defaults_to_member_and_external_id_to_null(database):
    world = await build_world(database)
    data = await data_of(
        database,
        world.admin,
        CREATE,
        {"input": {"email": "max@acme.example", "displayName": "Max"}},
    )
    user = data["createUser"]["user"]
    assert (user["role"], user["externalId"]) == ("MEMBER", None)
    (entry,) = await audit_entries(database)
    assert entry["changes"][2:] == [
        {"field": "role", "before": None, "after": "MEMBER"},
    ]


@pytest.mark.parametrize(
    "email",
    ["ben.bell@acme.example", "BEN.BELL@ACME.EXAMPLE", " Ben.Bell@acme.example "],
)
async def test_an_email_taken_in_any_case_is_already_exists(database, email):
    world = await build_world(database)
    before = await _user_count(database)
    data = await data_of(
        database, world.admin, CREATE, {"input": {"email": email, "displayName": "Ben Two"}}
    )
    assert data["createUser"] == {
        "user": None,
        "userErrors": [
            {
                "code": "ALREADY_EXISTS",
                "field": ["input", "email"],
                "message": "Another user of this tenant has this email address.",
            }
        ],
    }
    assert await _user_count(database) == before
    assert await audit_entries(database) == []


async def test_the_same_email_in_another_tenant_is_fine(database):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    data = await data_of(
        database,
        caller_of(gus, globex),
        CREATE,
        {"input": {"email": "ben.bell@acme.example", "displayName": "Ben of Globex"}},
    )
    assert data["createUser"]["userErrors"] == []
    async with database.session() as session:
        tenant = await session.scalar(
            select(User.tenant_id).where(User.display_name == "Ben of Globex")
        )
    assert tenant == globex.id
    (entry,) = await audit_entries(database)
    assert (entry["tenant_id"], entry["actor_id"]) == (globex.id, gus.id)
    assert world.acme.id != globex.id


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        (
            {"email": "not-an-address", "displayName": "X"},
            ["input", "email"],
            "Not an email address: An email address must have an @-sign.",
        ),
        (
            {"email": "two@@acme.example", "displayName": "X"},
            ["input", "email"],
            None,
        ),
        ({"email": "   ", "displayName": "X"}, ["input", "email"], None),
        (
            {"email": "x@acme.example", "displayName": "  "},
            ["input", "displayName"],
            "A display name has 1 to 200 characters.",
        ),
        ({"email": "x@acme.example", "displayName": "n" * 201}, ["input", "displayName"], None),
        (
            {"email": "x@acme.example", "displayName": "X", "externalId": ""},
            ["input", "externalId"],
            "An externalId has 1 to 200 characters.",
        ),
        (
            {"email": "x@acme.example", "displayName": "X", "externalId": "e" * 201},
            ["input", "externalId"],
            None,
        ),
    ],
)
async def test_invalid_input_names_its_field_and_writes_nothing(database, given, field, message):
    world = await build_world(database)
    before = await _user_count(database)
    data = await data_of(database, world.admin, CREATE, {"input": given})
    (error,) = data["createUser"]["userErrors"]
    assert data["createUser"]["user"] is None
    assert (error["code"], error["field"]) == ("INVALID_INPUT", field)
    if message is not None:
        assert error["message"] == message
    assert await _user_count(database) == before
    assert await audit_entries(database) == []


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_world(database)
    before = await _user_count(database)
    data = await data_of(
        database,
        world.member,
        CREATE,
        {"input": {"email": "sneaky@acme.example", "displayName": "Sneaky"}},
    )
    assert data["createUser"] == {
        "user": None,
        "userErrors": [
            {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
        ],
    }
    assert await _user_count(database) == before
    assert await audit_entries(database) == []


async def test_a_lost_race_on_the_unique_email_is_already_exists(database, monkeypatch):
    """Another request inserts the same email between the check and the insert."""
    world = await build_world(database)

    async def nothing_there(*args, **kwargs):
        return None

    monkeypatch.setattr("resolvers.people.create_user.ensure_email_free", nothing_there)
    data = await data_of(
        database,
        world.admin,
        CREATE,
        {"input": {"email": "CAI.CHEN@acme.example", "displayName": "Cai Again"}},
    )
    assert data["createUser"]["userErrors"] == [
        {
            "code": "ALREADY_EXISTS",
            "field": ["input", "email"],
            "message": "Another user of this tenant has this email address.",
        }
    ]
    assert await audit_entries(database) == []
