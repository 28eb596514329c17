"""run_due_changes: due changes run once, through the one status code path, as their creator."""

from datetime import timedelta

from db.enums import Role, ScheduledChangeState, UserStatus, UserStatusAction
from resolvers.ids import to_global_id
from resolvers.schedule.run import RunOutcome, run_due_changes
from tests.factories import caller_of, make_user
from tests.schedule.helpers import (
    NOW,
    audit,
    build_schedule_world,
    changes,
    events,
    queue_row,
    set_role,
    set_status,
    user_row,
)

DONE, FAILED = ScheduledChangeState.DONE, ScheduledChangeState.FAILED


async def test_a_due_deactivation_runs_once_with_every_effect_and_says_schedule(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW, reassign_to=world.cai)
    later = await queue_row(database, world.admin, world.cai, at=NOW + timedelta(seconds=1))
    assert await run_due_changes(database, now=NOW) == [RunOutcome(row.id, DONE)]
    assert await run_due_changes(database, now=NOW) == []
    (event,) = await events(database)
    assert (event.user_id, event.actor_id, event.action) == (
        world.ben.id,
        world.ada.id,
        "DEACTIVATED",
    )
    assert sorted(event.affected_incoming_call_rule_ids) == sorted(
        [int(world.main_line.id), int(world.support_line.id)]
    )
    stored, waiting = await changes(database)
    assert (stored.state, stored.ran_at, stored.changed, stored.status_event_id) == (
        "DONE",
        NOW,
        True,
        event.id,
    )
    assert (stored.error_code, stored.error_message) == (None, None)
    assert (waiting.id, waiting.state, waiting.ran_at) == (later.id, "PENDING", None)
    assert (await user_row(database, world.ben)).status == "DEACTIVATED"
    (entry,) = await audit(database)
    assert entry == {
        "actor_kind": "SCHEDULE",
        "actor_id": world.ada.id,
        "action": "USER_DEACTIVATED",
        "target_type": "User",
        "target_id": world.ben.id,
        "target_user_id": world.ben.id,
        "changes": [
            {"field": "status", "before": "ACTIVE", "after": "DEACTIVATED"},
            {"field": "deactivatedAt", "before": None, "after": event.at.isoformat()},
            {
                "field": "reassignedIncomingCallRules",
                "before": None,
                "after": [
                    to_global_id("IncomingCallRule", rule_id)
                    for rule_id in event.affected_incoming_call_rule_ids
                ],
            },
        ],
    }


async def test_a_change_to_the_status_the_user_has_is_done_unchanged(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.dee, UserStatusAction.DEACTIVATED)
    assert await run_due_changes(database, now=NOW) == [RunOutcome(row.id, DONE)]
    (stored,) = await changes(database)
    assert (stored.state, stored.changed, stored.status_event_id, stored.ran_at) == (
        "DONE",
        False,
        None,
        NOW,
    )
    assert await events(database) == []
    assert await audit(database) == []


async def _assert_failed_and_nothing_changed(database, world, row, code, message):
    (stored,) = await changes(database)
    assert (stored.state, stored.error_code, stored.error_message) == ("FAILED", code, message)
    assert (stored.ran_at, stored.changed, stored.status_event_id) == (NOW, None, None)
    assert (await user_row(database, world.ben)).status == "ACTIVE"
    assert await events(database) == []
    assert await audit(database) == []
    # Recorded, not retried: the next run finds nothing to do.
    assert await run_due_changes(database, now=NOW + timedelta(hours=1)) == []


async def test_a_creator_demoted_meanwhile_makes_the_change_fail_forbidden(database):
    world = await build_schedule_world(database)
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    row = await queue_row(database, caller_of(eve, world.acme), world.ben)
    await set_role(database, eve, Role.MEMBER)
    assert await run_due_changes(database, now=NOW) == [RunOutcome(row.id, FAILED, "FORBIDDEN")]
    await _assert_failed_and_nothing_changed(
        database,
        world,
        row,
        "FORBIDDEN",
        "The admin who scheduled this change is no longer an active admin.",
    )


async def test_a_creator_deactivated_meanwhile_makes_the_change_fail_forbidden(database):
    world = await build_schedule_world(database)
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    row = await queue_row(database, caller_of(eve, world.acme), world.ben)
    await set_status(database, eve, UserStatus.DEACTIVATED)
    assert await run_due_changes(database, now=NOW) == [RunOutcome(row.id, FAILED, "FORBIDDEN")]
    await _assert_failed_and_nothing_changed(
        database,
        world,
        row,
        "FORBIDDEN",
        "The admin who scheduled this change is no longer an active admin.",
    )


async def test_a_reassign_target_deactivated_by_run_time_fails_with_the_status_paths_code(
    database,
):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, reassign_to=world.cai)
    await set_status(database, world.cai, UserStatus.DEACTIVATED)
    assert await run_due_changes(database, now=NOW) == [RunOutcome(row.id, FAILED, "INVALID_INPUT")]
    await _assert_failed_and_nothing_changed(
        database, world, row, "INVALID_INPUT", "Rules can only be reassigned to an active user."
    )


async def test_the_guards_of_the_status_path_apply_as_the_creator(database):
    # A change of the creator themself (never accepted by scheduleUserStatusChange, but
    # the queue may hold one): the status path's own guard refuses it at run time.
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ada)
    assert await run_due_changes(database, now=NOW) == [
        RunOutcome(row.id, FAILED, "CANNOT_DEACTIVATE_SELF")
    ]
    (stored,) = await changes(database)
    assert (stored.state, stored.error_code) == ("FAILED", "CANNOT_DEACTIVATE_SELF")
    assert (await user_row(database, world.ada)).status == "ACTIVE"
    assert await audit(database) == []


async def test_changes_run_soonest_first_and_one_users_in_order(database):
    world = await build_schedule_world(database)
    back = await queue_row(
        database, world.admin, world.ben, UserStatusAction.ACTIVATED, at=NOW - timedelta(hours=1)
    )
    leave = await queue_row(database, world.admin, world.ben, at=NOW - timedelta(hours=2))
    other = await queue_row(database, world.admin, world.cai, at=NOW - timedelta(minutes=30))
    assert await run_due_changes(database, now=NOW) == [
        RunOutcome(leave.id, DONE),
        RunOutcome(back.id, DONE),
        RunOutcome(other.id, DONE),
    ]
    assert [(e.user_id, e.action) for e in await events(database)] == [
        (world.ben.id, "DEACTIVATED"),
        (world.ben.id, "ACTIVATED"),
        (world.cai.id, "DEACTIVATED"),
    ]
    assert (await user_row(database, world.ben)).status == "ACTIVE"


async def test_limit_bounds_one_call_and_later_changes_wait(database):
    world = await build_schedule_world(database)
    first = await queue_row(database, world.admin, world.ben, at=NOW - timedelta(seconds=2))
    second = await queue_row(database, world.admin, world.cai, at=NOW - timedelta(seconds=1))
    future = await queue_row(
        database, world.admin, world.dee, UserStatusAction.ACTIVATED, at=NOW + timedelta(seconds=1)
    )
    assert await run_due_changes(database, now=NOW, limit=1) == [RunOutcome(first.id, DONE)]
    assert await run_due_changes(database, now=NOW, limit=5) == [RunOutcome(second.id, DONE)]
    assert await run_due_changes(database, now=NOW + timedelta(seconds=1)) == [
        RunOutcome(future.id, DONE)
    ]
