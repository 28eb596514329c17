"""Serial mutations through both executors, each on a world of its own: the same
answers, field by field and mutation after mutation, and the same world afterwards."""

from typing import Any

from db.engine import Database
from tests.graphql import execute
from tests.schemas.oracle.compare import answer
from tests.schemas.oracle.world import build_oracle_world

STATUS = """changed dryRun user { displayName status active videoIntegrations { provider } }
  removedVideoIntegrations { provider }
  affectedIncomingCallRules { name receivable targetUser { displayName status } }
  userErrors { code field message }"""
MUTATIONS = f"""mutation($ada: ID!, $ben: ID!, $cai: ID!, $call: ID!, $dryRun: Boolean = true) {{
  preview: deactivateUser(input: {{userId: $ben, dryRun: $dryRun}}) {{ {STATUS} }}
  deactivate: deactivateUser(input: {{userId: $ben}}) {{ {STATUS} }}
  again: deactivateUser(input: {{userId: $ben}}) {{ {STATUS} }}
  self: deactivateUser(input: {{userId: $ada}}) {{ {STATUS} }}
  rename: updateUser(input: {{userId: $cai, displayName: "Cai C."}}) {{
    user {{ displayName }} statusChange {{ changed }} userErrors {{ code field }} }}
  refused: addComment(input: {{callId: $call, body: "Away?", mentionUserIds: [$ben]}}) {{
    comment {{ body }} userErrors {{ code field }} }}
  activate: activateUser(input: {{userId: $ben}}) {{ {STATUS} }}
  comment: addComment(input: {{callId: $call, body: "Back soon", mentionUserIds: [$cai, $ben]}}) {{
    comment {{ body author {{ displayName }} mentions {{ displayName }} }} userErrors {{ code field }} }}
  bulk: deactivateUsers(input: {{userIds: [$cai, $cai]}}) {{
    results {{ {STATUS} }} userErrors {{ code field }} }}
}}"""
STATE = """{
  users(first: 100) { edges { node { displayName status active videoIntegrations { provider } } } }
  incomingCallRules { name receivable targetUser { displayName } }
  comments(callId: "%s") { body mentions { displayName } }
}"""


async def _run(database: Database, *, planned_execution: bool) -> tuple[Any, Any]:
    world = await build_oracle_world(database)
    rows = world.rows
    variables = {
        "ada": world.gid(rows.ada), "ben": world.gid(rows.ben), "cai": world.gid(rows.cai),
        "call": world.gid(rows.call),
    }  # fmt: skip
    result = await execute(
        database, world.admin, MUTATIONS, variables, planned_execution=planned_execution
    )
    state = await execute(database, world.admin, STATE % variables["call"])
    return answer(result), answer(state)


async def test_serial_mutations_answer_the_same_and_leave_the_same_world(database, twin_database):
    stock, stock_state = await _run(database, planned_execution=False)
    planned, planned_state = await _run(twin_database, planned_execution=True)
    assert planned == stock
    assert planned_state == stock_state
    data = planned["data"]
    assert planned["errors"] == []
    # Run one after the other, in document order: each sees what the one before did.
    assert [data[key]["changed"] for key in ("preview", "deactivate", "again", "activate")] == [
        True, True, False, True,
    ]  # fmt: skip
    assert data["deactivate"]["user"]["status"] == "DEACTIVATED"
    assert data["activate"]["user"]["status"] == "ACTIVE"
    assert [e["code"] for e in data["self"]["userErrors"]] == ["CANNOT_DEACTIVATE_SELF"]
    assert data["rename"]["user"] == {"displayName": "Cai C."}
    # A deactivated user cannot be mentioned; once active again, they can.
    assert data["refused"] == {
        "comment": None,
        "userErrors": [{"code": "USER_DEACTIVATED", "field": ["input", "mentionUserIds", "0"]}],
    }
    assert data["comment"]["comment"] == {
        "body": "Back soon",
        "author": {"displayName": "Ada Admin"},
        "mentions": [{"displayName": "Ben Bell"}, {"displayName": "Cai C."}],
    }
    assert [r["user"]["status"] for r in data["bulk"]["results"]] == ["DEACTIVATED"] * 2
    names = {
        e["node"]["displayName"]: e["node"]["status"]
        for e in planned_state["data"]["users"]["edges"]
    }
    assert names == {
        "Ada Admin": "ACTIVE", "Ben Bell": "ACTIVE", "Cai C.": "DEACTIVATED", "Dee Dunn": "DEACTIVATED",
    }  # fmt: skip
