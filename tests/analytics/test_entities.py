"""Calls, meetings and comments by global ID: node, and _entities in the analytics subgraph."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, VideoProvider
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_call, make_comment, make_meeting, make_tenant, make_user
from tests.graphql import data_of

NODE = """query ($call: ID!, $meeting: ID!, $comment: ID!, $foreign: ID!) {
  call: node(id: $call) { __typename id ... on Call { durationSeconds user { displayName } } }
  meeting: node(id: $meeting) { __typename id ... on Meeting { title } }
  comment: node(id: $comment) { __typename id ... on Comment { body } }
  foreign: node(id: $foreign) { id }
}"""
ENTITIES = """query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Call { id direction user { id } }
    ... on Meeting { id provider }
    ... on Comment { id body mentions { id } }
    ... on User { id inDashboardByUser mentionable }
  }
}"""


async def _setup(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    call = await make_call(
        database,
        admin,
        CallDirection.OUTBOUND,
        datetime(2026, 11, 2, tzinfo=UTC),
        duration_seconds=33,
    )
    meeting = await make_meeting(
        database, admin, VideoProvider.ZOOM, datetime(2026, 11, 2, tzinfo=UTC), title="Standup"
    )
    comment = await make_comment(database, call, admin, "Nice", mentions=(admin,))
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    foreign_call = await make_call(
        database, gus, CallDirection.OUTBOUND, datetime(2026, 11, 2, tzinfo=UTC)
    )
    return caller_of(admin, acme), admin, call, meeting, comment, foreign_call


async def test_node_finds_analytics_objects_of_the_callers_tenant_only(database):
    caller, _admin, call, meeting, comment, foreign_call = await _setup(database)
    ids = {
        "call": to_global_id("Call", call.id),
        "meeting": to_global_id("Meeting", meeting.id),
        "comment": to_global_id("Comment", comment.id),
        "foreign": to_global_id("Call", foreign_call.id),
    }

    composed = await data_of(database, caller, NODE, ids)
    admin_subgraph = await data_of(
        database,
        caller,
        "query ($id: ID!) { node(id: $id) { __typename id } }",
        {"id": ids["call"]},
        schema="admin",
    )

    assert composed == {
        "call": {
            "__typename": "Call",
            "id": ids["call"],
            "durationSeconds": 33,
            "user": {"displayName": "Ada Admin"},
        },
        "meeting": {"__typename": "Meeting", "id": ids["meeting"], "title": "Standup"},
        "comment": {"__typename": "Comment", "id": ids["comment"], "body": "Nice"},
        "foreign": None,
    }
    assert admin_subgraph == {"node": {"__typename": "Call", "id": ids["call"]}}


async def test_analytics_subgraph_resolves_its_entities_by_key(database):
    caller, admin, call, meeting, comment, foreign_call = await _setup(database)
    admin_id = to_global_id("User", admin.id)
    representations = [
        {"__typename": "Call", "id": to_global_id("Call", call.id)},
        {"__typename": "Meeting", "id": to_global_id("Meeting", meeting.id)},
        {"__typename": "Comment", "id": to_global_id("Comment", comment.id)},
        {"__typename": "User", "id": admin_id},
        {"__typename": "Call", "id": to_global_id("Call", foreign_call.id)},
        {"__typename": "Call", "id": to_global_id("Meeting", meeting.id)},
    ]

    data = await data_of(
        database, caller, ENTITIES, {"representations": representations}, schema="analytics"
    )

    assert data == {
        "_entities": [
            {
                "__typename": "Call",
                "id": representations[0]["id"],
                "direction": "OUTBOUND",
                "user": {"id": admin_id},
            },
            {"__typename": "Meeting", "id": representations[1]["id"], "provider": "ZOOM"},
            {
                "__typename": "Comment",
                "id": representations[2]["id"],
                "body": "Nice",
                "mentions": [{"id": admin_id}],
            },
            {"__typename": "User", "id": admin_id, "inDashboardByUser": True, "mentionable": True},
            None,
            None,
        ]
    }
