"""What the status code path reports to the domain's observers (metrics, logs)."""

from db.enums import ActorKind, UserStatus
from resolvers.ids import to_global_id
from resolvers.observe import StatusChangeReport, StatusOutcome
from tests.http import bearer
from tests.telemetry.recording import recording_client

SET = """mutation($id: ID!, $dry: Boolean) {
  deactivateUser(input: {userId: $id, dryRun: $dry}) { userErrors { code } }
}"""


def _report(world, outcome, *, dry_run=False, code=None, user_id=None):
    return StatusChangeReport(
        tenant_id=world["ben"].tenant_id,
        user_id=user_id or world["ben"].id,
        target=UserStatus.DEACTIVATED,
        actor_kind=ActorKind.USER,
        outcome=outcome,
        dry_run=dry_run,
        refusal_code=code,
    )


async def test_each_outcome_is_reported_once_with_its_actor_kind_and_code(database, world):
    ben = to_global_id("User", world["ben"].id)
    async with recording_client(database) as (client, recorded):
        for variables in ({"id": ben, "dry": True}, {"id": ben}, {"id": ben}):
            response = await client.post(
                "/graphql",
                json={"query": SET, "variables": variables},
                headers=bearer(world["token"]),
            )
            assert "errors" not in response.json()
    assert recorded.status_changes == [
        _report(world, StatusOutcome.CHANGED, dry_run=True),
        _report(world, StatusOutcome.CHANGED),
        _report(world, StatusOutcome.UNCHANGED),
    ]


async def test_a_guard_refusal_is_reported_with_its_code(database, world):
    async with recording_client(database) as (client, recorded):
        me = await client.post(
            "/graphql", json={"query": "{ me { id } }"}, headers=bearer(world["token"])
        )
        admin_id = me.json()["data"]["me"]["id"]
        refused = await client.post(
            "/graphql",
            json={"query": SET, "variables": {"id": admin_id}},
            headers=bearer(world["token"]),
        )
    assert refused.json() == {
        "data": {"deactivateUser": {"userErrors": [{"code": "CANNOT_DEACTIVATE_SELF"}]}}
    }
    [report] = recorded.status_changes
    assert report.outcome is StatusOutcome.REFUSED
    assert report.refusal_code == "CANNOT_DEACTIVATE_SELF"
    assert (report.actor_kind, report.dry_run) == (ActorKind.USER, False)
