"""What generated operations rarely reach, written by hand: both executors must answer
each the same, and the answer is the one the data calls for."""

from typing import Any

import pytest

from resolvers.ids import to_global_id
from tests.schemas.oracle.compare import both
from tests.schemas.oracle.world import OracleWorld, build_oracle_world

NODE_FIELDS = """
  __typename id
  ... on User { displayName active seat { label occupant { displayName } } }
  ... on UserGroup { name members { displayName active } }
  ... on PhoneNumber { number holder: user { displayName } }
  ... on IncomingCallRule {
    name ruleAction: action receivable targetUser { displayName } targetGroup { name }
  }
  ... on UserStatusEvent { eventAction: action subject: user { displayName } actor { displayName } }
  ... on VideoIntegration { provider accountEmail }
  ... on Seat { label occupant { displayName } }
  ... on Call { direction durationSeconds caller: user { displayName } comments { body } }
  ... on Meeting { title host: user { displayName } }
  ... on Comment { body author { displayName } mentions { displayName } call { durationSeconds } }
  ... on ScimToken { tokenName: name active }
"""


@pytest.fixture
async def world(database: Any) -> OracleWorld:
    return await build_oracle_world(database)


async def test_node_answers_every_type_through_its_fragment(database, world):
    rows = world.rows
    ids = {name: rows.node_gid(name) for name in rows.acme_objects()}
    query = (
        "{ "
        + " ".join(
            f'{name.lower()}: node(id: "{gid}") {{ {NODE_FIELDS} }}' for name, gid in ids.items()
        )
        + " }"
    )
    answer = await both(database, world.admin, query)
    assert answer["errors"] == []
    data = answer["data"]
    assert {key: value["__typename"] for key, value in data.items()} == {
        name.lower(): name for name in ids
    }
    assert data["user"] == {
        "__typename": "User", "id": ids["User"], "displayName": "Cai Chen", "active": True,
        "seat": {"label": "A-1", "occupant": {"displayName": "Cai Chen"}},
    }  # fmt: skip
    assert data["comment"] == {
        "__typename": "Comment", "id": ids["Comment"], "body": "Call back on Friday",
        "author": {"displayName": "Ben Bell"}, "mentions": [{"displayName": "Cai Chen"}],
        "call": {"durationSeconds": 120},
    }  # fmt: skip


async def test_node_of_a_deactivated_users_rows_and_of_missing_or_foreign_ids(database, world):
    dee, gus = world.rows.dee, world.rows.gus
    query = f"""{{
      dee: node(id: "{world.gid(dee)}") {{ {NODE_FIELDS} }}
      foreign: node(id: "{world.gid(gus)}") {{ id }}
      missing: node(id: "{to_global_id("Seat", 999)}") {{ id }}
      seats: seatMap {{ label occupant {{ displayName }} }}
    }}"""
    answer = await both(database, world.admin, query)
    assert answer["data"]["dee"]["active"] is False
    assert answer["data"]["dee"]["seat"] == {"label": "B-1", "occupant": None}
    # A deactivated user's seat and an empty one: nulls inside the list.
    assert answer["data"]["seats"] == [
        {"label": "A-1", "occupant": {"displayName": "Cai Chen"}},
        {"label": "A-2", "occupant": None},
        {"label": "B-1", "occupant": None},
    ]
    # Another tenant's id is not found, as a missing one: null, no error.
    assert (answer["data"]["foreign"], answer["data"]["missing"]) == (None, None)
    assert answer["errors"] == []


async def test_fragments_on_the_node_interface_and_nested_named_fragments(database, world):
    query = """
      fragment Identified on Node { id __typename }
      fragment Person on User { ...Identified displayName groups { ...Identified name } }
      query { users(first: 10) { edges { node { ...Person ... on Node { id } } } }
              userGroups { ...Identified members { ...Person } } }"""
    answer = await both(database, world.admin, query)
    assert answer["errors"] == []
    names = [edge["node"]["displayName"] for edge in answer["data"]["users"]["edges"]]
    assert names == ["Ada Admin", "Ben Bell", "Cai Chen", "Dee Dunn"]
    groups = {
        g["id"]: [m["displayName"] for m in g["members"]] for g in answer["data"]["userGroups"]
    }
    assert sorted(groups.values()) == [
        ["Ada Admin", "Ben Bell", "Dee Dunn"],
        ["Ben Bell", "Cai Chen"],
    ]


@pytest.mark.parametrize(
    ("variables", "expected_keys"),
    [
        ({}, {"displayName", "email"}),
        ({"withEmail": False}, {"displayName"}),
        ({"skipName": True}, {"email"}),
        ({"withEmail": False, "skipName": True, "status": True}, {"status"}),
    ],
)
async def test_skip_and_include_with_variables_and_their_defaults(
    database, world, variables, expected_keys
):
    query = """query($withEmail: Boolean = true, $skipName: Boolean = false, $status: Boolean = false) {
      users(first: 3) { edges { node {
        displayName @skip(if: $skipName)
        email @include(if: $withEmail)
        ... @include(if: $status) { status }
        ... on User @skip(if: $status) { seat @include(if: false) { label } }
      } } } }"""
    answer = await both(database, world.admin, query, variables)
    assert answer["errors"] == []
    nodes = [edge["node"] for edge in answer["data"]["users"]["edges"]]
    assert [set(node) for node in nodes] == [expected_keys] * 3


async def test_aliases_of_one_field_with_different_arguments(database, world):
    query = """query($product: Product!) { me {
      admin: canLogIn(product: ADMIN) phone: canLogIn(product: $product)
      quiet: inCallCenterReport(from: "2025-01-01T00:00:00Z", to: "2025-02-01T00:00:00Z")
      busy: inCallCenterReport(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z")
      one: callHistory(first: 1) { totalCount edges { node { durationSeconds } } }
      none: callHistory(first: 1, from: "2030-01-01T00:00:00Z") { totalCount }
    }
    first: users(first: 1) { edges { node { displayName } } }
    second: users(first: 2, filter: {status: DEACTIVATED}) { edges { node { displayName } } } }"""
    answer = await both(database, world.member, query, {"product": "PHONE"})
    assert answer["errors"] == []
    me = answer["data"]["me"]
    assert (me["admin"], me["phone"]) == (True, True)
    assert me["one"]["totalCount"] == 1 and me["none"] == {"totalCount": 0}
    assert answer["data"]["first"] == {"edges": [{"node": {"displayName": "Ada Admin"}}]}
    assert answer["data"]["second"] == {"edges": [{"node": {"displayName": "Dee Dunn"}}]}


async def test_errors_deep_in_lists_at_each_items_path(database, world):
    # A member may not read other users' private fields: each failing item is nulled up
    # to its nearest nullable position, with its error at the item's own path.
    query = """{
      seatMap { label occupant { displayName videoIntegrations { provider } } }
      incomingCallRules { name targetUser { displayName callHistory(first: 0) { totalCount } } }
      userGroups { name members { displayName phoneNumbers { number user {
        displayName videoIntegrations { provider } } } } }
    }"""
    answer = await both(database, world.member, query)
    data = answer["data"]
    assert data["seatMap"] == [
        {"label": "A-1", "occupant": None},
        {"label": "A-2", "occupant": None},
        {"label": "B-1", "occupant": None},
    ]
    assert [rule["targetUser"] for rule in data["incomingCallRules"]] == [None] * 4
    sales = data["userGroups"][1]
    assert sales["members"][0]["phoneNumbers"] == [
        {"number": "+81312340002", "user": {
            "displayName": "Ben Bell", "videoIntegrations": [{"provider": "MICROSOFT_TEAMS"}]}}
    ]  # fmt: skip
    assert sales["members"][1]["phoneNumbers"] == [{"number": "+81312340001", "user": None}]
    assert [(e["path"], e["extensions"]["code"]) for e in answer["errors"]] == [
        (["seatMap", 0, "occupant", "videoIntegrations"], "FORBIDDEN"),
        (["incomingCallRules", 0, "targetUser", "callHistory"], "FORBIDDEN"),
        (["incomingCallRules", 1, "targetUser", "callHistory"], "FORBIDDEN"),
        (
            ["userGroups", 1, "members", 1, "phoneNumbers", 0, "user", "videoIntegrations"],
            "FORBIDDEN",
        ),
    ]


async def test_a_failing_non_null_field_nulls_its_nearest_nullable_parent(database, world):
    query = """{
      user(id: "%s") { displayName callHistory(first: 101) { totalCount } }
      me { displayName }
    }""" % world.gid(world.rows.cai)  # noqa: UP031
    answer = await both(database, world.admin, query)
    assert answer["data"] == {"user": None, "me": {"displayName": "Ada Admin"}}
    assert [(e["path"], e["extensions"]["code"]) for e in answer["errors"]] == [
        (["user", "callHistory"], "INVALID_INPUT")
    ]
