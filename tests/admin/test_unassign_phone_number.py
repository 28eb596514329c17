"""unassignPhoneNumber: the number stays in the tenant, unassigned, with its call rules."""

from tests.admin.lines_world import build_lines_world, written
from tests.audit_rows import audit_entries
from tests.graphql import data_of

UNASSIGN = """mutation($id: ID!) { unassignPhoneNumber(input: {phoneNumberId: $id}) {
  phoneNumber { id number user { email } } userErrors { code field message } } }"""
ASSIGN = """mutation($user: ID!, $number: String!) {
  assignPhoneNumber(input: {userId: $user, number: $number}) {
  phoneNumber { id user { email } } userErrors { code field } } }"""
RULES = "{ incomingCallRules { name phoneNumber { id number user { email } } } }"


async def test_the_number_loses_its_user_and_keeps_its_rules_and_is_audited(database):
    world = await build_lines_world(database)
    data = await data_of(database, world.admin, UNASSIGN, {"id": world.gid(world.main)})
    assert data["unassignPhoneNumber"] == {
        "phoneNumber": {"id": world.gid(world.main), "number": "+81312340001", "user": None},
        "userErrors": [],
    }
    rules = await data_of(database, world.admin, RULES)
    main = {"id": world.gid(world.main), "number": "+81312340001", "user": None}
    assert rules["incomingCallRules"][0] == {"name": "Main line", "phoneNumber": main}
    ben = await data_of(
        database, world.admin, "query($id: ID!) { user(id: $id) { phoneNumbers { number } } }",
        {"id": world.gid(world.ben)},
    )  # fmt: skip
    assert ben == {"user": {"phoneNumbers": []}}
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "PHONE_NUMBER_UNASSIGNED",
            "target_type": "PhoneNumber",
            "target_id": world.main.id,
            "target_user_id": world.ben.id,
            "changes": [{"field": "user", "before": world.gid(world.ben), "after": None}],
        }
    ]


async def test_an_unassigned_number_is_answered_unchanged_without_an_audit_entry(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.admin, UNASSIGN, {"id": world.gid(world.spare)})
    assert data["unassignPhoneNumber"] == {
        "phoneNumber": {"id": world.gid(world.spare), "number": "+81312340002", "user": None},
        "userErrors": [],
    }
    assert await written(database) == before


async def test_given_to_someone_else_it_keeps_its_id_and_its_rules(database):
    world = await build_lines_world(database)
    await data_of(database, world.admin, UNASSIGN, {"id": world.gid(world.main)})
    data = await data_of(
        database, world.admin, ASSIGN, {"user": world.gid(world.cai), "number": "+81312340001"}
    )
    assert data["assignPhoneNumber"] == {
        "phoneNumber": {"id": world.gid(world.main), "user": {"email": "cai.chen@acme.example"}},
        "userErrors": [],
    }
    rules = await data_of(database, world.admin, RULES)
    assert rules["incomingCallRules"][0]["phoneNumber"]["user"] == {
        "email": "cai.chen@acme.example"
    }
    assert [entry["action"] for entry in await audit_entries(database)] == [
        "PHONE_NUMBER_UNASSIGNED",
        "PHONE_NUMBER_ASSIGNED",
    ]


async def test_another_tenants_number_is_not_found_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    for caller, number_id in [
        (world.admin, world.gid(world.gus_number)),
        (world.foreign_admin, world.gid(world.main)),
        (world.admin, "nonsense"),
        (world.admin, world.gid(world.ben)),
    ]:
        data = await data_of(database, caller, UNASSIGN, {"id": number_id})
        assert data["unassignPhoneNumber"] == {
            "phoneNumber": None,
            "userErrors": [{
                "code": "NOT_FOUND",
                "field": ["input", "phoneNumberId"],
                "message": "No phone number with this id.",
            }],
        }  # fmt: skip
    assert await written(database) == before


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.member, UNASSIGN, {"id": world.gid(world.main)})
    assert data["unassignPhoneNumber"] == {
        "phoneNumber": None,
        "userErrors": [
            {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
        ],
    }
    assert await written(database) == before
