"""deleteIncomingCallRule: the rule goes; the audit log keeps what it was."""

from tests.admin.lines_world import build_lines_world, written
from tests.audit_rows import audit_entries
from tests.graphql import data_of

DELETE = """mutation($id: ID!) { deleteIncomingCallRule(input: {ruleId: $id}) {
  deletedRuleId userErrors { code field message } } }"""
RULES = "{ incomingCallRules { name } }"


async def test_the_rule_is_deleted_and_its_fields_are_audited(database):
    world = await build_lines_world(database)
    data = await data_of(database, world.admin, DELETE, {"id": world.gid(world.main_line)})
    assert data["deleteIncomingCallRule"] == {
        "deletedRuleId": world.gid(world.main_line),
        "userErrors": [],
    }
    rules = await data_of(database, world.admin, RULES)
    assert rules == {"incomingCallRules": [{"name": "Sales desk"}, {"name": "After hours"}]}
    node = await data_of(
        database, world.admin, "query($id: ID!) { node(id: $id) { id } }",
        {"id": world.gid(world.main_line)},
    )  # fmt: skip
    assert node == {"node": None}
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "INCOMING_CALL_RULE_DELETED",
            "target_type": "IncomingCallRule",
            "target_id": world.main_line.id,
            "target_user_id": world.ben.id,
            "changes": [
                {"field": "name", "before": "Main line", "after": None},
                {"field": "phoneNumber", "before": world.gid(world.main), "after": None},
                {"field": "action", "before": "CALL_SPECIFIC_USER", "after": None},
                {"field": "targetUser", "before": world.gid(world.ben), "after": None},
                {"field": "targetGroup", "before": None, "after": None},
            ],
        }
    ]


async def test_a_deleted_or_another_tenants_rule_is_not_found_and_nothing_is_written(database):
    world = await build_lines_world(database)
    await data_of(database, world.admin, DELETE, {"id": world.gid(world.voicemail)})
    before = await written(database)
    for caller, rule_id in [
        (world.admin, world.gid(world.voicemail)),
        (world.admin, world.gid(world.gus_rule)),
        (world.foreign_admin, world.gid(world.main_line)),
        (world.admin, "nonsense"),
        (world.admin, world.gid(world.main)),
    ]:
        data = await data_of(database, caller, DELETE, {"id": rule_id})
        assert data["deleteIncomingCallRule"] == {
            "deletedRuleId": None,
            "userErrors": [{
                "code": "NOT_FOUND",
                "field": ["input", "ruleId"],
                "message": "No incoming call rule with this id.",
            }],
        }  # fmt: skip
    assert await written(database) == before


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_lines_world(database)
    before = await written(database)
    data = await data_of(database, world.member, DELETE, {"id": world.gid(world.main_line)})
    assert data["deleteIncomingCallRule"] == {
        "deletedRuleId": None,
        "userErrors": [
            {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
        ],
    }
    assert await written(database) == before
