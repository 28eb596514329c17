"""The README's walkthrough "a new hire, and a leave", step by step, over HTTP."""

from datetime import timedelta
from typing import Any

import httpx

from db.engine import Database
from db.enums import Role
from db.types import utcnow
from resolvers.ids import to_global_id
from resolvers.schedule.run import run_due_changes
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, http_client

HIRE = """
mutation {
  createUser(input: {email: "hana.mori@acme.example", displayName: "Hana Mori"}) {
    user { id status role } userErrors { code message field } } }
"""
EQUIP = """
mutation($hana: ID!) {
  assignPhoneNumber(input: {userId: $hana, number: "+81 3-1234-5678"}) {
    phoneNumber { id number } userErrors { code message } }
  createSeat(input: {label: "N-01", x: 12, y: 3}) { seat { id label } userErrors { code } }
  createUserGroup(input: {name: "New hires", memberIds: [$hana]}) {
    userGroup { id name members { displayName } } userErrors { code } } }
"""
SEAT_AND_RULE = """
mutation($hana: ID!, $seat: ID!, $number: ID!) {
  assignSeat(input: {seatId: $seat, userId: $hana}) {
    seat { label occupant { displayName } } userErrors { code } }
  createIncomingCallRule(input: {name: "Hana's direct line", phoneNumberId: $number,
                                 action: CALL_SPECIFIC_USER, targetUserId: $hana}) {
    incomingCallRule { id receivable } userErrors { code message field } } }
"""
LEAVE = """
mutation($hana: ID!, $colleague: ID!, $away: DateTime!, $back: DateTime!) {
  away: scheduleUserStatusChange(input: {userId: $hana, action: DEACTIVATED, at: $away,
          reassignIncomingCallRulesTo: $colleague}) {
    scheduledStatusChange { state } userErrors { code message } }
  back: scheduleUserStatusChange(input: {userId: $hana, action: ACTIVATED, at: $back}) {
    scheduledStatusChange { state } userErrors { code message } } }
"""
HANA = """
query($hana: ID!) {
  user(id: $hana) { status visibleInSeatMap phoneNumbers { number } groups { name }
                    scheduledStatusChanges { action state } }
  incomingCallRules { name targetUser { displayName } }
}
"""
AUDIT = """
query($hana: ID!) {
  auditLog(first: 20, filter: {targetUserId: $hana}) {
    edges { node { action actorKind actor { displayName } targetType } } } }
"""


async def test_a_new_hire_and_a_leave(database: Database) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Acme Admin", role=Role.ADMIN)
    colleague = await make_user(database, acme, "Kai Colleague")
    token = await make_token(database, admin)
    now = utcnow()

    async with http_client(database) as client:

        async def run(query: str, **variables: Any) -> dict[str, Any]:
            return await _data(client, token, query, variables)

        hired = (await run(HIRE))["createUser"]
        assert hired["userErrors"] == []
        assert (hired["user"]["status"], hired["user"]["role"]) == ("ACTIVE", "MEMBER")
        hana = hired["user"]["id"]

        equipped = await run(EQUIP, hana=hana)
        assert equipped["assignPhoneNumber"]["phoneNumber"]["number"] == "+81312345678"
        assert equipped["createUserGroup"]["userGroup"]["members"] == [{"displayName": "Hana Mori"}]
        placed = await run(
            SEAT_AND_RULE,
            hana=hana,
            seat=equipped["createSeat"]["seat"]["id"],
            number=equipped["assignPhoneNumber"]["phoneNumber"]["id"],
        )
        assert placed["assignSeat"] == {
            "seat": {"label": "N-01", "occupant": {"displayName": "Hana Mori"}},
            "userErrors": [],
        }
        assert placed["createIncomingCallRule"]["incomingCallRule"]["receivable"] is True

        away, back = now + timedelta(days=3), now + timedelta(days=30)
        scheduled = await run(
            LEAVE,
            hana=hana,
            colleague=to_global_id("User", colleague.id),  # type: ignore[arg-type]
            away=away.isoformat(),
            back=back.isoformat(),
        )
        assert scheduled == {
            "away": {"scheduledStatusChange": {"state": "PENDING"}, "userErrors": []},
            "back": {"scheduledStatusChange": {"state": "PENDING"}, "userErrors": []},
        }

        await run_due_changes(database, now=away + timedelta(seconds=1))
        on_leave = await run(HANA, hana=hana)
        assert on_leave == {
            "user": {
                "status": "DEACTIVATED",
                "visibleInSeatMap": False,
                "phoneNumbers": [{"number": "+81312345678"}],
                "groups": [{"name": "New hires"}],
                "scheduledStatusChanges": [
                    {"action": "DEACTIVATED", "state": "DONE"},
                    {"action": "ACTIVATED", "state": "PENDING"},
                ],
            },
            "incomingCallRules": [
                {"name": "Hana's direct line", "targetUser": {"displayName": "Kai Colleague"}}
            ],
        }

        await run_due_changes(database, now=back + timedelta(seconds=1))
        returned = await run(HANA, hana=hana)
        assert returned["user"]["status"] == "ACTIVE"
        assert returned["user"]["visibleInSeatMap"] is True

        audit = await run(AUDIT, hana=hana)
        entries = [edge["node"] for edge in audit["auditLog"]["edges"]]
        # A group's entry is about the group (targetType UserGroup), not one member.
        admin_did = {"actorKind": "USER", "actor": {"displayName": "Acme Admin"}}
        schedule_did = {"actorKind": "SCHEDULE", "actor": {"displayName": "Acme Admin"}}
        assert entries == [
            {"action": "USER_ACTIVATED", "targetType": "User", **schedule_did},
            {"action": "USER_DEACTIVATED", "targetType": "User", **schedule_did},
            {
                "action": "STATUS_CHANGE_SCHEDULED",
                "targetType": "ScheduledStatusChange",
                **admin_did,
            },
            {
                "action": "STATUS_CHANGE_SCHEDULED",
                "targetType": "ScheduledStatusChange",
                **admin_did,
            },
            {"action": "INCOMING_CALL_RULE_CREATED", "targetType": "IncomingCallRule", **admin_did},
            {"action": "SEAT_ASSIGNED", "targetType": "Seat", **admin_did},
            {"action": "PHONE_NUMBER_ASSIGNED", "targetType": "PhoneNumber", **admin_did},
            {"action": "USER_CREATED", "targetType": "User", **admin_did},
        ]


async def _data(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=bearer(token)
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]
