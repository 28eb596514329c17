"""The authorization matrix as data: one row per root field and per restricted field.

Each row is an operation and the exact response each authenticated caller gets
(see authz_world for who they are). The three unauthenticated callers get a 401
on every row, and only the callers in ``may_write`` may change anything.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from resolvers import policy
from tests.gateway.authz_world import ADMIN, FOREIGN_ADMIN, MEMBER, PERIOD, AuthzWorld

Body = dict[str, Any]
Expected = Body | Callable[[AuthzWorld], Body]
Variables = Callable[[AuthzWorld], dict[str, Any]]

ACME_EVERYONE = [
    {"email": "ada.admin@acme.example"},
    {"email": "ben.bell@acme.example"},
    {"email": "cai.chen@acme.example"},
    {"email": "dee.dunn@acme.example"},
]
ACME_ACTIVE = ACME_EVERYONE[:3]
GLOBEX_EVERYONE = [{"email": "gus.grant@globex.example"}]


def no_variables(world: AuthzWorld) -> dict[str, Any]:
    return {}


def cai(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.cai)}


def cais_call(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.call)}


@dataclass(frozen=True)
class Row:
    coordinate: str  # the schema field the row is about: "Query.users", "User.statusHistory"
    document: str  # one line, so that error columns are where the text says
    member: Expected
    foreign_admin: Expected
    admin: Expected
    variables: Variables = no_variables
    may_write: frozenset[str] = field(default_factory=frozenset)
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.coordinate}{f' ({self.label})' if self.label else ''}"

    def expected(self, caller: str, world: AuthzWorld) -> Body:
        value = {MEMBER: self.member, ADMIN: self.admin}.get(caller, self.foreign_admin)
        return value(world) if callable(value) else value


def data(name: str, value: Any) -> Body:
    return {"data": {name: value}}


def forbidden(document: str, field_name: str, path: list[str]) -> Body:
    """A member reading another user's private field: the user is nulled, the error says why."""
    column = document.index(field_name) + 1
    return {
        "data": {path[0]: None},
        "errors": [{
            "message": "Only an admin may see this.",
            "locations": [{"line": 1, "column": column}],
            "path": path,
            "extensions": {"code": "FORBIDDEN"},
        }],
    }  # fmt: skip


def refused(name: str, code: str, field: list[str], **nulls: Any) -> Body:
    return data(name, {**nulls, "userErrors": [{"code": code, "field": field}]})


def status_rows() -> list[Row]:
    single = "mutation($id: ID!) {{ {name}(input: {{userId: $id}}) {{ changed user {{ email status }} userErrors {{ code field }} }} }}"
    bulk = "mutation($id: ID!) {{ {name}(input: {{userIds: [$id]}}) {{ results {{ changed user {{ email }} userErrors {{ code }} }} userErrors {{ code }} }} }}"
    rows = []
    for name, target, status in (
        ("activateUser", "dee", "ACTIVE"),
        ("deactivateUser", "cai", "DEACTIVATED"),
    ):
        email = f"{target}.{'dunn' if target == 'dee' else 'chen'}@acme.example"
        ids: Variables = (lambda w: {"id": w.gid(w.dee)}) if target == "dee" else cai
        nulls = {"changed": False, "user": None}
        rows.append(Row(
            f"Mutation.{name}", single.format(name=name), variables=ids,
            member=refused(name, "FORBIDDEN", ["input"], **nulls),
            foreign_admin=refused(name, "NOT_FOUND", ["input", "userId"], **nulls),
            admin=data(name, {"changed": True, "user": {"email": email, "status": status}, "userErrors": []}),
            may_write=frozenset({ADMIN}),
        ))  # fmt: skip
        bulk_name = f"{name}s"

        def result(changed: bool, user: Any, codes: list[str], name: str = bulk_name) -> Body:
            errors = [{"code": code} for code in codes]
            return data(
                name,
                {
                    "results": [{"changed": changed, "user": user, "userErrors": errors}],
                    "userErrors": [],
                },
            )

        rows.append(Row(
            f"Mutation.{bulk_name}", bulk.format(name=bulk_name), variables=ids,
            member=result(False, None, ["FORBIDDEN"]),
            foreign_admin=result(False, None, ["NOT_FOUND"]),
            admin=result(True, {"email": email}, []),
            may_write=frozenset({ADMIN}),
        ))  # fmt: skip
    return rows


UPDATE_NAME = 'mutation($id: ID!) { updateUser(input: {userId: $id, displayName: "Cai C."}) { user { displayName } userErrors { code field } } }'
UPDATE_ACTIVE = "mutation($id: ID!) { updateUser(input: {userId: $id, active: false}) { user { active } statusChange { changed } userErrors { code field } } }"
ADD_COMMENT = 'mutation($id: ID!) { addComment(input: {callId: $id, body: "Done"}) { comment { body author { email } } userErrors { code field } } }'
CONNECT = 'mutation($id: ID!) { connectVideoIntegration(input: {userId: $id, provider: GOOGLE_MEET, accountEmail: "cai@meet.example"}) { videoIntegration { provider accountEmail } userErrors { code field } } }'

MUTATION_ROWS = [
    *status_rows(),
    Row(
        "Mutation.updateUser", UPDATE_NAME, variables=cai, label="displayName",
        member=refused("updateUser", "FORBIDDEN", ["input"], user=None),
        foreign_admin=refused("updateUser", "NOT_FOUND", ["input", "userId"], user=None),
        admin=data("updateUser", {"user": {"displayName": "Cai C."}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.updateUser", UPDATE_ACTIVE, variables=cai, label="active",
        member=refused("updateUser", "FORBIDDEN", ["input"], user=None, statusChange=None),
        foreign_admin=refused("updateUser", "NOT_FOUND", ["input", "userId"], user=None, statusChange=None),
        admin=data("updateUser", {"user": {"active": False}, "statusChange": {"changed": True}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.addComment", ADD_COMMENT, variables=cais_call,
        member=data("addComment", {"comment": {"body": "Done", "author": {"email": "ben.bell@acme.example"}}, "userErrors": []}),
        foreign_admin=refused("addComment", "NOT_FOUND", ["input", "callId"], comment=None),
        admin=data("addComment", {"comment": {"body": "Done", "author": {"email": "ada.admin@acme.example"}}, "userErrors": []}),
        may_write=frozenset({ADMIN, MEMBER}),
    ),
    Row(
        "Mutation.connectVideoIntegration", CONNECT, variables=cai,
        member=refused("connectVideoIntegration", "FORBIDDEN", ["input", "userId"], videoIntegration=None),
        foreign_admin=refused("connectVideoIntegration", "NOT_FOUND", ["input", "userId"], videoIntegration=None),
        admin=data("connectVideoIntegration", {"videoIntegration": {"provider": "GOOGLE_MEET", "accountEmail": "cai@meet.example"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
]  # fmt: skip

NODE = "query($id: ID!) { node(id: $id) { __typename ... on User { email } } }"
DASHBOARD = "query($from: DateTime!, $to: DateTime!) { dashboard(from: $from, to: $to) { overview { callCount totalDurationSeconds } byUser { user { email } callCount } } }"
DASHBOARD_OF = "query($from: DateTime!, $to: DateTime!, $users: [ID!], $groups: [ID!]) { dashboard(from: $from, to: $to, userIds: $users, groupIds: $groups) { overview { callCount } byUser { user { email } callCount } } }"
REPORT = "query($from: DateTime!, $to: DateTime!) { callCenterReport(from: $from, to: $to) { user { email } inboundCount totalTalkSeconds } }"
COMMENTS = "query($id: ID!) { comments(callId: $id) { body author { email } mentions { email } } }"


def period(world: AuthzWorld) -> dict[str, Any]:
    return dict(PERIOD)


def cai_and_sales(world: AuthzWorld) -> dict[str, Any]:
    return {**PERIOD, "users": [world.gid(world.cai)], "groups": [world.gid(world.sales)]}


def _query_row(
    coordinate: str,
    document: str,
    acme: Body,
    globex: Body,
    variables: Variables = no_variables,
    label: str = "",
) -> Row:
    return Row(
        coordinate,
        document,
        member=acme,
        foreign_admin=globex,
        admin=acme,
        variables=variables,
        label=label,
    )


# The chart is the same for every tenant: everyone who may log in reads all of it.
CHART = [{"product": rule.product.value, "field": rule.field} for rule in policy.RULES]

QUERY_ROWS = [
    _query_row("Query.activationPolicy", "{ activationPolicy { product field } }", data("activationPolicy", CHART), data("activationPolicy", CHART)),
    _query_row("Query.node", NODE, data("node", {"__typename": "User", "email": "cai.chen@acme.example"}), data("node", None), cai),
    Row(
        "Query.me", "{ me { email } }",
        member=data("me", {"email": "ben.bell@acme.example"}),
        foreign_admin=data("me", GLOBEX_EVERYONE[0]),
        admin=data("me", {"email": "ada.admin@acme.example"}),
    ),
    _query_row("Query.user", "query($id: ID!) { user(id: $id) { email } }", data("user", {"email": "cai.chen@acme.example"}), data("user", None), cai),
    _query_row(
        "Query.users", "{ users(first: 10) { totalCount edges { node { email } } } }",
        data("users", {"totalCount": 4, "edges": [{"node": user} for user in ACME_EVERYONE]}),
        data("users", {"totalCount": 1, "edges": [{"node": user} for user in GLOBEX_EVERYONE]}),
    ),
    _query_row(
        "Query.availableUsers", "{ availableUsers(first: 10) { totalCount edges { node { email } } } }",
        data("availableUsers", {"totalCount": 3, "edges": [{"node": user} for user in ACME_ACTIVE]}),
        data("availableUsers", {"totalCount": 1, "edges": [{"node": user} for user in GLOBEX_EVERYONE]}),
    ),
    _query_row(
        "Query.userGroups", "{ userGroups { name members { email } } }",
        data("userGroups", [{"name": "Sales", "members": ACME_ACTIVE[1:3]}]), data("userGroups", []),
    ),
    _query_row(
        "Query.incomingCallRules", "{ incomingCallRules { name receivable targetUser { email } } }",
        data("incomingCallRules", [{"name": "Front desk", "receivable": True, "targetUser": {"email": "cai.chen@acme.example"}}]),
        data("incomingCallRules", []),
    ),
    _query_row(
        "Query.dashboard", DASHBOARD,
        data("dashboard", {
            "overview": {"callCount": 2, "totalDurationSeconds": 150},
            "byUser": [{"user": user, "callCount": count} for user, count in zip(ACME_ACTIVE, (0, 1, 1), strict=True)],
        }),
        data("dashboard", {"overview": {"callCount": 0, "totalDurationSeconds": 0}, "byUser": [{"user": GLOBEX_EVERYONE[0], "callCount": 0}]}),
        period,
    ),
    _query_row(
        "Query.dashboard", DASHBOARD_OF, label="acme's ids in the conditions",
        acme=data("dashboard", {"overview": {"callCount": 2}, "byUser": [{"user": user, "callCount": 1} for user in ACME_ACTIVE[1:3]]}),
        globex=data("dashboard", {"overview": {"callCount": 0}, "byUser": []}),
        variables=cai_and_sales,
    ),
    _query_row(
        "Query.mentionSuggestions", '{ mentionSuggestions(query: "cai") { email } }',
        data("mentionSuggestions", [{"email": "cai.chen@acme.example"}]), data("mentionSuggestions", []),
    ),
    _query_row(
        "Query.comments", COMMENTS,
        data("comments", [{"body": "Call back on Friday", "author": {"email": "ben.bell@acme.example"}, "mentions": [{"email": "cai.chen@acme.example"}]}]),
        data("comments", []), cais_call,
    ),
    _query_row("Query.phoneUserMenu", "{ phoneUserMenu { email } }", data("phoneUserMenu", ACME_ACTIVE), data("phoneUserMenu", GLOBEX_EVERYONE)),
    _query_row("Query.mobileInternalContacts", "{ mobileInternalContacts { email } }", data("mobileInternalContacts", ACME_ACTIVE), data("mobileInternalContacts", GLOBEX_EVERYONE)),
    _query_row(
        "Query.seatMap", "{ seatMap { label occupant { email } } }",
        data("seatMap", [{"label": "A-1", "occupant": {"email": "cai.chen@acme.example"}}]), data("seatMap", []),
    ),
    _query_row("Query.realtimeMonitor", "{ realtimeMonitor { email } }", data("realtimeMonitor", ACME_ACTIVE), data("realtimeMonitor", GLOBEX_EVERYONE)),
    _query_row(
        "Query.callCenterReport", REPORT,
        data("callCenterReport", [
            {"user": user, "inboundCount": inbound, "totalTalkSeconds": talk}
            for user, inbound, talk in zip(ACME_ACTIVE, (0, 0, 1), (0, 30, 120), strict=True)
        ]),
        data("callCenterReport", [{"user": GLOBEX_EVERYONE[0], "inboundCount": 0, "totalTalkSeconds": 0}]),
        period,
    ),
]  # fmt: skip


def _private_row(field_name: str, selection: str, cais: Any) -> Row:
    document = f"query($id: ID!) {{ user(id: $id) {{ {field_name}{selection} }} }}"
    return Row(
        f"User.{field_name}",
        document,
        variables=cai,
        label="another user's",
        member=forbidden(document, field_name, ["user", field_name]),
        foreign_admin=data("user", None),
        admin=data("user", {field_name: cais}),
    )


OWN_PRIVATE = "{ me { statusHistory { action } videoIntegrations { provider accountEmail } callHistory { totalCount } meetingHistory { totalCount } } }"

RESTRICTED_ROWS = [
    _private_row("statusHistory", " { action actorKind actor { email } }", [{"action": "ACTIVATED", "actorKind": "USER", "actor": {"email": "ada.admin@acme.example"}}]),
    _private_row("videoIntegrations", " { provider accountEmail }", [{"provider": "ZOOM", "accountEmail": "cai@zoom.example"}]),
    _private_row("callHistory", "(first: 5) { totalCount edges { node { durationSeconds } } }", {"totalCount": 1, "edges": [{"node": {"durationSeconds": 120}}]}),
    _private_row("meetingHistory", "(first: 5) { totalCount edges { node { title } } }", {"totalCount": 1, "edges": [{"node": {"title": "Pipeline review"}}]}),
    Row(
        "User.statusHistory", OWN_PRIVATE, label="the caller's own, every private field",
        member=data("me", {"statusHistory": [], "videoIntegrations": [{"provider": "MICROSOFT_TEAMS", "accountEmail": "ben@teams.example"}], "callHistory": {"totalCount": 1}, "meetingHistory": {"totalCount": 0}}),
        foreign_admin=data("me", {"statusHistory": [], "videoIntegrations": [], "callHistory": {"totalCount": 0}, "meetingHistory": {"totalCount": 0}}),
        admin=data("me", {"statusHistory": [], "videoIntegrations": [], "callHistory": {"totalCount": 0}, "meetingHistory": {"totalCount": 0}}),
    ),
]  # fmt: skip

# issue 13, a leave scheduled: admins only, their own tenant's queue.
SCHEDULED = "{ scheduledStatusChanges(first: 10) { totalCount edges { node { action at state user { email } } } } }"
SCHEDULE = 'mutation($id: ID!) { scheduleUserStatusChange(input: {userId: $id, action: ACTIVATED, at: "2099-02-01T00:00:00Z"}) { scheduledStatusChange { action at state user { email } } userErrors { code field } } }'
CANCEL = "mutation($id: ID!) { cancelScheduledStatusChange(input: {id: $id}) { scheduledStatusChange { state } userErrors { code field } } }"
USERS_SCHEDULED = "query($id: ID!) { user(id: $id) { scheduledStatusChanges { action state } } }"
CAIS_LEAVE = {
    "action": "DEACTIVATED",
    "at": "2099-01-05T00:00:00+00:00",
    "state": "PENDING",
    "user": {"email": "cai.chen@acme.example"},
}


def cais_leave(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.leave)}


def admins_only(document: str, field_name: str, path: list[str], data_value: Any = None) -> Body:
    column = document.index(field_name) + 1
    return {
        "data": data_value,
        "errors": [{
            "message": "Only an admin may see this.",
            "locations": [{"line": 1, "column": column}],
            "path": path,
            "extensions": {"code": "FORBIDDEN"},
        }],
    }  # fmt: skip


SCHEDULE_ROWS = [
    Row(
        "Query.scheduledStatusChanges", SCHEDULED,
        member=admins_only(SCHEDULED, "scheduledStatusChanges", ["scheduledStatusChanges"]),
        foreign_admin=data("scheduledStatusChanges", {"totalCount": 0, "edges": []}),
        admin=data("scheduledStatusChanges", {"totalCount": 1, "edges": [{"node": CAIS_LEAVE}]}),
    ),
    Row(
        "Mutation.scheduleUserStatusChange", SCHEDULE, variables=cai,
        member=refused("scheduleUserStatusChange", "FORBIDDEN", ["input"], scheduledStatusChange=None),
        foreign_admin=refused("scheduleUserStatusChange", "NOT_FOUND", ["input", "userId"], scheduledStatusChange=None),
        admin=data("scheduleUserStatusChange", {"scheduledStatusChange": {**CAIS_LEAVE, "action": "ACTIVATED", "at": "2099-02-01T00:00:00+00:00"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.cancelScheduledStatusChange", CANCEL, variables=cais_leave,
        member=refused("cancelScheduledStatusChange", "FORBIDDEN", ["input"], scheduledStatusChange=None),
        foreign_admin=refused("cancelScheduledStatusChange", "NOT_FOUND", ["input", "id"], scheduledStatusChange=None),
        admin=data("cancelScheduledStatusChange", {"scheduledStatusChange": {"state": "CANCELLED"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "User.scheduledStatusChanges", USERS_SCHEDULED, variables=cai, label="admins only",
        member=admins_only(USERS_SCHEDULED, "scheduledStatusChanges", ["user", "scheduledStatusChanges"], {"user": None}),
        foreign_admin=data("user", None),
        admin=data("user", {"scheduledStatusChanges": [{"action": "DEACTIVATED", "state": "PENDING"}]}),
    ),
]  # fmt: skip

# issue 13: phone numbers and incoming call rules
PHONE_NUMBERS = (
    "{ phoneNumbers(first: 10) { totalCount edges { node { number user { email } } } } }"
)
ASSIGN = 'mutation($id: ID!) { assignPhoneNumber(input: {userId: $id, number: "+81 3 1234 5678"}) { phoneNumber { number user { email } } userErrors { code field } } }'
UNASSIGN = "mutation($id: ID!) { unassignPhoneNumber(input: {phoneNumberId: $id}) { phoneNumber { number user { email } } userErrors { code field } } }"
CREATE_RULE = 'mutation($phone: ID!, $user: ID!) { createIncomingCallRule(input: {name: "Cai direct", phoneNumberId: $phone, action: CALL_SPECIFIC_USER, targetUserId: $user}) { incomingCallRule { name receivable targetUser { email } } userErrors { code field } } }'
UPDATE_RULE = 'mutation($id: ID!) { updateIncomingCallRule(input: {ruleId: $id, name: "Reception"}) { incomingCallRule { name } userErrors { code field } } }'
DELETE_RULE = "mutation($id: ID!) { deleteIncomingCallRule(input: {ruleId: $id}) { deletedRuleId userErrors { code field } } }"


def cais_phone(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.phone)}


def cais_rule(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.rule)}


def phone_and_cai(world: AuthzWorld) -> dict[str, Any]:
    return {"phone": world.gid(world.phone), "user": world.gid(world.cai)}


NUMBERS_AND_RULES_ROWS = [
    Row(
        "Query.phoneNumbers", PHONE_NUMBERS,
        member=admins_only(PHONE_NUMBERS, "phoneNumbers", ["phoneNumbers"]),
        foreign_admin=data("phoneNumbers", {"totalCount": 0, "edges": []}),
        admin=data("phoneNumbers", {"totalCount": 1, "edges": [{"node": {"number": "+81312340001", "user": {"email": "cai.chen@acme.example"}}}]}),
    ),
    Row(
        "Mutation.assignPhoneNumber", ASSIGN, variables=cai,
        member=refused("assignPhoneNumber", "FORBIDDEN", ["input"], phoneNumber=None),
        foreign_admin=refused("assignPhoneNumber", "NOT_FOUND", ["input", "userId"], phoneNumber=None),
        admin=data("assignPhoneNumber", {"phoneNumber": {"number": "+81312345678", "user": {"email": "cai.chen@acme.example"}}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.unassignPhoneNumber", UNASSIGN, variables=cais_phone,
        member=refused("unassignPhoneNumber", "FORBIDDEN", ["input"], phoneNumber=None),
        foreign_admin=refused("unassignPhoneNumber", "NOT_FOUND", ["input", "phoneNumberId"], phoneNumber=None),
        admin=data("unassignPhoneNumber", {"phoneNumber": {"number": "+81312340001", "user": None}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.createIncomingCallRule", CREATE_RULE, variables=phone_and_cai,
        member=refused("createIncomingCallRule", "FORBIDDEN", ["input"], incomingCallRule=None),
        foreign_admin=refused("createIncomingCallRule", "NOT_FOUND", ["input", "phoneNumberId"], incomingCallRule=None),
        admin=data("createIncomingCallRule", {"incomingCallRule": {"name": "Cai direct", "receivable": True, "targetUser": {"email": "cai.chen@acme.example"}}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.updateIncomingCallRule", UPDATE_RULE, variables=cais_rule,
        member=refused("updateIncomingCallRule", "FORBIDDEN", ["input"], incomingCallRule=None),
        foreign_admin=refused("updateIncomingCallRule", "NOT_FOUND", ["input", "ruleId"], incomingCallRule=None),
        admin=data("updateIncomingCallRule", {"incomingCallRule": {"name": "Reception"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.deleteIncomingCallRule", DELETE_RULE, variables=cais_rule,
        member=refused("deleteIncomingCallRule", "FORBIDDEN", ["input"], deletedRuleId=None),
        foreign_admin=refused("deleteIncomingCallRule", "NOT_FOUND", ["input", "ruleId"], deletedRuleId=None),
        admin=lambda world: data("deleteIncomingCallRule", {"deletedRuleId": world.gid(world.rule), "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
]  # fmt: skip


# issue 13: people and API tokens
def cais_token(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.cai_token)}


API_TOKENS = "{ apiTokens { totalCount edges { node { name active user { email } } } } }"
CREATE_USER = 'mutation { createUser(input: {email: "nia.new@acme.example", displayName: "Nia New"}) { user { email role } userErrors { code field } } }'
UPDATE_EMAIL_ROLE = 'mutation($id: ID!) { updateUser(input: {userId: $id, email: "cai@acme.example", role: ADMIN}) { user { email role } userErrors { code field } } }'
CREATE_TOKEN = 'mutation($id: ID!) { createApiToken(input: {userId: $id, name: "cai-ci"}) { apiToken { name active user { email } } userErrors { code field } } }'
REVOKE_TOKEN = "mutation($id: ID!) { revokeApiToken(input: {tokenId: $id}) { apiToken { name active } userErrors { code field } } }"


def _token(name: str, email: str) -> Body:
    return {"node": {"name": name, "active": True, "user": {"email": email}}}


NIA = data(
    "createUser", {"user": {"email": "nia.new@acme.example", "role": "MEMBER"}, "userErrors": []}
)
PEOPLE_AND_TOKEN_ROWS = [
    Row(
        "Query.apiTokens", API_TOKENS,
        member=data("apiTokens", {"totalCount": 1, "edges": [_token("", "ben.bell@acme.example")]}),
        foreign_admin=data("apiTokens", {"totalCount": 1, "edges": [_token("", "gus.grant@globex.example")]}),
        admin=data("apiTokens", {"totalCount": 4, "edges": [
            _token("", "ada.admin@acme.example"), _token("", "ben.bell@acme.example"),
            _token("", "dee.dunn@acme.example"), _token("cai-laptop", "cai.chen@acme.example"),
        ]}),
    ),
    Row(
        "Mutation.createUser", CREATE_USER,
        member=refused("createUser", "FORBIDDEN", ["input"], user=None),
        foreign_admin=NIA, admin=NIA,  # each in their own tenant
        may_write=frozenset({ADMIN, FOREIGN_ADMIN}),
    ),
    Row(
        "Mutation.updateUser", UPDATE_EMAIL_ROLE, variables=cai, label="email and role",
        member=refused("updateUser", "FORBIDDEN", ["input"], user=None),
        foreign_admin=refused("updateUser", "NOT_FOUND", ["input", "userId"], user=None),
        admin=data("updateUser", {"user": {"email": "cai@acme.example", "role": "ADMIN"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.createApiToken", CREATE_TOKEN, variables=cai,
        member=refused("createApiToken", "FORBIDDEN", ["input"], apiToken=None),
        foreign_admin=refused("createApiToken", "NOT_FOUND", ["input", "userId"], apiToken=None),
        admin=data("createApiToken", {"apiToken": {"name": "cai-ci", "active": True, "user": {"email": "cai.chen@acme.example"}}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.revokeApiToken", REVOKE_TOKEN, variables=cais_token,
        member=refused("revokeApiToken", "FORBIDDEN", ["input"], apiToken=None),
        foreign_admin=refused("revokeApiToken", "NOT_FOUND", ["input", "tokenId"], apiToken=None),
        admin=data("revokeApiToken", {"apiToken": {"name": "cai-laptop", "active": False}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
]  # fmt: skip


# --- issue 13: groups, seats and the audit log ---
def cai_and_sales_group(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.cai), "group": world.gid(world.sales)}


def acme_seat(world: AuthzWorld) -> dict[str, Any]:
    return {"seat": world.gid(world.seat), "user": world.gid(world.ben)}


AUDIT_LOG = "{ auditLog { edges { node { action actor { email } targetUser { email } } } } }"
CREATE_GROUP = 'mutation($id: ID!) { createUserGroup(input: {name: "Night", memberIds: [$id]}) { userGroup { name members { email } } userErrors { code field } } }'
UPDATE_GROUP = 'mutation($group: ID!) { updateUserGroup(input: {groupId: $group, name: "Sales team"}) { userGroup { name } userErrors { code field } } }'
DELETE_GROUP = "mutation($group: ID!) { deleteUserGroup(input: {groupId: $group}) { deletedGroupId userErrors { code field } } }"
CREATE_SEAT = 'mutation { createSeat(input: {label: "B-1", x: 2, y: 3}) { seat { label occupant { email } } userErrors { code field } } }'
ASSIGN_SEAT = "mutation($seat: ID!, $user: ID) { assignSeat(input: {seatId: $seat, userId: $user}) { seat { label occupant { email } } userErrors { code field } } }"
DELETE_SEAT = "mutation($seat: ID!) { deleteSeat(input: {seatId: $seat}) { deletedSeatId userErrors { code field } } }"

GROUPS_SEATS_AUDIT_ROWS = [
    Row(
        "Query.auditLog", AUDIT_LOG,
        member={"data": None, "errors": [{
            "message": "Only an admin may see this.", "locations": [{"line": 1, "column": 3}],
            "path": ["auditLog"], "extensions": {"code": "FORBIDDEN"},
        }]},
        foreign_admin=data("auditLog", {"edges": []}),
        admin=data("auditLog", {"edges": [{"node": {
            "action": "USER_ACTIVATED", "actor": {"email": "ada.admin@acme.example"},
            "targetUser": {"email": "cai.chen@acme.example"},
        }}]}),
    ),
    Row(
        "Mutation.createUserGroup", CREATE_GROUP, variables=cai,
        member=refused("createUserGroup", "FORBIDDEN", ["input"], userGroup=None),
        foreign_admin=refused("createUserGroup", "NOT_FOUND", ["input", "memberIds", "0"], userGroup=None),
        admin=data("createUserGroup", {"userGroup": {"name": "Night", "members": [{"email": "cai.chen@acme.example"}]}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.updateUserGroup", UPDATE_GROUP, variables=cai_and_sales_group,
        member=refused("updateUserGroup", "FORBIDDEN", ["input"], userGroup=None),
        foreign_admin=refused("updateUserGroup", "NOT_FOUND", ["input", "groupId"], userGroup=None),
        admin=data("updateUserGroup", {"userGroup": {"name": "Sales team"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.deleteUserGroup", DELETE_GROUP, variables=cai_and_sales_group,
        member=refused("deleteUserGroup", "FORBIDDEN", ["input"], deletedGroupId=None),
        foreign_admin=refused("deleteUserGroup", "NOT_FOUND", ["input", "groupId"], deletedGroupId=None),
        admin=lambda w: data("deleteUserGroup", {"deletedGroupId": w.gid(w.sales), "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.createSeat", CREATE_SEAT,
        member=refused("createSeat", "FORBIDDEN", ["input"], seat=None),
        # Another tenant's admin adds the seat to their own tenant's map.
        foreign_admin=data("createSeat", {"seat": {"label": "B-1", "occupant": None}, "userErrors": []}),
        admin=data("createSeat", {"seat": {"label": "B-1", "occupant": None}, "userErrors": []}),
        may_write=frozenset({ADMIN, FOREIGN_ADMIN}),
    ),
    Row(
        "Mutation.assignSeat", ASSIGN_SEAT, variables=acme_seat,
        member=refused("assignSeat", "FORBIDDEN", ["input"], seat=None),
        foreign_admin=refused("assignSeat", "NOT_FOUND", ["input", "userId"], seat=None),
        admin=data("assignSeat", {"seat": {"label": "A-1", "occupant": {"email": "ben.bell@acme.example"}}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.deleteSeat", DELETE_SEAT, variables=acme_seat,
        member=refused("deleteSeat", "FORBIDDEN", ["input"], deletedSeatId=None),
        foreign_admin=refused("deleteSeat", "NOT_FOUND", ["input", "seatId"], deletedSeatId=None),
        admin=lambda w: data("deleteSeat", {"deletedSeatId": w.gid(w.seat), "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
]  # fmt: skip


# --- issue 14: SCIM tokens ---
def acme_scim_token(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.node_gid("ScimToken")}


def scim_token_as_api_token(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.scim_token)}  # an ApiToken id of the SCIM token's row


SCIM_TOKENS = "{ scimTokens { totalCount edges { node { name active } } } }"
CREATE_SCIM = 'mutation { createScimToken(input: {name: "okta"}) { scimToken { name active revokedAt } userErrors { code field } } }'
REVOKE_SCIM = "mutation($id: ID!) { revokeScimToken(input: {tokenId: $id}) { scimToken { name active } userErrors { code field } } }"
OKTA = data(
    "createScimToken",
    {"scimToken": {"name": "okta", "active": True, "revokedAt": None}, "userErrors": []},
)

SCIM_TOKEN_ROWS = [
    Row(
        "Query.scimTokens", SCIM_TOKENS,
        member=admins_only(SCIM_TOKENS, "scimTokens", ["scimTokens"]),
        foreign_admin=data("scimTokens", {"totalCount": 1, "edges": [{"node": {"name": "globex-entra", "active": True}}]}),
        admin=data("scimTokens", {"totalCount": 1, "edges": [{"node": {"name": "acme-okta", "active": True}}]}),
    ),
    Row(
        "Mutation.createScimToken", CREATE_SCIM,
        member=refused("createScimToken", "FORBIDDEN", ["input"], scimToken=None),
        foreign_admin=OKTA, admin=OKTA,  # each in their own tenant
        may_write=frozenset({ADMIN, FOREIGN_ADMIN}),
    ),
    Row(
        "Mutation.revokeScimToken", REVOKE_SCIM, variables=acme_scim_token,
        member=refused("revokeScimToken", "FORBIDDEN", ["input"], scimToken=None),
        foreign_admin=refused("revokeScimToken", "NOT_FOUND", ["input", "tokenId"], scimToken=None),
        admin=data("revokeScimToken", {"scimToken": {"name": "acme-okta", "active": False}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.revokeApiToken", REVOKE_TOKEN, variables=scim_token_as_api_token,
        label="a SCIM token's row by an ApiToken id",
        member=refused("revokeApiToken", "NOT_FOUND", ["input", "tokenId"], apiToken=None),
        foreign_admin=refused("revokeApiToken", "NOT_FOUND", ["input", "tokenId"], apiToken=None),
        admin=refused("revokeApiToken", "NOT_FOUND", ["input", "tokenId"], apiToken=None),
    ),
]  # fmt: skip

# --- issue 16: calls enter through an API ---
RECORD_CALLS = 'mutation($id: ID!) { recordCalls(input: {calls: [{externalId: "pbx-1", userId: $id, direction: INBOUND, startedAt: "2026-11-20T09:00:00Z", durationSeconds: 60, counterpartNumber: "+81312345678"}]}) { recordedCount alreadyRecordedCount results { externalId recorded call { durationSeconds user { email } } userErrors { code field } } userErrors { code field } } }'


def recorded(results: list[Any], count: int, errors: list[Any]) -> Body:
    return data("recordCalls", {
        "recordedCount": count, "alreadyRecordedCount": 0, "results": results, "userErrors": errors,
    })  # fmt: skip


CALL_ROWS = [
    Row(
        "Mutation.recordCalls", RECORD_CALLS, variables=cai,
        member=recorded([], 0, [{"code": "FORBIDDEN", "field": ["input"]}]),
        foreign_admin=recorded([{"externalId": "pbx-1", "recorded": False, "call": None, "userErrors": [
            {"code": "NOT_FOUND", "field": ["input", "calls", "0", "userId"]},
        ]}], 0, []),
        admin=recorded([{"externalId": "pbx-1", "recorded": True, "call": {
            "durationSeconds": 60, "user": {"email": "cai.chen@acme.example"},
        }, "userErrors": []}], 1, []),
        may_write=frozenset({ADMIN}),
    ),
]  # fmt: skip


# --- issue 15: webhooks ---
def acme_hook(world: AuthzWorld) -> dict[str, Any]:
    return {"id": world.gid(world.hook)}


HOOKS = "{ webhookEndpoints { totalCount edges { node { url description events enabled } } } }"
HOOK_DELIVERIES = "query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }"
CREATE_HOOK = 'mutation { createWebhookEndpoint(input: {url: "https://93.184.215.14/new", events: [USER_ACTIVATED]}) { webhookEndpoint { url events enabled } userErrors { code field } } }'
UPDATE_HOOK = 'mutation($id: ID!) { updateWebhookEndpoint(input: {id: $id, description: "PBX"}) { webhookEndpoint { url description } userErrors { code field } } }'
DELETE_HOOK = "mutation($id: ID!) { deleteWebhookEndpoint(input: {id: $id}) { deletedWebhookEndpointId userErrors { code field } } }"
ROTATE_HOOK = "mutation($id: ID!) { rotateWebhookSecret(input: {id: $id}) { webhookEndpoint { url } userErrors { code field } } }"
NEW_HOOK = data("createWebhookEndpoint", {
    "webhookEndpoint": {"url": "https://93.184.215.14/new", "events": ["USER_ACTIVATED"], "enabled": True},
    "userErrors": [],
})  # fmt: skip


def hook_page(url: str, description: str, event: str) -> Body:
    node = {"url": url, "description": description, "events": [event], "enabled": True}
    return data("webhookEndpoints", {"totalCount": 1, "edges": [{"node": node}]})


WEBHOOK_ROWS = [
    Row(
        "Query.webhookEndpoints", HOOKS,
        member=admins_only(HOOKS, "webhookEndpoints", ["webhookEndpoints"]),
        foreign_admin=hook_page("https://93.184.215.14/globex", "CRM", "USER_ACTIVATED"),
        admin=hook_page("https://93.184.215.14/acme", "Phone backend", "USER_DEACTIVATED"),
    ),
    Row(
        "Query.webhookDeliveries", HOOK_DELIVERIES, variables=acme_hook,
        member=admins_only(HOOK_DELIVERIES, "webhookDeliveries", ["webhookDeliveries"]),
        foreign_admin={"data": None, "errors": [{
            "message": "No webhook endpoint with this id.",
            "locations": [{"line": 1, "column": HOOK_DELIVERIES.index("webhookDeliveries") + 1}],
            "path": ["webhookDeliveries"], "extensions": {"code": "NOT_FOUND"},
        }]},
        admin=data("webhookDeliveries", {"totalCount": 0}),
    ),
    Row(
        "Mutation.createWebhookEndpoint", CREATE_HOOK,
        member=refused("createWebhookEndpoint", "FORBIDDEN", ["input"], webhookEndpoint=None),
        foreign_admin=NEW_HOOK, admin=NEW_HOOK,  # each in their own tenant
        may_write=frozenset({ADMIN, FOREIGN_ADMIN}),
    ),
    Row(
        "Mutation.updateWebhookEndpoint", UPDATE_HOOK, variables=acme_hook,
        member=refused("updateWebhookEndpoint", "FORBIDDEN", ["input"], webhookEndpoint=None),
        foreign_admin=refused("updateWebhookEndpoint", "NOT_FOUND", ["input", "id"], webhookEndpoint=None),
        admin=data("updateWebhookEndpoint", {"webhookEndpoint": {"url": "https://93.184.215.14/acme", "description": "PBX"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.deleteWebhookEndpoint", DELETE_HOOK, variables=acme_hook,
        member=refused("deleteWebhookEndpoint", "FORBIDDEN", ["input"], deletedWebhookEndpointId=None),
        foreign_admin=refused("deleteWebhookEndpoint", "NOT_FOUND", ["input", "id"], deletedWebhookEndpointId=None),
        admin=lambda w: data("deleteWebhookEndpoint", {"deletedWebhookEndpointId": w.gid(w.hook), "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
    Row(
        "Mutation.rotateWebhookSecret", ROTATE_HOOK, variables=acme_hook,
        member=refused("rotateWebhookSecret", "FORBIDDEN", ["input"], webhookEndpoint=None),
        foreign_admin=refused("rotateWebhookSecret", "NOT_FOUND", ["input", "id"], webhookEndpoint=None),
        admin=data("rotateWebhookSecret", {"webhookEndpoint": {"url": "https://93.184.215.14/acme"}, "userErrors": []}),
        may_write=frozenset({ADMIN}),
    ),
]  # fmt: skip

ROWS = [
    *QUERY_ROWS,
    *MUTATION_ROWS,
    *RESTRICTED_ROWS,
    *SCHEDULE_ROWS,
    *PEOPLE_AND_TOKEN_ROWS,
    *NUMBERS_AND_RULES_ROWS,
    *GROUPS_SEATS_AUDIT_ROWS,
    *SCIM_TOKEN_ROWS,
    *CALL_ROWS,
    *WEBHOOK_ROWS,
]
