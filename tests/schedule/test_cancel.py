"""cancelScheduledStatusChange: only a PENDING change; a cancelled change never runs."""

from datetime import timedelta

from db.enums import ScheduledChangeState
from resolvers.ids import to_global_id
from resolvers.schedule.run import RunOutcome, run_due_changes
from tests.graphql import data_of
from tests.schedule.helpers import NOW, audit, build_schedule_world, changes, events, queue_row

CANCEL = """mutation($input: CancelScheduledStatusChangeInput!) {
  cancelScheduledStatusChange(input: $input) {
    scheduledStatusChange { id state ranAt user { displayName } }
    userErrors { code message field } } }"""


def _gid(row) -> str:
    return to_global_id("ScheduledStatusChange", row.id)


async def _cancel(database, caller, change_id):
    data = await data_of(database, caller, CANCEL, {"input": {"id": change_id}})
    return data["cancelScheduledStatusChange"]


async def test_a_cancelled_change_never_runs_and_the_cancellation_is_audited(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW + timedelta(minutes=1))
    payload = await _cancel(database, world.admin, _gid(row))
    assert payload == {
        "scheduledStatusChange": {
            "id": _gid(row),
            "state": "CANCELLED",
            "ranAt": None,
            "user": {"displayName": "Ben Bell"},
        },
        "userErrors": [],
    }
    assert await audit(database) == [
        {
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "SCHEDULED_STATUS_CHANGE_CANCELLED",
            "target_type": "ScheduledStatusChange",
            "target_id": row.id,
            "target_user_id": world.ben.id,
            "changes": [{"field": "state", "before": "PENDING", "after": "CANCELLED"}],
        }
    ]
    assert await run_due_changes(database, now=NOW + timedelta(hours=1)) == []
    (stored,) = await changes(database)
    assert (stored.state, stored.ran_at, stored.changed) == ("CANCELLED", None, None)
    assert await events(database) == []


async def test_only_a_pending_change_can_be_cancelled(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW)
    assert await run_due_changes(database, now=NOW) == [
        RunOutcome(row.id, ScheduledChangeState.DONE)
    ]
    before = await audit(database)
    payload = await _cancel(database, world.admin, _gid(row))
    assert payload == {
        "scheduledStatusChange": None,
        "userErrors": [
            {
                "code": "INVALID_INPUT",
                "message": "Only a PENDING change can be cancelled; this one is DONE.",
                "field": ["input", "id"],
            }
        ],
    }
    assert await audit(database) == before
    cancelled = await queue_row(database, world.admin, world.cai, at=NOW + timedelta(days=1))
    assert (await _cancel(database, world.admin, _gid(cancelled)))["userErrors"] == []
    again = await _cancel(database, world.admin, _gid(cancelled))
    assert [e["message"] for e in again["userErrors"]] == [
        "Only a PENDING change can be cancelled; this one is CANCELLED."
    ]


async def test_a_member_is_refused_and_another_tenants_change_is_not_found(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW + timedelta(minutes=1))
    member = await _cancel(database, world.member, _gid(row))
    assert member == {
        "scheduledStatusChange": None,
        "userErrors": [
            {"code": "FORBIDDEN", "message": "Only an admin may do this.", "field": ["input"]}
        ],
    }
    globex_admin = world.admin.__class__(
        user_id=world.globex_user.id,
        tenant_id=world.globex_user.tenant_id,
        role=world.admin.role,
        status=world.admin.status,
        time_zone="Asia/Tokyo",
    )
    for caller, change_id in [
        (globex_admin, _gid(row)),
        (world.admin, "nonsense"),
        (world.admin, to_global_id("User", row.id)),
    ]:
        payload = await _cancel(database, caller, change_id)
        assert payload == {
            "scheduledStatusChange": None,
            "userErrors": [
                {
                    "code": "NOT_FOUND",
                    "message": "No scheduled status change with this id.",
                    "field": ["input", "id"],
                }
            ],
        }
    (stored,) = await changes(database)
    assert stored.state == "PENDING"
    assert await audit(database) == []
