"""Every userError's ``field`` is a real path into its mutation's input.

Each mutation of the schema has cases that provoke its refusals; every error they give
must name an argument, then fields of its input types, then (into a list) the index of
an item the input has. A mutation added without cases fails the first test.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)

from resolvers.ids import to_global_id
from resolvers.tokens import Caller
from schemas.graph import plain_schemas
from tests.admin.full_world import FullWorld, build_full_world
from tests.graphql import data_of

NOBODY = to_global_id("User", 424242)
FUTURE = "2099-01-05T09:00:00+09:00"
NO_CHANGE = to_global_id("ScheduledStatusChange", 424242)
NO_HOOK = to_global_id("WebhookEndpoint", 424242)


@dataclass(frozen=True)
class Case:
    id: str
    mutation: str
    input: Callable[[FullWorld], dict[str, Any]]
    caller: Callable[[FullWorld], Caller] = lambda world: world.admin


def _call(user_id: str, external_id: str) -> dict[str, Any]:
    return {
        "externalId": external_id,
        "userId": user_id,
        "direction": "INBOUND",
        "startedAt": "2026-11-20T09:00:00+09:00",
        "durationSeconds": 60,
        "counterpartNumber": "+81312345678",
    }


def _hook(url: str = "https://93.184.215.14/roster") -> dict[str, Any]:
    return {"url": url, "events": ["USER_DEACTIVATED"]}


def _ids(world: FullWorld, *users: Any) -> list[str]:
    return [world.gid(user) for user in users]


CASES = [
    Case("member", "activateUser", lambda w: {"userId": w.gid(w.dee)}, lambda w: w.member),
    Case("undecodable", "activateUser", lambda w: {"userId": "nonsense"}),
    Case("unknown", "activateUser", lambda w: {"userId": NOBODY}),
    Case("self", "deactivateUser", lambda w: {"userId": w.gid(w.ada), "dryRun": True}),
    Case(
        "reassign-to-deactivated",
        "deactivateUser",
        lambda w: {"userId": w.gid(w.ben), "reassignIncomingCallRulesTo": w.gid(w.dee)},
    ),
    Case(
        "reassign-to-nobody",
        "deactivateUser",
        lambda w: {"userId": w.gid(w.ben), "reassignIncomingCallRulesTo": NOBODY},
    ),
    Case(
        "items",
        "activateUsers",
        lambda w: {"userIds": [w.gid(w.dee), NOBODY, "nonsense"]},
    ),
    Case(
        "items-dry-run",
        "activateUsers",
        lambda w: {"userIds": [NOBODY, w.gid(w.dee), "nonsense"], "dryRun": True},
    ),
    Case("too-many", "activateUsers", lambda w: {"userIds": [w.gid(w.dee)] * 501}),
    Case(
        "items",
        "deactivateUsers",
        lambda w: {"userIds": [w.gid(w.ben), NOBODY, w.gid(w.ada), "nonsense"]},
    ),
    Case(
        "items-dry-run",
        "deactivateUsers",
        lambda w: {"userIds": [w.gid(w.ada), w.gid(w.ben), NOBODY], "dryRun": True},
    ),
    Case(
        "member",
        "deactivateUsers",
        lambda w: {"userIds": [w.gid(w.ben), w.gid(w.dee)]},
        lambda w: w.member,
    ),
    Case("blank-name", "updateUser", lambda w: {"userId": w.gid(w.ben), "displayName": " "}),
    Case("self", "updateUser", lambda w: {"userId": w.gid(w.ada), "active": False}),
    Case("unknown", "updateUser", lambda w: {"userId": NOBODY, "active": True}),
    Case(
        "member",
        "updateUser",
        lambda w: {"userId": w.gid(w.ben), "active": False},
        lambda w: w.member,
    ),
    Case("blank-body", "addComment", lambda w: {"callId": w.call_gid, "body": " "}),
    Case(
        "unknown-call", "addComment", lambda w: {"callId": to_global_id("Call", 999), "body": "x"}
    ),
    Case(
        "deactivated-mention",
        "addComment",
        lambda w: {"callId": w.call_gid, "body": "hi", "mentionUserIds": _ids(w, w.cai, w.dee)},
    ),
    Case(
        "unknown-mention",
        "addComment",
        lambda w: {"callId": w.call_gid, "body": "hi", "mentionUserIds": [NOBODY]},
    ),
    Case(
        "bad-email",
        "connectVideoIntegration",
        lambda w: {"userId": w.gid(w.ben), "provider": "ZOOM", "accountEmail": "no"},
    ),
    Case(
        "deactivated",
        "connectVideoIntegration",
        lambda w: {"userId": w.gid(w.dee), "provider": "ZOOM", "accountEmail": "d@x.example"},
    ),
    Case(
        "someone-else",
        "connectVideoIntegration",
        lambda w: {"userId": w.gid(w.ben), "provider": "ZOOM", "accountEmail": "b@x.example"},
        lambda w: w.member,
    ),
    # issue 13, a leave scheduled
    Case(
        "member",
        "scheduleUserStatusChange",
        lambda w: {"userId": w.gid(w.ben), "action": "DEACTIVATED", "at": FUTURE},
        lambda w: w.member,
    ),
    Case(
        "past",
        "scheduleUserStatusChange",
        lambda w: {"userId": w.gid(w.ben), "action": "DEACTIVATED", "at": "2020-01-01T00:00:00Z"},
    ),
    Case(
        "unknown",
        "scheduleUserStatusChange",
        lambda w: {"userId": NOBODY, "action": "ACTIVATED", "at": FUTURE},
    ),
    Case(
        "self",
        "scheduleUserStatusChange",
        lambda w: {"userId": w.gid(w.ada), "action": "DEACTIVATED", "at": FUTURE},
    ),
    Case(
        "reassign-to-self",
        "scheduleUserStatusChange",
        lambda w: {
            "userId": w.gid(w.ben),
            "action": "DEACTIVATED",
            "at": FUTURE,
            "reassignIncomingCallRulesTo": w.gid(w.ben),
        },
    ),
    Case(
        "reassign-on-activation",
        "scheduleUserStatusChange",
        lambda w: {
            "userId": w.gid(w.dee),
            "action": "ACTIVATED",
            "at": FUTURE,
            "reassignIncomingCallRulesTo": w.gid(w.cai),
        },
    ),
    Case(
        "reassign-to-nobody",
        "scheduleUserStatusChange",
        lambda w: {
            "userId": w.gid(w.ben),
            "action": "DEACTIVATED",
            "at": FUTURE,
            "reassignIncomingCallRulesTo": NOBODY,
        },
    ),
    Case("member", "cancelScheduledStatusChange", lambda w: {"id": NO_CHANGE}, lambda w: w.member),
    Case("unknown", "cancelScheduledStatusChange", lambda w: {"id": NO_CHANGE}),
    Case("undecodable", "cancelScheduledStatusChange", lambda w: {"id": "nonsense"}),
    # issue 13: people and API tokens
    Case(
        "taken-email",
        "createUser",
        lambda w: {"email": "BEN.BELL@acme.example", "displayName": "B"},
    ),
    Case("bad-email", "createUser", lambda w: {"email": "ben@", "displayName": "B"}),
    Case("blank-name", "createUser", lambda w: {"email": "new@acme.example", "displayName": " "}),
    Case(
        "long-external-id",
        "createUser",
        lambda w: {"email": "new@acme.example", "displayName": "N", "externalId": "x" * 201},
    ),
    Case(
        "member",
        "createUser",
        lambda w: {"email": "new@acme.example", "displayName": "N"},
        lambda w: w.member,
    ),
    Case(
        "taken-email",
        "updateUser",
        lambda w: {"userId": w.gid(w.ben), "email": "cai.chen@acme.example"},
    ),
    Case("bad-email", "updateUser", lambda w: {"userId": w.gid(w.ben), "email": "no"}),
    Case("blank-name", "createApiToken", lambda w: {"userId": w.gid(w.ben), "name": ""}),
    Case(
        "past-expiry",
        "createApiToken",
        lambda w: {"userId": w.gid(w.ben), "name": "x", "expiresAt": "2020-01-01T00:00:00Z"},
    ),
    Case("deactivated", "createApiToken", lambda w: {"userId": w.gid(w.dee), "name": "x"}),
    Case("unknown", "createApiToken", lambda w: {"userId": NOBODY, "name": "x"}),
    Case(
        "member",
        "createApiToken",
        lambda w: {"userId": w.gid(w.cai), "name": "x"},
        lambda w: w.member,
    ),
    Case("unknown", "revokeApiToken", lambda w: {"tokenId": to_global_id("ApiToken", 999)}),
    Case("undecodable", "revokeApiToken", lambda w: {"tokenId": "nonsense"}),
    # issue 14: SCIM tokens
    Case("blank-name", "createScimToken", lambda w: {"name": "  "}),
    Case("long-name", "createScimToken", lambda w: {"name": "x" * 201}),
    Case(
        "past-expiry",
        "createScimToken",
        lambda w: {"name": "okta", "expiresAt": "2020-01-01T00:00:00Z"},
    ),
    Case("member", "createScimToken", lambda w: {"name": "okta"}, lambda w: w.member),
    Case("unknown", "revokeScimToken", lambda w: {"tokenId": to_global_id("ScimToken", 999)}),
    Case("an-api-token-id", "revokeScimToken", lambda w: {"tokenId": to_global_id("ApiToken", 1)}),
    Case("undecodable", "revokeScimToken", lambda w: {"tokenId": "nonsense"}),
    Case(
        "member",
        "revokeScimToken",
        lambda w: {"tokenId": to_global_id("ScimToken", 1)},
        lambda w: w.member,
    ),
    # issue 13: phone numbers and incoming call rules
    Case(
        "member",
        "assignPhoneNumber",
        lambda w: {"userId": w.gid(w.cai), "number": "+81312345678"},
        lambda w: w.member,
    ),
    Case("not-a-number", "assignPhoneNumber", lambda w: {"userId": w.gid(w.cai), "number": "03"}),
    Case(
        "held-by-another",
        "assignPhoneNumber",
        lambda w: {"userId": w.gid(w.cai), "number": "+81 3 1234 0001"},
    ),
    Case(
        "unknown-user", "assignPhoneNumber", lambda w: {"userId": NOBODY, "number": "+81312345678"}
    ),
    Case("unknown", "unassignPhoneNumber", lambda w: {"phoneNumberId": NOBODY}),
    Case(
        "member",
        "unassignPhoneNumber",
        lambda w: {"phoneNumberId": w.node_gid(w.main_number)},
        lambda w: w.member,
    ),
    Case(
        "missing-target",
        "createIncomingCallRule",
        lambda w: {
            "name": "x",
            "phoneNumberId": w.node_gid(w.main_number),
            "action": "CALL_SPECIFIC_USER",
        },
    ),
    Case(
        "extra-target",
        "createIncomingCallRule",
        lambda w: {
            "name": "x",
            "phoneNumberId": w.node_gid(w.main_number),
            "action": "VOICEMAIL",
            "targetGroupId": w.node_gid(w.sales),
        },
    ),
    Case(
        "deactivated-target",
        "createIncomingCallRule",
        lambda w: {
            "name": "x",
            "phoneNumberId": w.node_gid(w.main_number),
            "action": "CALL_SPECIFIC_USER",
            "targetUserId": w.gid(w.dee),
        },
    ),
    Case(
        "unknown-number",
        "createIncomingCallRule",
        lambda w: {"name": "x", "phoneNumberId": NOBODY, "action": "VOICEMAIL"},
    ),
    Case(
        "blank-name",
        "createIncomingCallRule",
        lambda w: {"name": " ", "phoneNumberId": w.node_gid(w.main_number), "action": "VOICEMAIL"},
    ),
    Case("unknown", "updateIncomingCallRule", lambda w: {"ruleId": NOBODY, "name": "x"}),
    Case(
        "missing-target",
        "updateIncomingCallRule",
        lambda w: {"ruleId": w.node_gid(w.main_line), "action": "CALL_GROUP"},
    ),
    Case(
        "deactivated-target",
        "updateIncomingCallRule",
        lambda w: {"ruleId": w.node_gid(w.main_line), "targetUserId": w.gid(w.dee)},
    ),
    Case(
        "member",
        "updateIncomingCallRule",
        lambda w: {"ruleId": w.node_gid(w.main_line), "name": "x"},
        lambda w: w.member,
    ),
    Case("unknown", "deleteIncomingCallRule", lambda w: {"ruleId": NOBODY}),
    Case(
        "member",
        "deleteIncomingCallRule",
        lambda w: {"ruleId": w.node_gid(w.main_line)},
        lambda w: w.member,
    ),
    # --- issue 13: groups and seats ---
    Case("blank-name", "createUserGroup", lambda w: {"name": " "}),
    Case("taken-name", "createUserGroup", lambda w: {"name": "sales"}),
    Case(
        "unknown-member",
        "createUserGroup",
        lambda w: {"name": "New", "memberIds": [w.gid(w.ben), NOBODY, "nonsense"]},
    ),
    Case(
        "too-many", "createUserGroup", lambda w: {"name": "New", "memberIds": [w.gid(w.ben)] * 501}
    ),
    Case("member", "createUserGroup", lambda w: {"name": "New"}, lambda w: w.member),
    Case("unknown", "updateUserGroup", lambda w: {"groupId": NOBODY, "name": "x"}),
    Case(
        "taken-name",
        "updateUserGroup",
        lambda w: {"groupId": w.node_gid(w.sales), "name": "ADMINS"},
    ),
    Case(
        "unknown-added",
        "updateUserGroup",
        lambda w: {"groupId": w.node_gid(w.sales), "addMemberIds": [w.gid(w.ada), NOBODY]},
    ),
    Case(
        "unknown-removed",
        "updateUserGroup",
        lambda w: {"groupId": w.node_gid(w.sales), "removeMemberIds": ["nonsense"]},
    ),
    Case(
        "added-and-removed",
        "updateUserGroup",
        lambda w: {
            "groupId": w.node_gid(w.sales),
            "addMemberIds": [w.gid(w.ada)],
            "removeMemberIds": [w.gid(w.ben), w.gid(w.ada)],
        },
    ),
    Case(
        "member",
        "updateUserGroup",
        lambda w: {"groupId": w.node_gid(w.sales), "name": "x"},
        lambda w: w.member,
    ),
    Case("rung-by-a-rule", "deleteUserGroup", lambda w: {"groupId": w.node_gid(w.sales)}),
    Case("unknown", "deleteUserGroup", lambda w: {"groupId": NOBODY}),
    Case(
        "member",
        "deleteUserGroup",
        lambda w: {"groupId": w.node_gid(w.admins_group)},
        lambda w: w.member,
    ),
    Case("taken-label", "createSeat", lambda w: {"label": "a-1", "x": 0, "y": 0}),
    Case("out-of-map", "createSeat", lambda w: {"label": "B-1", "x": 0, "y": 10001}),
    Case("member", "createSeat", lambda w: {"label": "B-1", "x": 0, "y": 0}, lambda w: w.member),
    Case(
        "deactivated",
        "assignSeat",
        lambda w: {"seatId": w.node_gid(w.seat_a3), "userId": w.gid(w.dee)},
    ),
    Case(
        "unknown-user", "assignSeat", lambda w: {"seatId": w.node_gid(w.seat_a3), "userId": NOBODY}
    ),
    Case("unknown-seat", "assignSeat", lambda w: {"seatId": NOBODY, "userId": w.gid(w.cai)}),
    Case("member", "assignSeat", lambda w: {"seatId": w.node_gid(w.seat_a3)}, lambda w: w.member),
    Case("unknown", "deleteSeat", lambda w: {"seatId": "nonsense"}),
    Case("member", "deleteSeat", lambda w: {"seatId": w.node_gid(w.seat_a1)}, lambda w: w.member),
    Case(
        "bad-calls",
        "recordCalls",
        lambda w: {
            "calls": [
                _call(w.gid(w.ben), "pbx-1"),
                _call(NOBODY, "pbx-2"),
                {**_call(w.gid(w.ben), "pbx-3"), "durationSeconds": -1, "startedAt": FUTURE},
                {**_call(w.gid(w.ben), "pbx-1"), "durationSeconds": 61},  # pbx-1, other values
                _call("nonsense", " "),
            ]
        },
    ),
    Case(
        "too-many",
        "recordCalls",
        lambda w: {"calls": [_call(w.gid(w.ben), f"pbx-{n}") for n in range(1001)]},
    ),
    Case(
        "member",
        "recordCalls",
        lambda w: {"calls": [_call(w.gid(w.ben), "pbx-1")]},
        lambda w: w.member,
    ),
    # issue 15: webhooks (an endpoint id that names nothing: NOT_FOUND at input.id)
    Case("private-url", "createWebhookEndpoint", lambda w: _hook("http://10.0.0.1/x")),
    Case("userinfo", "createWebhookEndpoint", lambda w: _hook("https://u:p@93.184.215.14/")),
    Case("no-events", "createWebhookEndpoint", lambda w: {**_hook(), "events": []}),
    Case("long-text", "createWebhookEndpoint", lambda w: {**_hook(), "description": "x" * 501}),
    Case("member", "createWebhookEndpoint", lambda w: _hook(), lambda w: w.member),
    Case("unknown", "updateWebhookEndpoint", lambda w: {"id": NO_HOOK, "description": "x"}),
    Case("undecodable", "updateWebhookEndpoint", lambda w: {"id": "nonsense"}),
    Case("bad-url", "updateWebhookEndpoint", lambda w: {"id": NO_HOOK, "url": "ftp://x/"}),
    Case("no-events", "updateWebhookEndpoint", lambda w: {"id": NO_HOOK, "events": []}),
    Case("member", "updateWebhookEndpoint", lambda w: {"id": NO_HOOK}, lambda w: w.member),
    Case("unknown", "deleteWebhookEndpoint", lambda w: {"id": NO_HOOK}),
    Case("member", "deleteWebhookEndpoint", lambda w: {"id": NO_HOOK}, lambda w: w.member),
    Case("unknown", "rotateWebhookSecret", lambda w: {"id": NO_HOOK}),
    Case("member", "rotateWebhookSecret", lambda w: {"id": NO_HOOK}, lambda w: w.member),
]


def _schema() -> GraphQLSchema:
    return plain_schemas()["composed"]._schema  # type: ignore[no-any-return]


def test_every_mutation_of_the_schema_has_cases():
    mutation_type = _schema().mutation_type
    assert mutation_type is not None
    assert {case.mutation for case in CASES} == set(mutation_type.fields)


def _user_errors(value: Any) -> list[dict[str, Any]]:
    """Every userError anywhere in a payload (a bulk payload's results hold their own)."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(item if key == "userErrors" else _user_errors(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_user_errors(item))
    return found


def path_problem(
    field: GraphQLField, arguments: dict[str, Any], path: list[str], code: str
) -> str | None:
    """Why ``path`` is not a path into the arguments given to ``field`` (down to the item,
    for an error about one item of a list); None when it is."""
    if not path or path[0] not in field.args:
        return f"{path} does not start with an argument of the field"
    type_: Any = field.args[path[0]].type
    value: Any = arguments.get(path[0])
    for depth, segment in enumerate(path[1:], start=1):
        while isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        where = path[:depth]
        if isinstance(type_, GraphQLList):
            if not segment.isdigit() or not isinstance(value, list) or int(segment) >= len(value):
                return f"{segment!r} under {where} is not the index of an item given"
            type_, value = type_.of_type, value[int(segment)]
        elif isinstance(type_, GraphQLInputObjectType):
            if segment not in type_.fields:
                return f"{type_.name} has no field {segment!r} (under {where})"
            if not isinstance(value, dict) or segment not in value:
                return f"the input gives no {segment!r} under {where}"
            type_, value = type_.fields[segment].type, value[segment]
        else:
            return f"{where} is a {type_}, which has no {segment!r}"
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList) and code != "INVALID_INPUT":
        # Only the list's own shape (too many items, say) is about the whole list; an
        # error about one item names its index.
        return f"{path} names the whole list for {code}: name the offending item"
    return None


@pytest.mark.parametrize("case", CASES, ids=[f"{c.mutation}-{c.id}" for c in CASES])
async def test_each_user_error_names_a_real_path_into_the_input(database, case):
    world = await build_full_world(database)
    field = _schema().mutation_type.fields[case.mutation]  # type: ignore[union-attr]
    variables = {"input": case.input(world)}
    selection = _errors_selection(get_named_type(field.type))
    document = (
        f"mutation($input: {field.args['input'].type}) "
        f"{{ {case.mutation}(input: $input) {{ {selection} }} }}"
    )
    data = await data_of(database, case.caller(world), document, variables)
    errors = _user_errors(data)
    assert errors, "the case must provoke a refusal"
    problems = [
        (
            error["code"],
            error["field"],
            path_problem(field, variables, error["field"], error["code"]),
        )
        for error in errors
        if error["field"] is not None
    ]
    assert [problem for problem in problems if problem[2] is not None] == []


def _errors_selection(type_: GraphQLObjectType, depth: int = 2) -> str:
    """Where ``type_`` can answer userErrors, its own and its nested payloads'."""
    parts = []
    for name, field in type_.fields.items():
        target = get_named_type(field.type)
        if target.name == "UserError":
            parts.append(f"{name} {{ code field message }}")
        elif isinstance(target, GraphQLObjectType) and depth > 0:
            inner = _errors_selection(target, depth - 1)
            if inner:
                parts.append(f"{name} {{ {inner} }}")
    return " ".join(parts)
