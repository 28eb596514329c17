"""deactivateUser: every effect in one transaction, the preview, the repeat."""

from sqlalchemy import func, select

from db.models import UserStatusEvent, VideoIntegration
from tests.admin.world import build_world
from tests.graphql import data_of

PAYLOAD = """
  changed dryRun
  user { displayName status active deactivatedAt inAvailableUserList canLogIn(product: PHONE) }
  removedVideoIntegrations { id provider accountEmail connectedAt }
  affectedIncomingCallRules { id name action receivable targetUser { displayName } }
  userErrors { code message field }
"""
DEACTIVATE = (
    f"mutation($input: DeactivateUserInput!) {{ deactivateUser(input: $input) {{ {PAYLOAD} }} }}"
)
ACTIVATE = f"mutation($input: ActivateUserInput!) {{ activateUser(input: $input) {{ {PAYLOAD} }} }}"


async def _count(database, model, **where) -> int:
    table = model.__table__
    statement = select(func.count()).select_from(table)
    for column, value in where.items():
        statement = statement.where(table.c[column] == value)
    async with database.session() as session:
        return int(await session.scalar(statement))


async def test_deactivation_does_every_effect_and_the_dry_run_previews_it_exactly(database):
    world = await build_world(database)
    ben = world.gid(world.ben)

    preview = await data_of(
        database, world.admin, DEACTIVATE, {"input": {"userId": ben, "dryRun": True}}
    )
    assert await _count(database, VideoIntegration, user_id=world.ben.id) == 2
    assert await _count(database, UserStatusEvent) == 0

    real = await data_of(database, world.admin, DEACTIVATE, {"input": {"userId": ben}})

    expected_integrations = [
        {
            "id": world.gid(world.zoom),
            "provider": "ZOOM",
            "accountEmail": "ben.bell@acme.example",
            "connectedAt": "2026-01-05T09:00:00+00:00",
        },
        {
            "id": world.gid(world.teams),
            "provider": "MICROSOFT_TEAMS",
            "accountEmail": "ben.bell@acme.example",
            "connectedAt": "2026-01-05T09:00:00+00:00",
        },
    ]
    expected_rules = [
        {
            "id": world.gid(world.main_line),
            "name": "Main line",
            "action": "CALL_SPECIFIC_USER",
            "receivable": False,
            "targetUser": {"displayName": "Ben Bell"},
        },
        {
            "id": world.gid(world.support_line),
            "name": "Support",
            "action": "CALL_SPECIFIC_USER",
            "receivable": False,
            "targetUser": {"displayName": "Ben Bell"},
        },
    ]
    payload = real["deactivateUser"]
    deactivated_at = payload["user"].pop("deactivatedAt")
    assert deactivated_at is not None
    assert payload == {
        "changed": True,
        "dryRun": False,
        "user": {
            "displayName": "Ben Bell",
            "status": "DEACTIVATED",
            "active": False,
            "inAvailableUserList": False,
            "canLogIn": False,
        },
        "removedVideoIntegrations": expected_integrations,
        "affectedIncomingCallRules": expected_rules,
        "userErrors": [],
    }
    preview_payload = preview["deactivateUser"]
    assert preview_payload["user"].pop("deactivatedAt") is not None
    assert preview_payload["dryRun"] is True
    assert {**preview_payload, "dryRun": False} == payload

    assert await _count(database, VideoIntegration, user_id=world.ben.id) == 0
    assert await _count(database, VideoIntegration, user_id=world.cai.id) == 1

    history = await data_of(
        database,
        world.admin,
        """query($id: ID!) { user(id: $id) { phoneNumbers { number } groups { name }
             statusHistory { action actor { displayName } user { displayName }
               removedVideoIntegrations { provider } } } }""",
        {"id": ben},
    )
    assert history == {
        "user": {
            "phoneNumbers": [{"number": "+81312340001"}],
            "groups": [{"name": "Sales"}],
            "statusHistory": [
                {
                    "action": "DEACTIVATED",
                    "actor": {"displayName": "Ada Admin"},
                    "user": {"displayName": "Ben Bell"},
                    "removedVideoIntegrations": [
                        {"provider": "ZOOM"},
                        {"provider": "MICROSOFT_TEAMS"},
                    ],
                }
            ],
        }
    }


async def test_a_repeat_changes_nothing_and_writes_no_event(database):
    world = await build_world(database)
    dee = world.gid(world.dee)
    data = await data_of(database, world.admin, DEACTIVATE, {"input": {"userId": dee}})
    assert data["deactivateUser"]["changed"] is False
    assert data["deactivateUser"]["removedVideoIntegrations"] == []
    assert data["deactivateUser"]["affectedIncomingCallRules"] == []
    assert data["deactivateUser"]["userErrors"] == []
    assert await _count(database, UserStatusEvent) == 0

    ben = world.gid(world.ben)
    await data_of(database, world.admin, DEACTIVATE, {"input": {"userId": ben}})
    again = await data_of(database, world.admin, DEACTIVATE, {"input": {"userId": ben}})
    assert again["deactivateUser"]["changed"] is False
    assert await _count(database, UserStatusEvent) == 1


async def test_activation_resumes_rules_but_does_not_bring_integrations_back(database):
    world = await build_world(database)
    ben = world.gid(world.ben)
    await data_of(database, world.admin, DEACTIVATE, {"input": {"userId": ben}})
    data = await data_of(database, world.admin, ACTIVATE, {"input": {"userId": ben}})
    payload = data["activateUser"]
    assert payload["changed"] is True
    assert payload["user"] == {
        "displayName": "Ben Bell",
        "status": "ACTIVE",
        "active": True,
        "deactivatedAt": None,
        "inAvailableUserList": True,
        "canLogIn": True,
    }
    assert payload["removedVideoIntegrations"] == []
    assert [(r["name"], r["receivable"]) for r in payload["affectedIncomingCallRules"]] == [
        ("Main line", True),
        ("Support", True),
    ]
    assert await _count(database, VideoIntegration, user_id=world.ben.id) == 0
    events = await data_of(
        database,
        world.admin,
        "query($id: ID!) { user(id: $id) { statusHistory { action } } }",
        {"id": ben},
    )
    assert events == {
        "user": {"statusHistory": [{"action": "ACTIVATED"}, {"action": "DEACTIVATED"}]}
    }


async def test_reassigning_moves_the_rules_in_the_same_transaction(database):
    world = await build_world(database)
    data = await data_of(
        database,
        world.admin,
        DEACTIVATE,
        {
            "input": {
                "userId": world.gid(world.ben),
                "reassignIncomingCallRulesTo": world.gid(world.cai),
            }
        },
    )
    rules = data["deactivateUser"]["affectedIncomingCallRules"]
    assert [(r["name"], r["receivable"], r["targetUser"]) for r in rules] == [
        ("Main line", True, {"displayName": "Cai Chen"}),
        ("Support", True, {"displayName": "Cai Chen"}),
    ]
    listing = await data_of(
        database, world.admin, "{ incomingCallRules(receivable: false) { name } }"
    )
    assert listing == {"incomingCallRules": []}


PREVIEW_THEN_WRITE = """mutation($id: ID!) {
  preview: deactivateUser(input: {userId: $id, dryRun: true}) {
    changed user { status videoIntegrations { provider } statusHistory { action } } }
  real: deactivateUser(input: {userId: $id}) {
    changed user { status videoIntegrations { provider } statusHistory { action } } }
  again: deactivateUser(input: {userId: $id, dryRun: true}) { changed } }"""


async def test_a_preview_then_the_write_in_one_operation_each_answer_as_alone(database):
    """The preview's open transaction is rolled back before the write that follows it."""
    world = await build_world(database)
    data = await data_of(database, world.admin, PREVIEW_THEN_WRITE, {"id": world.gid(world.ben)})
    deactivated = {
        "changed": True,
        "user": {
            "status": "DEACTIVATED",
            "videoIntegrations": [],
            "statusHistory": [{"action": "DEACTIVATED"}],
        },
    }
    assert data == {"preview": deactivated, "real": deactivated, "again": {"changed": False}}
    assert await _count(database, UserStatusEvent) == 1
    assert await _count(database, VideoIntegration, user_id=world.ben.id) == 0
    assert database.engine.pool.checkedout() == 0
