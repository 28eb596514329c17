"""Every row of the help article's chart, and its IMPORTANT note, answered exactly.

Generated from the policy table: each rule has a probe (tests/chart/probes.py) that
observes its answer for one user through the public API (the field that answers the row
AND the product screen it governs), before deactivation, after it, and after activation
again, by both ways an admin has to (de)activate: the status mutations and the Edit
dialog.
"""

from datetime import datetime
from typing import Any

import httpx
import pytest

from db.engine import Database
from db.enums import Role
from db.models import Tenant, User
from db.types import utcnow
from resolvers import policy
from resolvers.ids import pk_of, to_global_id
from tests.chart.probes import (
    BEFORE,
    PHASES,
    PROBES,
    ChartWatch,
    Chris,
    equip_by_factories,
    probe_key,
)
from tests.factories import make_tenant, make_token, make_user
from tests.http import bearer, http_client


def test_every_rule_of_the_policy_table_has_a_probe():
    assert len(policy.CHART_ROWS) == 21
    assert [r for r in policy.RULES if r.important] == [
        policy.rule_for("receivable", "IncomingCallRule")
    ]
    assert {probe_key(rule) for rule in policy.RULES} == set(PROBES)


SWITCH = {
    "status mutations": (
        "mutation($id: ID!) { deactivateUser(input: {userId: $id}) { changed userErrors { code } } }",
        "mutation($id: ID!) { activateUser(input: {userId: $id}) { changed userErrors { code } } }",
    ),
    "Edit dialog checkbox": (
        "mutation($id: ID!) { updateUser(input: {userId: $id, active: false}) { statusChange { changed } userErrors { code } } }",
        "mutation($id: ID!) { updateUser(input: {userId: $id, active: true}) { statusChange { changed } userErrors { code } } }",
    ),
}


async def _equip_by_factories(database: Database, acme: Tenant, colleague: User) -> Chris:
    chris = await make_user(database, acme, "Chris Chart")
    return await equip_by_factories(database, acme, chris, colleague)


EQUIP = """
mutation($chris: ID!, $colleague: ID!, $seat: ID!) {
  integration: connectVideoIntegration(input: {userId: $chris, provider: ZOOM,
                                               accountEmail: "chris@zoom.example"}) {
    userErrors { code } }
  seat: assignSeat(input: {seatId: $seat, userId: $chris}) { userErrors { code } }
  group: createUserGroup(input: {name: "Night shift", memberIds: [$chris, $colleague]}) {
    userErrors { code } }
  number: assignPhoneNumber(input: {userId: $chris, number: "+81 3-1234-9999"}) {
    phoneNumber { id number } userErrors { code } }
  token: createApiToken(input: {userId: $chris, name: "Chris's softphone"}) {
    secret userErrors { code } }
}
"""


async def _equip_through_mutations(
    database: Database, client: httpx.AsyncClient, admin_token: str, colleague: User
) -> Chris:
    """Chris made by createUser and equipped by the admin mutations, as an admin would."""

    async def admin(query: str, **variables: Any) -> dict[str, Any]:
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=bearer(admin_token)
        )
        body = response.json()
        assert "errors" not in body, body
        for payload in body["data"].values():
            assert payload["userErrors"] == [], body
        return body["data"]

    created = await admin(
        'mutation { createUser(input: {email: "Chris.Chart@acme.example",'
        ' displayName: "Chris Chart"}) { user { id } userErrors { code } } }'
    )
    chris_id = created["createUser"]["user"]["id"]
    seat = await admin(
        'mutation { createSeat(input: {label: "C-07", x: 3, y: 4}) { seat { id } userErrors { code } } }'
    )
    equipped = await admin(
        EQUIP,
        chris=chris_id,
        colleague=to_global_id("User", colleague.id),
        seat=seat["createSeat"]["seat"]["id"],
    )
    assert equipped["number"]["phoneNumber"]["number"] == "+81312349999"
    rule = await admin(
        "mutation($number: ID!, $chris: ID!) { createIncomingCallRule(input: {"
        'name: "Direct line", phoneNumberId: $number, action: CALL_SPECIFIC_USER,'
        " targetUserId: $chris}) { incomingCallRule { id } userErrors { code } } }",
        number=equipped["number"]["phoneNumber"]["id"],
        chris=chris_id,
    )
    rule_pk = pk_of(rule["createIncomingCallRule"]["incomingCallRule"]["id"], "IncomingCallRule")
    chris_pk = pk_of(chris_id, "User")
    assert rule_pk is not None and chris_pk is not None
    async with database.write_sessions() as session:
        chris = await session.get(User, chris_pk)
    assert chris is not None
    return Chris(chris, equipped["token"]["secret"], rule_pk)


@pytest.mark.parametrize("made", ["by factories", "through the admin mutations"])
@pytest.mark.parametrize("way", list(SWITCH))
async def test_the_chart_holds_before_after_deactivation_and_after_activation(database, way, made):
    now = utcnow()
    acme = await make_tenant(database)
    admin_user = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    colleague = await make_user(database, acme, "Cole Colleague")
    admin_token = await make_token(database, admin_user)
    async with http_client(database) as client:
        if made == "by factories":
            equipped = await _equip_by_factories(database, acme, colleague)
        else:
            equipped = await _equip_through_mutations(database, client, admin_token, colleague)
        await _observe_the_chart(database, client, way, equipped, colleague, admin_token, now)


async def _observe_the_chart(
    database: Database,
    client: httpx.AsyncClient,
    way: str,
    equipped: Chris,
    colleague: User,
    admin_token: str,
    now: datetime,
) -> None:
    watch = await ChartWatch.start(database, client, admin_token, equipped, colleague, now)
    deactivate, activate = SWITCH[way]
    for phase in PHASES:
        if phase is not BEFORE:
            (payload,) = (await watch.graphql(activate if phase.active else deactivate)).values()
            assert payload["userErrors"] == []
            assert payload.get("statusChange", payload)["changed"] is True
        await watch.assert_chart_holds(phase)
