"""comments(callId) and Comment.mentions: past mentions of a deactivated user stay shown."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, UserStatus
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_call, make_comment, make_tenant, make_user
from tests.graphql import data_of

QUERY = """query ($call: ID!) {
  comments(callId: $call) {
    id body createdAt
    author { displayName }
    call { id durationSeconds comments { id } }
    mentions { displayName active mentionable }
  }
}"""


async def test_comments_show_past_mentions_of_deactivated_users(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    call = await make_call(
        database, ann, CallDirection.INBOUND, datetime(2026, 11, 2, tzinfo=UTC), duration_seconds=42
    )
    other_call = await make_call(
        database, ann, CallDirection.INBOUND, datetime(2026, 11, 3, tzinfo=UTC)
    )
    second = await make_comment(
        database,
        call,
        admin,
        "Follow up, please",
        mentions=(ann,),
        created_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
    )
    first = await make_comment(
        database,
        call,
        ann,
        "Great call",
        mentions=(bob, admin),
        created_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
    )
    await make_comment(database, other_call, ann, "Elsewhere")
    call_id = to_global_id("Call", call.id)
    call_node = {
        "id": call_id,
        "durationSeconds": 42,
        "comments": [
            {"id": to_global_id("Comment", first.id)},
            {"id": to_global_id("Comment", second.id)},
        ],
    }

    data = await data_of(database, caller_of(ann, acme), QUERY, {"call": call_id})

    assert data == {
        "comments": [
            {
                "id": to_global_id("Comment", first.id),
                "body": "Great call",
                "createdAt": "2026-11-02T09:00:00+00:00",
                "author": {"displayName": "Ann Active"},
                "call": call_node,
                "mentions": [
                    {"displayName": "Ada Admin", "active": True, "mentionable": True},
                    {"displayName": "Bob Gone", "active": False, "mentionable": False},
                ],
            },
            {
                "id": to_global_id("Comment", second.id),
                "body": "Follow up, please",
                "createdAt": "2026-11-02T10:00:00+00:00",
                "author": {"displayName": "Ada Admin"},
                "call": call_node,
                "mentions": [{"displayName": "Ann Active", "active": True, "mentionable": True}],
            },
        ]
    }


async def test_comments_of_another_tenants_call_are_empty(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    foreign_call = await make_call(
        database, gus, CallDirection.INBOUND, datetime(2026, 11, 2, tzinfo=UTC)
    )
    await make_comment(database, foreign_call, gus, "Secret")
    caller = caller_of(ann, acme)

    foreign = await data_of(
        database, caller, QUERY, {"call": to_global_id("Call", foreign_call.id)}
    )
    garbage = await data_of(database, caller, QUERY, {"call": "nonsense"})

    assert foreign == {"comments": []}
    assert garbage == {"comments": []}


async def test_a_mention_made_while_active_survives_deactivation(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    call = await make_call(
        database, admin, CallDirection.INBOUND, datetime(2026, 11, 2, tzinfo=UTC)
    )
    caller = caller_of(admin, acme)
    call_id, ann_id = to_global_id("Call", call.id), to_global_id("User", ann.id)
    mentions = "query ($call: ID!) { comments(callId: $call) { mentions { displayName active mentionable } } }"

    await data_of(
        database,
        caller,
        "mutation ($input: AddCommentInput!) { addComment(input: $input) { userErrors { code } } }",
        {"input": {"callId": call_id, "body": "Take a look", "mentionUserIds": [ann_id]}},
    )
    before = await data_of(database, caller, mentions, {"call": call_id})
    await data_of(
        database,
        caller,
        "mutation ($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }",
        {"id": ann_id},
    )
    after = await data_of(database, caller, mentions, {"call": call_id})

    assert before == {
        "comments": [
            {"mentions": [{"displayName": "Ann Active", "active": True, "mentionable": True}]}
        ]
    }
    assert after == {
        "comments": [
            {"mentions": [{"displayName": "Ann Active", "active": False, "mentionable": False}]}
        ]
    }
