"""Every row of the help article's chart, and its IMPORTANT note, answered exactly.

Generated from the policy table: each rule has a probe that observes its answer for
one user through the public API (the field that answers the row AND the product
screen it governs), before deactivation, after it, and after activation again, by
both ways an admin has to (de)activate: the status mutations and the Edit dialog.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from db.engine import Database
from db.enums import CallDirection, IncomingCallAction, Product, Role, VideoProvider
from db.models import Tenant, User
from db.types import utcnow
from resolvers import policy
from resolvers.ids import pk_of, to_global_id
from tests.factories import (
    make_call,
    make_comment,
    make_group,
    make_integration,
    make_meeting,
    make_phone_number,
    make_rule,
    make_seat,
    make_tenant,
    make_token,
    make_user,
)
from tests.http import bearer, http_client

PRODUCT_SUBGRAPH = {
    Product.ADMIN: "admin",
    Product.ANALYTICS: "analytics",
    Product.PHONE: "phone",
    Product.PHONE_MOBILE: "phoneMobile",
    Product.CALL_CENTER: "callCenter",
}
CALLS = 3

ANSWERS = """
query($id: ID!, $ids: [ID!], $busyFrom: DateTime!, $busyTo: DateTime!,
      $quietFrom: DateTime!, $quietTo: DateTime!) {
  user(id: $id) {
    active inAvailableUserList phoneNumbers { number } groups { name members { id } }
    videoIntegrations { provider }
    callHistory(first: 10) { totalCount } meetingHistory(first: 10) { totalCount }
    inDashboardConditions inDashboardOverview inDashboardByUser inDashboardByPeriod mentionable
    inPhoneUserMenu inMobileInternalList inRealtimeMonitor visibleInSeatMap
    seat { label }
    busy: inCallCenterReport(from: $busyFrom, to: $busyTo)
    quiet: inCallCenterReport(from: $quietFrom, to: $quietTo)
    admin: canLogIn(product: ADMIN) analytics: canLogIn(product: ANALYTICS)
    phone: canLogIn(product: PHONE) phoneMobile: canLogIn(product: PHONE_MOBILE)
    callCenter: canLogIn(product: CALL_CENTER)
  }
  availableUsers(first: 100) { edges { node { id } } }
  incomingCallRules { id receivable targetUser { id } }
  receivableRules: incomingCallRules(receivable: true) { id }
  mine: dashboard(from: $busyFrom, to: $busyTo, userIds: $ids) {
    overview { callCount } byPeriod(granularity: DAY) { callCount } }
  everyone: dashboard(from: $busyFrom, to: $busyTo) {
    overview { callCount } byUser { user { id } } }
  mentionSuggestions(query: "chris", first: 10) { id }
  phoneUserMenu { id }
  mobileInternalContacts { id }
  realtimeMonitor { id }
  seatMap { label occupant { id } }
  busyReport: callCenterReport(from: $busyFrom, to: $busyTo) { user { id } }
  quietReport: callCenterReport(from: $quietFrom, to: $quietTo) { user { id } }
}
"""


@dataclass
class Observed:
    user_id: str
    rule_id: str
    answer: dict[str, Any]
    logins: dict[Product, bool]

    @property
    def me(self) -> dict[str, Any]:
        return self.answer["user"]

    def listed(self, items: list[dict[str, Any]], key: str = "id") -> bool:
        return any(item[key] == self.user_id for item in items)


# An observation: extra facts the expectation depends on, and what the API showed.
Observation = tuple[dict[str, bool], bool]
Probe = Callable[[Observed], list[Observation]]


def _same(*observed: bool) -> list[Observation]:
    return [({}, value) for value in observed]


def _login(product: Product) -> Probe:
    field = PRODUCT_SUBGRAPH[product]
    return lambda o: _same(o.me[field], o.logins[product])


PROBES: dict[tuple[str, str, Product | None], Probe] = {
    **{("User", "canLogIn", product): _login(product) for product in Product},
    ("User", "inAvailableUserList", None): lambda o: _same(
        o.me["inAvailableUserList"],
        o.listed([e["node"] for e in o.answer["availableUsers"]["edges"]]),
    ),
    ("User", "phoneNumbers", None): lambda o: _same(
        o.me["phoneNumbers"] == [{"number": "+81312349999"}]
    ),
    ("User", "groups", None): lambda o: _same(
        [g["name"] for g in o.me["groups"]] == ["Night shift"],
        o.listed(o.me["groups"][0]["members"]) if o.me["groups"] else False,
    ),
    ("IncomingCallRule", "receivable", None): lambda o: _same(
        next(r["receivable"] for r in o.answer["incomingCallRules"] if r["id"] == o.rule_id),
        o.rule_id in {r["id"] for r in o.answer["receivableRules"]},
    ),
    ("User", "videoIntegrations", None): lambda o: _same(
        o.me["videoIntegrations"] == [{"provider": "ZOOM"}]
    ),
    ("User", "callHistory", None): lambda o: _same(o.me["callHistory"]["totalCount"] == CALLS),
    ("User", "meetingHistory", None): lambda o: _same(o.me["meetingHistory"]["totalCount"] == 1),
    ("User", "inDashboardConditions", None): lambda o: _same(
        o.me["inDashboardConditions"], o.answer["mine"]["overview"]["callCount"] == CALLS
    ),
    ("User", "inDashboardOverview", None): lambda o: _same(
        o.me["inDashboardOverview"], o.answer["everyone"]["overview"]["callCount"] == CALLS + 1
    ),
    ("User", "inDashboardByUser", None): lambda o: _same(
        o.me["inDashboardByUser"], o.listed([r["user"] for r in o.answer["everyone"]["byUser"]])
    ),
    ("User", "inDashboardByPeriod", None): lambda o: _same(
        o.me["inDashboardByPeriod"],
        sum(row["callCount"] for row in o.answer["mine"]["byPeriod"]) == CALLS,
    ),
    ("User", "mentionable", None): lambda o: _same(
        o.me["mentionable"], o.listed(o.answer["mentionSuggestions"])
    ),
    ("User", "inPhoneUserMenu", None): lambda o: _same(
        o.me["inPhoneUserMenu"], o.listed(o.answer["phoneUserMenu"])
    ),
    ("User", "inMobileInternalList", None): lambda o: _same(
        o.me["inMobileInternalList"], o.listed(o.answer["mobileInternalContacts"])
    ),
    ("User", "inRealtimeMonitor", None): lambda o: _same(
        o.me["inRealtimeMonitor"], o.listed(o.answer["realtimeMonitor"])
    ),
    ("User", "visibleInSeatMap", None): lambda o: _same(
        o.me["visibleInSeatMap"],
        any(
            s["label"] == "C-07" and s["occupant"] == {"id": o.user_id} for s in o.answer["seatMap"]
        ),
    ),
    ("User", "inCallCenterReport", None): lambda o: [
        ({"had_calls_in_period": True}, o.me["busy"]),
        ({"had_calls_in_period": True}, o.listed([r["user"] for r in o.answer["busyReport"]])),
        ({"had_calls_in_period": False}, o.me["quiet"]),
        ({"had_calls_in_period": False}, o.listed([r["user"] for r in o.answer["quietReport"]])),
    ],
}


def _key(rule: policy.Rule) -> tuple[str, str, Product | None]:
    product = rule.product if rule.field == "canLogIn" else None
    return (rule.type_name, rule.field, product)


def test_every_rule_of_the_policy_table_has_a_probe():
    assert len(policy.CHART_ROWS) == 21
    assert [r for r in policy.RULES if r.important] == [
        policy.rule_for("receivable", "IncomingCallRule")
    ]
    assert {_key(rule) for rule in policy.RULES} == set(PROBES)


@dataclass(frozen=True)
class Phase:
    name: str
    active: bool
    deactivated_before: bool


PHASES = (
    Phase("before deactivation", active=True, deactivated_before=False),
    Phase("after deactivation", active=False, deactivated_before=True),
    Phase("after activation again", active=True, deactivated_before=True),
)


def expected(rule: policy.Rule, phase: Phase, extra: dict[str, bool]) -> bool:
    if rule.visibility is policy.Visibility.REMOVED_ON_DEACTIVATION:
        return not phase.deactivated_before
    facts = policy.Facts(active=phase.active, has_seat=True, **extra)
    return policy.shows(rule.visibility, facts)


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


@dataclass
class Chris:
    """The user the chart is observed on, equipped with everything a row is about."""

    user: User
    token: str
    rule_id: int


async def _equip_by_factories(database: Database, acme: Tenant, colleague: User) -> Chris:
    chris = await make_user(database, acme, "Chris Chart")
    await make_seat(database, acme, "C-07", user=chris)
    await make_integration(database, chris, VideoProvider.ZOOM)
    await make_group(database, acme, "Night shift", [chris, colleague])
    line = await make_phone_number(database, acme, "+81312349999", chris)
    rule = await make_rule(
        database, line, "Direct line", IncomingCallAction.CALL_SPECIFIC_USER, target_user=chris
    )
    assert rule.id is not None
    return Chris(chris, await make_token(database, chris), rule.id)


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
    chris, chris_token = equipped.user, equipped.token
    calls = [
        await make_call(database, chris, direction, now - timedelta(days=2, hours=i))
        for i, direction in enumerate(
            [CallDirection.INBOUND, CallDirection.OUTBOUND, CallDirection.INBOUND]
        )
    ]
    await make_call(database, colleague, CallDirection.OUTBOUND, now - timedelta(days=1))
    await make_meeting(database, chris, VideoProvider.ZOOM, now - timedelta(days=3))
    comment = await make_comment(
        database, calls[0], colleague, "@Chris can you call back?", mentions=(chris,)
    )
    assert chris.id is not None
    user_id = to_global_id("User", chris.id)
    rule_id = to_global_id("IncomingCallRule", equipped.rule_id)
    variables = {
        "id": user_id,
        "ids": [user_id],
        "busyFrom": (now - timedelta(days=7)).isoformat(),
        "busyTo": (now + timedelta(days=1)).isoformat(),
        "quietFrom": (now - timedelta(days=60)).isoformat(),
        "quietTo": (now - timedelta(days=30)).isoformat(),
    }
    deactivate, activate = SWITCH[way]

    async def graphql(query: str, token: str = admin_token, **extra: Any) -> dict[str, Any]:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": {"id": user_id, **extra}},
            headers=bearer(token),
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    async def observe() -> Observed:
        answer = await graphql(ANSWERS, **variables)
        logins = {}
        for product, subgraph in PRODUCT_SUBGRAPH.items():
            response = await client.post(
                f"/subgraphs/{subgraph}/graphql",
                json={"query": "{ __typename }"},
                headers=bearer(chris_token),
            )
            assert response.status_code in (200, 401)
            logins[product] = response.status_code == 200
        mentions = await graphql(
            "query($call: ID!) { comments(callId: $call) { id mentions { id } } }",
            call=to_global_id("Call", calls[0].id),
        )
        # The remark of the mention row: past mentions still show, whatever the status.
        assert mentions["comments"] == [
            {"id": to_global_id("Comment", comment.id), "mentions": [{"id": user_id}]}
        ]
        return Observed(user_id, rule_id, answer, logins)

    table: dict[str, dict[str, list[bool]]] = {}
    wanted: dict[str, dict[str, list[bool]]] = {}
    for phase in PHASES:
        if phase.name != "before deactivation":
            (payload,) = (await graphql(activate if phase.active else deactivate)).values()
            assert payload["userErrors"] == []
            assert payload.get("statusChange", payload)["changed"] is True
        observed = await observe()
        assert observed.me["active"] is phase.active
        assert observed.me["seat"] == {"label": "C-07"}  # the seat is kept
        for rule_ in policy.RULES:
            observations = PROBES[_key(rule_)](observed)
            label = f"{rule_.product} / {rule_.question[:60]}"
            table.setdefault(phase.name, {})[label] = [seen for _, seen in observations]
            wanted.setdefault(phase.name, {})[label] = [
                expected(rule_, phase, extra) for extra, _ in observations
            ]

    assert table == wanted
