"""statusHistory's actorKind: who made each change, as the one status code path wrote it
(USER an admin, SCHEDULE a scheduled change as it ran, CLI and PROVISIONING the system)."""

from db.enums import ActorKind, ScheduledChangeState, UserStatus
from resolvers.audit.actor import Actor
from resolvers.schedule.run import RunOutcome, run_due_changes
from resolvers.status.change import apply_status_change
from tests.admin.world import build_world
from tests.graphql import data_of
from tests.schedule.helpers import NOW, build_schedule_world, queue_row

HISTORY = """query($id: ID!) { user(id: $id) {
  status statusHistory { action actorKind actor { email } } } }"""
DEACTIVATE = """mutation($id: ID!) { deactivateUser(input: {userId: $id}) {
  changed userErrors { code } } }"""
ADA = {"email": "ada.admin@acme.example"}


async def _as_the_system(database, world, target: UserStatus, actor: Actor | None) -> None:
    """A change with no caller, the way the system (the CLI, provisioning) makes one."""
    async with database.write_sessions() as session, session.begin():
        change = await apply_status_change(
            session,
            database=database,
            caller=None,
            tenant_id=world.acme.id,
            user_id=world.ben.id,
            target=target,
            actor=actor,
        )
    assert change.changed


async def test_an_admins_deactivation_says_user_and_names_the_admin(database):
    world = await build_world(database)
    deactivated = await data_of(database, world.admin, DEACTIVATE, {"id": world.gid(world.ben)})
    history = await data_of(database, world.admin, HISTORY, {"id": world.gid(world.ben)})
    assert deactivated == {"deactivateUser": {"changed": True, "userErrors": []}}
    assert history == {
        "user": {
            "status": "DEACTIVATED",
            "statusHistory": [{"action": "DEACTIVATED", "actorKind": "USER", "actor": ADA}],
        }
    }


async def test_the_systems_changes_say_cli_and_provisioning_with_no_actor(database):
    world = await build_world(database)
    await _as_the_system(database, world, UserStatus.DEACTIVATED, None)  # the CLI's default
    await _as_the_system(database, world, UserStatus.ACTIVE, Actor(ActorKind.PROVISIONING))
    await _as_the_system(database, world, UserStatus.DEACTIVATED, Actor(ActorKind.CLI))
    history = await data_of(database, world.admin, HISTORY, {"id": world.gid(world.ben)})
    assert history == {
        "user": {
            "status": "DEACTIVATED",
            "statusHistory": [
                {"action": "DEACTIVATED", "actorKind": "CLI", "actor": None},
                {"action": "ACTIVATED", "actorKind": "PROVISIONING", "actor": None},
                {"action": "DEACTIVATED", "actorKind": "CLI", "actor": None},
            ],
        }
    }


async def test_a_scheduled_deactivation_says_schedule_and_names_its_scheduler(database):
    world = await build_schedule_world(database)
    row = await queue_row(database, world.admin, world.ben, at=NOW)
    assert await run_due_changes(database, now=NOW) == [
        RunOutcome(row.id, ScheduledChangeState.DONE)
    ]
    history = await data_of(database, world.admin, HISTORY, {"id": world.gid(world.ben)})
    assert history == {
        "user": {
            "status": "DEACTIVATED",
            "statusHistory": [{"action": "DEACTIVATED", "actorKind": "SCHEDULE", "actor": ADA}],
        }
    }
