"""One line per status change the domain decides (changed, a dry run, refused), with the
id of the request it happened in."""

from typing import Any

from resolvers.ids import pk_of, to_global_id
from tests.http import bearer
from tests.telemetry.log_capture import captured_log
from tests.telemetry.recording import recording_client

SET = """mutation($id: ID!, $dry: Boolean) {
  deactivateUser(input: {userId: $id, dryRun: $dry}) { userErrors { code } }
}"""


def status_line(world: dict[str, Any], request_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "level": "INFO",
        "logger": "roster.status_change",
        "message": "status change",
        "event": "status_change",
        "request_id": request_id,
        "tenant_id": world["ben"].tenant_id,
        "user_id": world["ben"].id,
        "target": "DEACTIVATED",
        "actor_kind": "USER",
        "outcome": "changed",
        "dry_run": False,
        "refusal_code": None,
        **fields,
    }


async def test_a_dry_run_a_change_and_a_refusal_are_each_one_line(database, world):
    ben = to_global_id("User", world["ben"].id)
    with captured_log() as log:
        async with recording_client(database) as (client, _):
            me = await client.post(
                "/graphql", json={"query": "{ me { id } }"}, headers=bearer(world["token"])
            )
            admin = me.json()["data"]["me"]["id"]
            answers = [
                await client.post(
                    "/graphql",
                    json={"query": SET, "variables": variables},
                    headers=bearer(world["token"]),
                )
                for variables in ({"id": ben, "dry": True}, {"id": ben}, {"id": admin})
            ]
    assert [answer.json()["data"]["deactivateUser"]["userErrors"] for answer in answers] == [
        [],
        [],
        [{"code": "CANNOT_DEACTIVATE_SELF"}],
    ]
    lines = log.events("status_change")
    for line in lines:
        line.pop("timestamp")
    dry, changed, refused = (answer.headers["x-request-id"] for answer in answers)
    assert lines == [
        status_line(world, dry, dry_run=True),
        status_line(world, changed),
        status_line(
            world,
            refused,
            user_id=pk_of(admin, "User"),
            outcome="refused",
            refusal_code="CANNOT_DEACTIVATE_SELF",
        ),
    ]
    # A request's line comes once its response is sent: after the change it made.
    order = [(line["event"], line["request_id"]) for line in log.lines() if "event" in line]
    assert order.index(("status_change", changed)) < order.index(("request", changed))
