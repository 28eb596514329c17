"""updateIncomingCallRule: what is given changes, what is not stays; audited field by field."""

from tests.admin.lines_world import LinesWorld, build_lines_world, written
from tests.audit_rows import audit_entries
from tests.graphql import data_of

UPDATE = """mutation($input: UpdateIncomingCallRuleInput!) { updateIncomingCallRule(input: $input) {
  incomingCallRule { id name action receivable phoneNumber { number } targetUser { email }
    targetGroup { name } }
  userErrors { code field message } } }"""
DEACTIVATE = "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { userErrors { code } } }"


def _update(world: LinesWorld, rule: object, **fields: object) -> dict:
    return {"input": {"ruleId": world.gid(rule), **fields}}


def _refused(code: str, field: list[str], message: str) -> dict:
    return {
        "incomingCallRule": None,
        "userErrors": [{"code": code, "field": field, "message": message}],
    }


def _entry(world: LinesWorld, rule: object, target_user: object, changes: list) -> dict:
    return {
        "tenant_id": world.acme.id,
        "actor_kind": "USER",
        "actor_id": world.ada.id,
        "action": "INCOMING_CALL_RULE_UPDATED",
        "target_type": "IncomingCallRule",
        "target_id": rule.id,  # type: ignore[attr-defined]
        "target_user_id": target_user.id if target_user is not None else None,  # type: ignore[attr-defined]
        "changes": changes,
    }


async def test_a_new_name_alone_changes_only_the_name(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, UPDATE, _update(world, world.main_line, name=" Front desk ")
    )
    assert data["updateIncomingCallRule"] == {
        "incomingCallRule": {
            "id": world.gid(world.main_line), "name": "Front desk", "action": "CALL_SPECIFIC_USER",
            "receivable": True, "phoneNumber": {"number": "+81312340001"},
            "targetUser": {"email": "ben.bell@acme.example"}, "targetGroup": None,
        },
        "userErrors": [],
    }  # fmt: skip
    assert await audit_entries(database) == [
        _entry(world, world.main_line, world.ben, [
            {"field": "name", "before": "Main line", "after": "Front desk"},
        ])
    ]  # fmt: skip


async def test_a_new_target_user_of_the_same_action(database):
    world = await build_lines_world(database)
    data = await data_of(
        database, world.admin, UPDATE,
        _update(world, world.main_line, action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.cai)),
    )  # fmt: skip
    assert data["updateIncomingCallRule"]["incomingCallRule"]["targetUser"] == {
        "email": "cai.chen@acme.example"
    }
    assert await audit_entries(database) == [
        _entry(world, world.main_line, world.cai, [
            {"field": "targetUser", "before": world.gid(world.ben), "after": world.gid(world.cai)},
        ])
    ]  # fmt: skip


async def test_nothing_different_writes_nothing_and_audits_nothing(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(
        database, world.admin, UPDATE,
        _update(world, world.main_line, name="Main line", action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.ben)),
    )  # fmt: skip
    assert data["updateIncomingCallRule"]["incomingCallRule"]["name"] == "Main line"
    assert data["updateIncomingCallRule"]["userErrors"] == []
    empty = await data_of(database, world.admin, UPDATE, _update(world, world.sales_line))
    assert empty["updateIncomingCallRule"]["incomingCallRule"]["targetGroup"] == {"name": "Sales"}
    assert await written(database) == before


async def test_a_new_action_takes_its_target_and_clears_the_old_one(database):
    world = await build_lines_world(database)
    to_group = await data_of(
        database, world.admin, UPDATE,
        _update(world, world.main_line, action="CALL_GROUP", targetGroupId=world.gid(world.sales)),
    )  # fmt: skip
    rule = to_group["updateIncomingCallRule"]["incomingCallRule"]
    assert (rule["action"], rule["targetUser"], rule["targetGroup"]) == (
        "CALL_GROUP", None, {"name": "Sales"},
    )  # fmt: skip
    to_voicemail = await data_of(
        database, world.admin, UPDATE, _update(world, world.sales_line, action="VOICEMAIL")
    )
    rule = to_voicemail["updateIncomingCallRule"]["incomingCallRule"]
    assert (rule["action"], rule["targetUser"], rule["targetGroup"]) == ("VOICEMAIL", None, None)
    assert await audit_entries(database) == [
        _entry(world, world.main_line, world.ben, [
            {"field": "action", "before": "CALL_SPECIFIC_USER", "after": "CALL_GROUP"},
            {"field": "targetUser", "before": world.gid(world.ben), "after": None},
            {"field": "targetGroup", "before": None, "after": world.gid(world.sales)},
        ]),
        _entry(world, world.sales_line, None, [
            {"field": "action", "before": "CALL_GROUP", "after": "VOICEMAIL"},
            {"field": "targetGroup", "before": world.gid(world.sales), "after": None},
        ]),
    ]  # fmt: skip


async def test_targets_that_do_not_match_are_invalid_and_write_nothing(database):
    world = await build_lines_world(database)
    before = await written(database)
    cases = [
        (_update(world, world.voicemail, action="CALL_SPECIFIC_USER"), "action",
         "A CALL_SPECIFIC_USER rule needs targetUserId."),
        (_update(world, world.main_line, action="CALL_GROUP"), "action",
         "A CALL_GROUP rule needs targetGroupId."),
        (_update(world, world.sales_line, targetUserId=world.gid(world.cai)), "targetUserId",
         "A CALL_GROUP rule rings no specific user."),
        (_update(world, world.main_line, targetGroupId=world.gid(world.sales)), "targetGroupId",
         "A CALL_SPECIFIC_USER rule rings no group."),
        (_update(world, world.main_line, action="VOICEMAIL", targetUserId=world.gid(world.ben)),
         "targetUserId", "A VOICEMAIL rule rings no specific user."),
        (_update(world, world.main_line, name=" "), "name", "A rule's name has 1 to 200 characters."),
    ]  # fmt: skip
    for variables, field, message in cases:
        data = await data_of(database, world.admin, UPDATE, variables)
        assert data["updateIncomingCallRule"] == _refused(
            "INVALID_INPUT", ["input", field], message
        )
    assert await written(database) == before


async def test_pointing_a_rule_at_a_deactivated_user_is_user_deactivated(database):
    world = await build_lines_world(database)
    before = await written(database)
    for variables in [
        _update(world, world.main_line, targetUserId=world.gid(world.dee)),
        _update(world, world.voicemail, action="CALL_SPECIFIC_USER", targetUserId=world.gid(world.dee)),
    ]:  # fmt: skip
        data = await data_of(database, world.admin, UPDATE, variables)
        assert data["updateIncomingCallRule"] == _refused(
            "USER_DEACTIVATED",
            ["input", "targetUserId"],
            "A deactivated user cannot receive calls; ring an active user.",
        )
    assert await written(database) == before


async def test_a_rule_ringing_a_deactivated_user_may_be_renamed_or_repointed(database):
    world = await build_lines_world(database)
    await data_of(database, world.admin, DEACTIVATE, {"id": world.gid(world.ben)})
    renamed = await data_of(
        database, world.admin, UPDATE,
        _update(world, world.main_line, name="Ben's old line", targetUserId=world.gid(world.ben)),
    )  # fmt: skip
    rule = renamed["updateIncomingCallRule"]["incomingCallRule"]
    assert (rule["name"], rule["receivable"], renamed["updateIncomingCallRule"]["userErrors"]) == (
        "Ben's old line", False, [],
    )  # fmt: skip
    repointed = await data_of(
        database, world.admin, UPDATE,
        _update(world, world.main_line, targetUserId=world.gid(world.cai)),
    )  # fmt: skip
    assert repointed["updateIncomingCallRule"]["incomingCallRule"]["receivable"] is True


async def test_another_tenants_rule_or_target_is_not_found_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    cases = [
        (world.admin, _update(world, world.gus_rule, name="Mine"), "ruleId",
         "No incoming call rule with this id."),
        (world.foreign_admin, _update(world, world.main_line, name="Mine"), "ruleId",
         "No incoming call rule with this id."),
        (world.admin, {"input": {"ruleId": "nonsense", "name": "x"}}, "ruleId",
         "No incoming call rule with this id."),
        (world.admin, _update(world, world.main_line, targetUserId=world.gid(world.gus)),
         "targetUserId", "No user with this id."),
        (world.admin, _update(world, world.sales_line, targetGroupId=world.gid(world.gus_group)),
         "targetGroupId", "No user group with this id."),
    ]  # fmt: skip
    for caller, variables, field, message in cases:
        data = await data_of(database, caller, UPDATE, variables)
        assert data["updateIncomingCallRule"] == _refused("NOT_FOUND", ["input", field], message)
    assert await written(database) == before


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.member, UPDATE, _update(world, world.main_line, name="x"))
    assert data["updateIncomingCallRule"] == _refused(
        "FORBIDDEN", ["input"], "Only an admin may do this."
    )
    assert await written(database) == before
