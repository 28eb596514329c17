"""The chart's probes: one user, equipped with everything a row of the help article's
chart is about, observed through roster's public HTTP API in every product.

Each rule of the policy table has a probe that reads its answer for the user (the field
that answers the row AND the product screen it governs). ``ChartWatch`` observes them
through any HTTP client of roster (the in-process app or a served one), so every way a
user is deactivated (the status mutations, the Edit dialog, SCIM) is held to the same
table.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from db.engine import Database
from db.enums import CallDirection, IncomingCallAction, Product, VideoProvider
from db.models import Call, Comment, Tenant, User
from resolvers import policy
from resolvers.ids import to_global_id
from tests.factories import (
    make_call,
    make_comment,
    make_group,
    make_integration,
    make_meeting,
    make_phone_number,
    make_rule,
    make_seat,
    make_token,
)
from tests.http import bearer

PRODUCT_SUBGRAPH = {
    Product.ADMIN: "admin",
    Product.ANALYTICS: "analytics",
    Product.PHONE: "phone",
    Product.PHONE_MOBILE: "phoneMobile",
    Product.CALL_CENTER: "callCenter",
}
CALLS = 3
NUMBER = "+81312349999"
GROUP = "Night shift"
SEAT = "C-07"

ANSWERS = """
query($id: ID!, $ids: [ID!], $busyFrom: DateTime!, $busyTo: DateTime!,
      $quietFrom: DateTime!, $quietTo: DateTime!, $mention: String!) {
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
  mentionSuggestions(query: $mention, first: 10) { id }
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
    ("User", "phoneNumbers", None): lambda o: _same(o.me["phoneNumbers"] == [{"number": NUMBER}]),
    ("User", "groups", None): lambda o: _same(
        [g["name"] for g in o.me["groups"]] == [GROUP],
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
        any(s["label"] == SEAT and s["occupant"] == {"id": o.user_id} for s in o.answer["seatMap"]),
    ),
    ("User", "inCallCenterReport", None): lambda o: [
        ({"had_calls_in_period": True}, o.me["busy"]),
        ({"had_calls_in_period": True}, o.listed([r["user"] for r in o.answer["busyReport"]])),
        ({"had_calls_in_period": False}, o.me["quiet"]),
        ({"had_calls_in_period": False}, o.listed([r["user"] for r in o.answer["quietReport"]])),
    ],
}


def probe_key(rule: policy.Rule) -> tuple[str, str, Product | None]:
    product = rule.product if rule.field == "canLogIn" else None
    return (rule.type_name, rule.field, product)


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
BEFORE, DEACTIVATED, ACTIVATED_AGAIN = PHASES


def expected(rule: policy.Rule, phase: Phase, extra: dict[str, bool]) -> bool:
    if rule.visibility is policy.Visibility.REMOVED_ON_DEACTIVATION:
        return not phase.deactivated_before
    facts = policy.Facts(active=phase.active, has_seat=True, **extra)
    return policy.shows(rule.visibility, facts)


@dataclass
class Chris:
    """The user the chart is observed on, equipped with everything a row is about."""

    user: User
    token: str
    rule_id: int


async def equip_by_factories(
    database: Database, acme: Tenant, chris: User, colleague: User
) -> Chris:
    """``chris`` with a seat, a Zoom integration, a group shared with ``colleague``, a
    number, a rule that calls them and a token of their own, written by the factories."""
    await make_seat(database, acme, SEAT, user=chris)
    await make_integration(database, chris, VideoProvider.ZOOM)
    await make_group(database, acme, GROUP, [chris, colleague])
    line = await make_phone_number(database, acme, NUMBER, chris)
    rule = await make_rule(
        database, line, "Direct line", IncomingCallAction.CALL_SPECIFIC_USER, target_user=chris
    )
    assert rule.id is not None
    return Chris(chris, await make_token(database, chris), rule.id)


# One observation of the chart: what the probes saw, and what the policy table wants.
ChartTable = dict[str, list[bool]]


@dataclass
class ChartWatch:
    """Chris's history (calls, a meeting, a mention) and the probes' view of them."""

    client: httpx.AsyncClient
    admin_token: str
    chris: Chris
    calls: list[Call]
    comment: Comment
    variables: dict[str, Any]

    @property
    def user_id(self) -> str:
        return str(self.variables["id"])

    @classmethod
    async def start(
        cls,
        database: Database,
        client: httpx.AsyncClient,
        admin_token: str,
        chris: Chris,
        colleague: User,
        now: datetime,
    ) -> "ChartWatch":
        """Give Chris three calls, a meeting and a mention (and ``colleague`` a call), and
        watch the chart for them through ``client``."""
        user = chris.user
        calls = [
            await make_call(database, user, direction, now - timedelta(days=2, hours=i))
            for i, direction in enumerate(
                [CallDirection.INBOUND, CallDirection.OUTBOUND, CallDirection.INBOUND]
            )
        ]
        await make_call(database, colleague, CallDirection.OUTBOUND, now - timedelta(days=1))
        await make_meeting(database, user, VideoProvider.ZOOM, now - timedelta(days=3))
        comment = await make_comment(
            database,
            calls[0],
            colleague,
            f"@{user.display_name.split()[0]} can you call back?",
            mentions=(user,),
        )
        assert user.id is not None
        user_id = to_global_id("User", user.id)
        variables = {
            "id": user_id,
            "ids": [user_id],
            "busyFrom": (now - timedelta(days=7)).isoformat(),
            "busyTo": (now + timedelta(days=1)).isoformat(),
            "quietFrom": (now - timedelta(days=60)).isoformat(),
            "quietTo": (now - timedelta(days=30)).isoformat(),
            "mention": user.display_name.split()[0].lower(),
        }
        return cls(client, admin_token, chris, calls, comment, variables)

    async def graphql(self, query: str, token: str | None = None, **extra: Any) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": {"id": self.user_id, **extra}},
            headers=bearer(token or self.admin_token),
        )
        body = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def observe(self) -> Observed:
        answer = await self.graphql(ANSWERS, **self.variables)
        logins = {}
        for product, subgraph in PRODUCT_SUBGRAPH.items():
            response = await self.client.post(
                f"/subgraphs/{subgraph}/graphql",
                json={"query": "{ __typename }"},
                headers=bearer(self.chris.token),
            )
            assert response.status_code in (200, 401)
            logins[product] = response.status_code == 200
        mentions = await self.graphql(
            "query($call: ID!) { comments(callId: $call) { id mentions { id } } }",
            call=to_global_id("Call", self.calls[0].id),
        )
        # The remark of the mention row: past mentions still show, whatever the status.
        assert mentions["comments"] == [
            {"id": to_global_id("Comment", self.comment.id), "mentions": [{"id": self.user_id}]}
        ]
        rule_id = to_global_id("IncomingCallRule", self.chris.rule_id)
        return Observed(self.user_id, rule_id, answer, logins)

    async def chart(self, phase: Phase) -> tuple[Observed, ChartTable, ChartTable]:
        """One observation: what the probes saw for each rule, and what the policy table
        says they must see in ``phase``."""
        observed = await self.observe()
        seen: ChartTable = {}
        wanted: ChartTable = {}
        for rule in policy.RULES:
            observations = PROBES[probe_key(rule)](observed)
            label = f"{rule.product} / {rule.question[:60]}"
            seen[label] = [value for _, value in observations]
            wanted[label] = [expected(rule, phase, extra) for extra, _ in observations]
        return observed, seen, wanted

    async def assert_chart_holds(self, phase: Phase) -> Observed:
        """Every row of the chart as ``phase`` wants it, Chris's seat kept."""
        observed, seen, wanted = await self.chart(phase)
        assert observed.me["active"] is phase.active
        assert observed.me["seat"] == {"label": SEAT}
        assert {phase.name: seen} == {phase.name: wanted}
        return observed
