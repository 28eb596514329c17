"""assignPhoneNumber: a number in E.164 for a user; never one another user holds."""

import pytest

from resolvers.ids import to_global_id
from tests.admin.lines_world import build_lines_world, written
from tests.audit_rows import audit_entries
from tests.graphql import data_of

ASSIGN = """mutation($input: AssignPhoneNumberInput!) { assignPhoneNumber(input: $input) {
  phoneNumber { id number user { email phoneNumbers { number } } }
  userErrors { code field message } } }"""


def _assign(user_id: str, number: str) -> dict:
    return {"input": {"userId": user_id, "number": number}}


async def test_a_new_number_is_stored_in_e164_for_the_user_and_audited(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, ASSIGN, _assign(world.gid(world.cai), " +81 (3) 1234-5678 ")
    )
    payload = data["assignPhoneNumber"]
    new_id = payload["phoneNumber"]["id"]
    assert payload == {
        "phoneNumber": {
            "id": new_id,
            "number": "+81312345678",
            "user": {
                "email": "cai.chen@acme.example",
                "phoneNumbers": [{"number": "+81312345678"}],
            },
        },
        "userErrors": [],
    }
    assert new_id not in {world.gid(world.main), world.gid(world.spare)}
    pk = (await written(database))["numbers"][-1][0]
    assert new_id == to_global_id("PhoneNumber", pk)
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "PHONE_NUMBER_ASSIGNED",
            "target_type": "PhoneNumber",
            "target_id": pk,
            "target_user_id": world.cai.id,
            "changes": [
                {"field": "number", "before": None, "after": "+81312345678"},
                {"field": "user", "before": None, "after": world.gid(world.cai)},
            ],
        }
    ]


async def test_a_deactivated_user_may_be_given_a_number(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, ASSIGN, _assign(world.gid(world.dee), "+1 212 555 0100")
    )
    assert data["assignPhoneNumber"]["phoneNumber"]["number"] == "+12125550100"
    assert data["assignPhoneNumber"]["phoneNumber"]["user"]["email"] == "dee.dunn@acme.example"
    assert data["assignPhoneNumber"]["userErrors"] == []


@pytest.mark.parametrize("typed", ["+81312340001", "+81 3-1234-0001", "+81 (3) 1234.0001"])
async def test_a_number_another_user_holds_is_already_exists_and_never_moved(database, typed):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.admin, ASSIGN, _assign(world.gid(world.cai), typed))
    assert data["assignPhoneNumber"] == {
        "phoneNumber": None,
        "userErrors": [{
            "code": "ALREADY_EXISTS",
            "field": ["input", "number"],
            "message": "Another user of the tenant holds this number; unassign it from them first.",
        }],
    }  # fmt: skip
    assert await written(database) == before


async def test_the_number_the_user_already_holds_changes_nothing(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(
        database, world.admin, ASSIGN, _assign(world.gid(world.ben), "+81 3 1234 0001")
    )
    assert data["assignPhoneNumber"] == {
        "phoneNumber": {
            "id": world.gid(world.main),
            "number": "+81312340001",
            "user": {
                "email": "ben.bell@acme.example",
                "phoneNumbers": [{"number": "+81312340001"}],
            },
        },
        "userErrors": [],
    }
    assert await written(database) == before


async def test_an_unassigned_number_is_given_with_its_id_and_its_call_rules(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, ASSIGN, _assign(world.gid(world.cai), "+81312340002")
    )
    assert data["assignPhoneNumber"]["phoneNumber"] == {
        "id": world.gid(world.spare),
        "number": "+81312340002",
        "user": {"email": "cai.chen@acme.example", "phoneNumbers": [{"number": "+81312340002"}]},
    }
    rules = await data_of(
        database, world.admin, "{ incomingCallRules { name phoneNumber { id user { email } } } }"
    )
    spare = {"id": world.gid(world.spare), "user": {"email": "cai.chen@acme.example"}}
    assert rules["incomingCallRules"] == [
        {"name": "Main line", "phoneNumber": {"id": world.gid(world.main), "user": {"email": "ben.bell@acme.example"}}},
        {"name": "Sales desk", "phoneNumber": spare},
        {"name": "After hours", "phoneNumber": spare},
    ]  # fmt: skip
    assert [entry["changes"] for entry in await audit_entries(database)] == [
        [{"field": "user", "before": None, "after": world.gid(world.cai)}]
    ]
    assert (await audit_entries(database))[0]["target_id"] == world.spare.id


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "0312345678",  # no country code
        "81312345678",  # no leading +
        "+81 1",  # too short
        "+81 3 1234 5678 9999 99",  # longer than E.164
        "+999 1234 5678",  # no such country code
        "+1 800 FLOWERS",  # letters
        "+81 3 1234 5678 ext. 9",  # an extension
        "++81312345678",
        "+" + "1" * 80,
    ],
)
async def test_an_impossible_number_is_invalid_input_and_writes_nothing(database, typed):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.admin, ASSIGN, _assign(world.gid(world.cai), typed))
    assert data["assignPhoneNumber"] == {
        "phoneNumber": None,
        "userErrors": [{
            "code": "INVALID_INPUT",
            "field": ["input", "number"],
            "message": "Give a whole number with its country code, e.g. +81 3-1234-5678.",
        }],
    }  # fmt: skip
    assert await written(database) == before


async def test_another_tenants_user_is_not_found_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    cases = [
        (world.admin, world.gid(world.gus)),
        (world.foreign_admin, world.gid(world.cai)),
        (world.admin, "nonsense"),
        (world.admin, world.gid(world.main)),  # a PhoneNumber's id is no User's
    ]
    for caller, user_id in cases:
        data = await data_of(database, caller, ASSIGN, _assign(user_id, "+81312345678"))
        assert data["assignPhoneNumber"] == {
            "phoneNumber": None,
            "userErrors": [
                {
                    "code": "NOT_FOUND",
                    "field": ["input", "userId"],
                    "message": "No user with this id.",
                }
            ],
        }
    assert await written(database) == before


async def test_a_number_of_another_tenant_is_free_in_this_one(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, ASSIGN, _assign(world.gid(world.cai), "+81312340009")
    )
    assert data["assignPhoneNumber"]["phoneNumber"]["user"]["email"] == "cai.chen@acme.example"
    assert data["assignPhoneNumber"]["userErrors"] == []


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(
        database, world.member, ASSIGN, _assign(world.gid(world.cai), "+81312345678")
    )
    assert data["assignPhoneNumber"] == {
        "phoneNumber": None,
        "userErrors": [
            {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
        ],
    }
    assert await written(database) == before


async def test_a_number_added_meanwhile_by_another_request_is_already_exists(database, monkeypatch):
    """The unique (tenant, number) constraint decides a race the read did not see."""
    world = await build_lines_world(database)

    async def sees_nothing(*args, **kwargs):
        return None  # as if the other request's number was committed after our read

    monkeypatch.setattr("resolvers.phone_numbers.assign.lock_number", sees_nothing)
    before = await written(database)
    data = await data_of(
        database, world.admin, ASSIGN, _assign(world.gid(world.cai), "+81312340001")
    )
    assert data["assignPhoneNumber"]["userErrors"] == [{
        "code": "ALREADY_EXISTS",
        "field": ["input", "number"],
        "message": "Another user of the tenant holds this number; unassign it from them first.",
    }]  # fmt: skip
    assert await written(database) == before
