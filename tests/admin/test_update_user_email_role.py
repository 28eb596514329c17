"""updateUser's email and role: unique emails, LAST_ADMIN, one USER_UPDATED entry, all or none."""

import asyncio

from sqlalchemy import select

from db.enums import Role, UserStatus
from db.models import User
from tests.admin.world import build_world
from tests.audit_rows import audit_entries
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import data_of

UPDATE = """mutation($input: UpdateUserInput!) { updateUser(input: $input) {
  user { email displayName role active }
  statusChange { changed }
  dryRun
  userErrors { code field message } } }"""

LAST_ADMIN = {
    "code": "LAST_ADMIN",
    "field": ["input", "role"],
    "message": "This is the tenant's last active admin; make another admin first.",
}
TAKEN = {
    "code": "ALREADY_EXISTS",
    "field": ["input", "email"],
    "message": "Another user of this tenant has this email address.",
}


async def _stored(database, user) -> tuple[str, str, str, str]:
    async with database.session() as session:
        row = (
            await session.execute(
                select(User.email, User.email_folded, User.display_name, User.role).where(
                    User.id == user.id
                )
            )
        ).one()
    return row.email, row.email_folded, row.display_name, Role(row.role).value


async def _update(database, caller, **given):
    data = await data_of(database, caller, UPDATE, {"input": given})
    return data["updateUser"]


async def test_email_and_display_name_change_in_one_audit_entry(database):
    world = await build_world(database)
    answer = await _update(
        database,
        world.admin,
        userId=world.gid(world.ben),
        email=" Ben.B@Acme.Example ",
        displayName="Ben B.",
    )
    assert answer == {
        "user": {"email": "Ben.B@acme.example", "displayName": "Ben B.", "role": "MEMBER", "active": True},
        "statusChange": None,
        "dryRun": False,
        "userErrors": [],
    }  # fmt: skip
    assert await _stored(database, world.ben) == (
        "Ben.B@acme.example", "ben.b@acme.example", "Ben B.", "MEMBER",
    )  # fmt: skip
    assert await audit_entries(database) == [
        {
            "tenant_id": world.acme.id,
            "actor_kind": "USER",
            "actor_id": world.ada.id,
            "action": "USER_UPDATED",
            "target_type": "User",
            "target_id": world.ben.id,
            "target_user_id": world.ben.id,
            "changes": [
                {"field": "displayName", "before": "Ben Bell", "after": "Ben B."},
                {
                    "field": "email",
                    "before": "ben.bell@acme.example",
                    "after": "Ben.B@acme.example",
                },
            ],
        }
    ]


async def test_the_users_own_email_in_another_case_is_fine(database):
    world = await build_world(database)
    answer = await _update(
        database, world.admin, userId=world.gid(world.ben), email="BEN.BELL@acme.example"
    )
    assert answer["userErrors"] == []
    assert answer["user"]["email"] == "BEN.BELL@acme.example"
    (entry,) = await audit_entries(database)
    assert entry["changes"] == [
        {"field": "email", "before": "ben.bell@acme.example", "after": "BEN.BELL@acme.example"}
    ]


async def test_another_users_email_in_any_case_is_already_exists_and_nothing_changes(database):
    world = await build_world(database)
    answer = await _update(
        database,
        world.admin,
        userId=world.gid(world.ben),
        email="Cai.Chen@ACME.example",
        displayName="Renamed",
        role="ADMIN",
    )
    assert answer == {"user": None, "statusChange": None, "dryRun": False, "userErrors": [TAKEN]}
    assert await _stored(database, world.ben) == (
        "ben.bell@acme.example", "ben.bell@acme.example", "Ben Bell", "MEMBER",
    )  # fmt: skip
    assert await audit_entries(database) == []


async def test_an_invalid_email_is_invalid_input(database):
    world = await build_world(database)
    answer = await _update(database, world.admin, userId=world.gid(world.ben), email="ben@")
    (error,) = answer["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_INPUT", ["input", "email"])
    assert error["message"].startswith("Not an email address: ")
    assert await audit_entries(database) == []


async def test_promoting_and_demoting_are_audited(database):
    world = await build_world(database)
    up = await _update(database, world.admin, userId=world.gid(world.ben), role="ADMIN")
    down = await _update(database, world.admin, userId=world.gid(world.ben), role="MEMBER")
    assert (up["user"]["role"], up["userErrors"]) == ("ADMIN", [])
    assert (down["user"]["role"], down["userErrors"]) == ("MEMBER", [])
    assert [entry["changes"] for entry in await audit_entries(database)] == [
        [{"field": "role", "before": "MEMBER", "after": "ADMIN"}],
        [{"field": "role", "before": "ADMIN", "after": "MEMBER"}],
    ]


async def test_demoting_the_last_active_admin_is_last_admin_and_nothing_changes(database):
    world = await build_world(database)
    # A deactivated admin cannot log in, so Ada is still the last one who can.
    await make_user(
        database, world.acme, "Zed Former", role=Role.ADMIN, status=UserStatus.DEACTIVATED
    )
    answer = await _update(
        database, world.admin, userId=world.gid(world.ada), role="MEMBER", displayName="Ada A."
    )
    assert answer == {
        "user": None,
        "statusChange": None,
        "dryRun": False,
        "userErrors": [LAST_ADMIN],
    }
    assert (await _stored(database, world.ada))[2:] == ("Ada Admin", "ADMIN")
    assert await audit_entries(database) == []


async def test_demoting_a_deactivated_admin_or_one_of_two_is_fine(database):
    world = await build_world(database)
    zed = await make_user(
        database, world.acme, "Zed Former", role=Role.ADMIN, status=UserStatus.DEACTIVATED
    )
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    former = await _update(database, world.admin, userId=world.gid(zed), role="MEMBER")
    other = await _update(database, world.admin, userId=world.gid(eve), role="MEMBER")
    assert (former["userErrors"], former["user"]["role"]) == ([], "MEMBER")
    assert (other["userErrors"], other["user"]["role"]) == ([], "MEMBER")
    # Now Ada is the last: she may not demote herself.
    last = await _update(database, world.admin, userId=world.gid(world.ada), role="MEMBER")
    assert last["userErrors"] == [LAST_ADMIN]


async def test_deactivating_and_demoting_together_write_both_entries(database):
    world = await build_world(database)
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    answer = await _update(
        database, world.admin, userId=world.gid(eve), active=False, role="MEMBER"
    )
    assert answer == {
        "user": {"email": "eve.admin@acme.example", "displayName": "Eve Admin", "role": "MEMBER", "active": False},
        "statusChange": {"changed": True},
        "dryRun": False,
        "userErrors": [],
    }  # fmt: skip
    entries = await audit_entries(database)
    assert [(entry["action"], entry["target_id"]) for entry in entries] == [
        ("USER_DEACTIVATED", eve.id),
        ("USER_UPDATED", eve.id),
    ]
    assert entries[1]["changes"] == [{"field": "role", "before": "ADMIN", "after": "MEMBER"}]


async def test_a_refused_status_change_changes_no_email_nor_role(database):
    world = await build_world(database)
    answer = await _update(
        database,
        world.admin,
        userId=world.gid(world.ada),
        active=False,
        email="ada.new@acme.example",
    )
    assert answer["userErrors"][0]["code"] == "CANNOT_DEACTIVATE_SELF"
    assert (await _stored(database, world.ada))[0] == "ada.admin@acme.example"
    assert await audit_entries(database) == []


async def test_nothing_that_changes_writes_no_entry(database):
    world = await build_world(database)
    answer = await _update(
        database,
        world.admin,
        userId=world.gid(world.ben),
        displayName="Ben Bell",
        email="ben.bell@acme.example",
        role="MEMBER",
    )
    assert answer["userErrors"] == []
    assert await audit_entries(database) == []


async def test_a_dry_run_shows_the_change_and_writes_nothing(database):
    world = await build_world(database)
    answer = await _update(
        database,
        world.admin,
        userId=world.gid(world.ben),
        email="ben.new@acme.example",
        role="ADMIN",
        dryRun=True,
    )
    assert answer == {
        "user": {"email": "ben.new@acme.example", "displayName": "Ben Bell", "role": "ADMIN", "active": True},
        "statusChange": None,
        "dryRun": True,
        "userErrors": [],
    }  # fmt: skip
    assert await _stored(database, world.ben) == (
        "ben.bell@acme.example", "ben.bell@acme.example", "Ben Bell", "MEMBER",
    )  # fmt: skip
    assert await audit_entries(database) == []


async def test_a_member_and_another_tenants_admin_are_refused(database):
    world = await build_world(database)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Grant", role=Role.ADMIN)
    member = await _update(
        database, world.member, userId=world.gid(world.ben), email="x@acme.example", role="ADMIN"
    )
    foreign = await _update(
        database, caller_of(gus, globex), userId=world.gid(world.ben), email="x@acme.example"
    )
    assert member["userErrors"] == [
        {"code": "FORBIDDEN", "field": ["input"], "message": "Only an admin may do this."}
    ]
    assert foreign["userErrors"] == [
        {"code": "NOT_FOUND", "field": ["input", "userId"], "message": "No user with this id."}
    ]
    assert (await _stored(database, world.ben))[0] == "ben.bell@acme.example"
    assert await audit_entries(database) == []


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(database):
    world = await build_world(database)
    eve = await make_user(database, world.acme, "Eve Admin", role=Role.ADMIN)
    answers = await asyncio.gather(
        _update(database, world.admin, userId=world.gid(eve), role="MEMBER"),
        _update(database, caller_of(eve, world.acme), userId=world.gid(world.ada), role="MEMBER"),
    )
    codes = sorted(str([e["code"] for e in answer["userErrors"]]) for answer in answers)
    assert codes == ["['LAST_ADMIN']", "[]"]
    async with database.session() as session:
        admins = await session.scalar(
            select(User.id).where(User.tenant_id == world.acme.id, User.role == Role.ADMIN)
        )
    assert admins in {world.ada.id, eve.id}
    assert [entry["action"] for entry in await audit_entries(database)] == ["USER_UPDATED"]
