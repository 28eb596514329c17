"""scheduleUserStatusChange: a leave queued, checked now as far as now can tell, audited."""

from datetime import UTC, datetime, timedelta

from db.enums import UserStatusAction
from resolvers.ids import to_global_id
from tests.graphql import data_of
from tests.schedule.helpers import NOW, audit, build_schedule_world, changes, schedule

SCHEDULE = """mutation($input: ScheduleUserStatusChangeInput!) {
  scheduleUserStatusChange(input: $input) {
    scheduledStatusChange {
      action at state ranAt changed errorCode errorMessage statusEvent { id }
      user { displayName } createdBy { displayName } reassignIncomingCallRulesTo { displayName }
    }
    userErrors { code message field } } }"""
AT = "2099-01-05T09:00:00+09:00"


async def _schedule(database, caller, **input):
    data = await data_of(database, caller, SCHEDULE, {"input": input})
    return data["scheduleUserStatusChange"]


async def test_a_deactivation_is_queued_pending_with_its_audit_entry(database):
    world = await build_schedule_world(database)
    payload = await _schedule(
        database,
        world.admin,
        userId=world.gid(world.ben),
        action="DEACTIVATED",
        at=AT,
        reassignIncomingCallRulesTo=world.gid(world.cai),
    )
    assert payload == {
        "scheduledStatusChange": {
            "action": "DEACTIVATED",
            "at": "2099-01-05T00:00:00+00:00",
            "state": "PENDING",
            "ranAt": None,
            "changed": None,
            "errorCode": None,
            "errorMessage": None,
            "statusEvent": None,
            "user": {"displayName": "Ben Bell"},
            "createdBy": {"displayName": "Ada Admin"},
            "reassignIncomingCallRulesTo": {"displayName": "Cai Chen"},
        },
        "userErrors": [],
    }
    (row,) = await changes(database)
    assert (row.tenant_id, row.user_id, row.action, row.state, row.created_by_id) == (
        world.acme.id,
        world.ben.id,
        "DEACTIVATED",
        "PENDING",
        world.ada.id,
    )
    assert row.at == datetime(2099, 1, 5, tzinfo=UTC)
    assert row.reassign_rules_to_id == world.cai.id
    assert await audit(database) == [
        {
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "STATUS_CHANGE_SCHEDULED",
            "target_type": "ScheduledStatusChange",
            "target_id": row.id,
            "target_user_id": world.ben.id,
            "changes": [
                {"field": "action", "before": None, "after": "DEACTIVATED"},
                {"field": "at", "before": None, "after": "2099-01-05T00:00:00+00:00"},
                {
                    "field": "reassignIncomingCallRulesTo",
                    "before": None,
                    "after": to_global_id("User", world.cai.id),
                },
            ],
        }
    ]


async def test_a_return_is_queued_without_a_reassign_target(database):
    world = await build_schedule_world(database)
    payload = await _schedule(
        database, world.admin, userId=world.gid(world.dee), action="ACTIVATED", at=AT
    )
    assert payload["userErrors"] == []
    assert payload["scheduledStatusChange"]["action"] == "ACTIVATED"
    assert payload["scheduledStatusChange"]["reassignIncomingCallRulesTo"] is None
    (entry,) = await audit(database)
    assert entry["changes"] == [
        {"field": "action", "before": None, "after": "ACTIVATED"},
        {"field": "at", "before": None, "after": "2099-01-05T00:00:00+00:00"},
    ]


async def test_at_in_the_past_is_invalid_input_and_nothing_is_written(database):
    world = await build_schedule_world(database)
    payload = await _schedule(
        database,
        world.admin,
        userId=world.gid(world.ben),
        action="DEACTIVATED",
        at="2020-01-01T00:00:00Z",
    )
    assert payload == {
        "scheduledStatusChange": None,
        "userErrors": [
            {
                "code": "INVALID_INPUT",
                "message": "`at` must lie in the future.",
                "field": ["input", "at"],
            }
        ],
    }
    assert await changes(database) == []
    assert await audit(database) == []


async def test_the_clock_decides_what_the_past_is(database):
    world = await build_schedule_world(database)
    now = await schedule(database, world.admin, world.ben, at=NOW)
    assert [(e.code, e.field) for e in now.user_errors] == [("INVALID_INPUT", ("input", "at"))]
    later = await schedule(database, world.admin, world.ben, at=NOW + timedelta(microseconds=1))
    assert later.user_errors == []
    assert later.change is not None and later.change.created_at == NOW


async def test_a_member_is_refused_and_nothing_is_written(database):
    world = await build_schedule_world(database)
    payload = await _schedule(
        database, world.member, userId=world.gid(world.ben), action="DEACTIVATED", at=AT
    )
    assert payload == {
        "scheduledStatusChange": None,
        "userErrors": [
            {"code": "FORBIDDEN", "message": "Only an admin may do this.", "field": ["input"]}
        ],
    }
    assert await changes(database) == []
    assert await audit(database) == []


async def test_another_tenants_user_is_not_found_and_nothing_is_written(database):
    world = await build_schedule_world(database)
    for user_id, reassign in [
        (world.gid(world.globex_user), None),
        (world.gid(world.ben), world.gid(world.globex_user)),
    ]:
        input = {"userId": user_id, "action": "DEACTIVATED", "at": AT}
        if reassign is not None:
            input["reassignIncomingCallRulesTo"] = reassign
        payload = await _schedule(database, world.admin, **input)
        field = (
            ["input", "userId"] if reassign is None else ["input", "reassignIncomingCallRulesTo"]
        )
        assert payload == {
            "scheduledStatusChange": None,
            "userErrors": [
                {"code": "NOT_FOUND", "message": "No user with this id.", "field": field}
            ],
        }
    assert await changes(database) == []
    assert await audit(database) == []


async def test_every_refusal_of_the_input(database):
    world = await build_schedule_world(database)
    ben = world.gid(world.ben)
    cases = [
        ({"userId": "nonsense", "action": "DEACTIVATED"}, "NOT_FOUND", ["input", "userId"]),
        (
            {"userId": world.gid(world.ada), "action": "DEACTIVATED"},
            "CANNOT_DEACTIVATE_SELF",
            ["input", "userId"],
        ),
        (
            {"userId": ben, "action": "DEACTIVATED", "reassignIncomingCallRulesTo": ben},
            "INVALID_INPUT",
            ["input", "reassignIncomingCallRulesTo"],
        ),
        (
            {
                "userId": ben,
                "action": "ACTIVATED",
                "reassignIncomingCallRulesTo": world.gid(world.cai),
            },
            "INVALID_INPUT",
            ["input", "reassignIncomingCallRulesTo"],
        ),
        (
            {"userId": ben, "action": "DEACTIVATED", "reassignIncomingCallRulesTo": "nonsense"},
            "NOT_FOUND",
            ["input", "reassignIncomingCallRulesTo"],
        ),
    ]
    for input, code, field in cases:
        payload = await _schedule(database, world.admin, at=AT, **input)
        assert payload["scheduledStatusChange"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], input
    assert await changes(database) == []
    assert await audit(database) == []


async def test_a_reassign_target_deactivated_now_is_checked_when_the_change_runs(database):
    # Dee may be back by then: whether the target can take calls is the run's question.
    world = await build_schedule_world(database)
    result = await schedule(
        database, world.admin, world.ben, UserStatusAction.DEACTIVATED, reassign_to=world.dee
    )
    assert result.user_errors == []
