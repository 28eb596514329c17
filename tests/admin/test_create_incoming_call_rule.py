"""createIncomingCallRule: a rule whose target matches its action, never a deactivated user."""

import pytest

from tests.admin.lines_world import LinesWorld, build_lines_world, written
from tests.audit_rows import audit_entries
from tests.graphql import data_of

CREATE = """mutation($input: CreateIncomingCallRuleInput!) { createIncomingCallRule(input: $input) {
  incomingCallRule { id name action receivable phoneNumber { number } targetUser { email }
    targetGroup { name } }
  userErrors { code field message } } }"""
DEACTIVATE = """mutation($id: ID!) { deactivateUser(input: {userId: $id}) {
  affectedIncomingCallRules { id name receivable } userErrors { code } } }"""


def _rule(world: LinesWorld, **fields: object) -> dict:
    return {"input": {"name": "New line", "phoneNumberId": world.gid(world.spare), **fields}}


def _refused(code: str, field: list[str], message: str) -> dict:
    return {
        "incomingCallRule": None,
        "userErrors": [{"code": code, "field": field, "message": message}],
    }


async def test_a_rule_ringing_a_user_is_created_and_audited(database):
    world = await build_lines_world(database)
    variables = _rule(
        world, name="  Cai's line ", action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.cai)
    )
    data = await data_of(database, world.admin, CREATE, variables)
    payload = data["createIncomingCallRule"]
    rule_id = payload["incomingCallRule"]["id"]
    assert payload == {
        "incomingCallRule": {
            "id": rule_id,
            "name": "Cai's line",
            "action": "CALL_SPECIFIC_USER",
            "receivable": True,
            "phoneNumber": {"number": "+81312340002"},
            "targetUser": {"email": "cai.chen@acme.example"},
            "targetGroup": None,
        },
        "userErrors": [],
    }
    pk = (await written(database))["rules"][-1][0]
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "INCOMING_CALL_RULE_CREATED",
            "target_type": "IncomingCallRule",
            "target_id": pk,
            "target_user_id": world.cai.id,
            "changes": [
                {"field": "name", "before": None, "after": "Cai's line"},
                {"field": "phoneNumber", "before": None, "after": world.gid(world.spare)},
                {"field": "action", "before": None, "after": "CALL_SPECIFIC_USER"},
                {"field": "targetUser", "before": None, "after": world.gid(world.cai)},
                {"field": "targetGroup", "before": None, "after": None},
            ],
        }
    ]


async def test_group_and_voicemail_rules_on_an_assigned_number(database):
    world = await build_lines_world(database)
    group = await data_of(
        database, world.admin, CREATE,
        _rule(world, phoneNumberId=world.gid(world.main), action="CALL_GROUP", targetGroupId=world.gid(world.sales)),
    )  # fmt: skip
    voicemail = await data_of(database, world.admin, CREATE, _rule(world, action="VOICEMAIL"))
    assert [group["createIncomingCallRule"], voicemail["createIncomingCallRule"]] == [
        {
            "incomingCallRule": {
                "id": group["createIncomingCallRule"]["incomingCallRule"]["id"],
                "name": "New line", "action": "CALL_GROUP", "receivable": True,
                "phoneNumber": {"number": "+81312340001"}, "targetUser": None,
                "targetGroup": {"name": "Sales"},
            },
            "userErrors": [],
        },
        {
            "incomingCallRule": {
                "id": voicemail["createIncomingCallRule"]["incomingCallRule"]["id"],
                "name": "New line", "action": "VOICEMAIL", "receivable": True,
                "phoneNumber": {"number": "+81312340002"}, "targetUser": None, "targetGroup": None,
            },
            "userErrors": [],
        },
    ]  # fmt: skip
    entries = await audit_entries(database)
    assert [(entry["action"], entry["target_user_id"]) for entry in entries] == [
        ("INCOMING_CALL_RULE_CREATED", None),
        ("INCOMING_CALL_RULE_CREATED", None),
    ]
    assert entries[0]["changes"][-1] == {
        "field": "targetGroup", "before": None, "after": world.gid(world.sales),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("action", "targets", "field", "message"),
    [
        ("CALL_SPECIFIC_USER", {}, "action", "A CALL_SPECIFIC_USER rule needs targetUserId."),
        ("CALL_SPECIFIC_USER", {"user": "cai", "group": "sales"}, "targetGroupId", "A CALL_SPECIFIC_USER rule rings no group."),
        ("CALL_GROUP", {}, "action", "A CALL_GROUP rule needs targetGroupId."),
        ("CALL_GROUP", {"user": "cai", "group": "sales"}, "targetUserId", "A CALL_GROUP rule rings no specific user."),
        ("VOICEMAIL", {"user": "cai"}, "targetUserId", "A VOICEMAIL rule rings no specific user."),
        ("VOICEMAIL", {"group": "sales"}, "targetGroupId", "A VOICEMAIL rule rings no group."),
    ],
)  # fmt: skip
async def test_a_target_that_does_not_match_the_action_is_invalid(
    database, action, targets, field, message
):
    world = await build_lines_world(database)
    before = await written(database)
    given = {}
    if "user" in targets:
        given["targetUserId"] = world.gid(getattr(world, targets["user"]))
    if "group" in targets:
        given["targetGroupId"] = world.gid(getattr(world, targets["group"]))
    data = await data_of(database, world.admin, CREATE, _rule(world, action=action, **given))
    assert data["createIncomingCallRule"] == _refused("INVALID_INPUT", ["input", field], message)
    assert await written(database) == before


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
async def test_a_name_of_no_or_too_many_characters_is_invalid(database, name):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.admin, CREATE, _rule(world, name=name, action="VOICEMAIL"))
    assert data["createIncomingCallRule"] == _refused(
        "INVALID_INPUT", ["input", "name"], "A rule's name has 1 to 200 characters."
    )
    assert await written(database) == before


async def test_a_name_of_200_characters_is_kept_whole(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, CREATE, _rule(world, name=f" {'x' * 200} ", action="VOICEMAIL")
    )
    assert data["createIncomingCallRule"]["incomingCallRule"]["name"] == "x" * 200


async def test_a_deactivated_target_is_user_deactivated_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(
        database, world.admin, CREATE,
        _rule(world, action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.dee)),
    )  # fmt: skip
    assert data["createIncomingCallRule"] == _refused(
        "USER_DEACTIVATED",
        ["input", "targetUserId"],
        "A deactivated user cannot receive calls; ring an active user.",
    )
    assert await written(database) == before


async def test_another_tenants_number_user_or_group_is_not_found_on_its_field(database):
    world = await build_lines_world(database)
    before = await written(database)
    cases = [
        (
            _rule(world, phoneNumberId=world.gid(world.gus_number), action="VOICEMAIL"),
            "phoneNumberId",
            "No phone number with this id.",
        ),
        (
            _rule(world, phoneNumberId="nonsense", action="VOICEMAIL"),
            "phoneNumberId",
            "No phone number with this id.",
        ),
        (
            _rule(world, action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.gus)),
            "targetUserId",
            "No user with this id.",
        ),
        (
            _rule(world, action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.sales)),
            "targetUserId",
            "No user with this id.",
        ),
        (
            _rule(world, action="CALL_GROUP", targetGroupId=world.gid(world.gus_group)),
            "targetGroupId",
            "No user group with this id.",
        ),
    ]
    for variables, field, message in cases:
        data = await data_of(database, world.admin, CREATE, variables)
        assert data["createIncomingCallRule"] == _refused("NOT_FOUND", ["input", field], message)
    foreign = await data_of(database, world.foreign_admin, CREATE, _rule(world, action="VOICEMAIL"))
    assert foreign["createIncomingCallRule"] == _refused(
        "NOT_FOUND", ["input", "phoneNumberId"], "No phone number with this id."
    )
    assert await written(database) == before


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.member, CREATE, _rule(world, action="VOICEMAIL"))
    assert data["createIncomingCallRule"] == _refused(
        "FORBIDDEN", ["input"], "Only an admin may do this."
    )
    assert await written(database) == before


async def test_the_rule_stops_receiving_calls_when_its_user_is_deactivated(database):
    """The article's IMPORTANT note, on a rule made through the API."""
    world = await build_lines_world(database)
    created = await data_of(
        database, world.admin, CREATE,
        _rule(world, name="Cai's line", action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.cai)),
    )  # fmt: skip
    rule_id = created["createIncomingCallRule"]["incomingCallRule"]["id"]
    deactivated = await data_of(database, world.admin, DEACTIVATE, {"id": world.gid(world.cai)})
    assert deactivated["deactivateUser"] == {
        "affectedIncomingCallRules": [{"id": rule_id, "name": "Cai's line", "receivable": False}],
        "userErrors": [],
    }
    broken = await data_of(
        database, world.admin, "{ incomingCallRules(receivable: false) { id name receivable } }"
    )
    assert broken == {
        "incomingCallRules": [{"id": rule_id, "name": "Cai's line", "receivable": False}]
    }
