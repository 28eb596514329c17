"""addComment: mentions need active users; unknown or foreign ids are NOT_FOUND; all or nothing."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role, UserStatus
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_call, make_tenant, make_user
from tests.graphql import data_of

MUTATION = """mutation ($input: AddCommentInput!) {
  addComment(input: $input) {
    comment { body author { displayName } call { id } mentions { displayName } }
    userErrors { code message field }
  }
}"""
COMMENTS = "query ($call: ID!) { comments(callId: $call) { body mentions { displayName } } }"


async def _setup(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    call = await make_call(database, ann, CallDirection.INBOUND, datetime(2026, 11, 2, tzinfo=UTC))
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    foreign_call = await make_call(
        database, gus, CallDirection.INBOUND, datetime(2026, 11, 2, tzinfo=UTC)
    )
    return acme, admin, ann, bob, call, gus, foreign_call


def uid(user) -> str:
    return to_global_id("User", user.id)


async def test_a_member_comments_and_mentions_active_users(database):
    acme, admin, ann, _bob, call, _gus, _ = await _setup(database)
    call_id = to_global_id("Call", call.id)
    caller = caller_of(ann, acme)

    data = await data_of(
        database,
        caller,
        MUTATION,
        {
            "input": {
                "callId": call_id,
                "body": "  Listen to 02:10  ",
                "mentionUserIds": [uid(admin), uid(ann), uid(admin)],
            }
        },
    )

    assert data == {
        "addComment": {
            "comment": {
                "body": "Listen to 02:10",
                "author": {"displayName": "Ann Active"},
                "call": {"id": call_id},
                "mentions": [{"displayName": "Ada Admin"}, {"displayName": "Ann Active"}],
            },
            "userErrors": [],
        }
    }
    assert await data_of(database, caller, COMMENTS, {"call": call_id}) == {
        "comments": [
            {
                "body": "Listen to 02:10",
                "mentions": [{"displayName": "Ada Admin"}, {"displayName": "Ann Active"}],
            }
        ]
    }


async def test_refusals_write_nothing(database):
    acme, admin, ann, bob, call, gus, foreign_call = await _setup(database)
    call_id = to_global_id("Call", call.id)
    caller = caller_of(admin, acme)

    async def refusal(**input_fields):
        input_ = {"callId": call_id, "body": "Hi", **input_fields}
        data = await data_of(database, caller, MUTATION, {"input": input_})
        assert data["addComment"]["comment"] is None
        return data["addComment"]["userErrors"]

    # An error names the offending item: its first mention, counted from 0.
    assert await refusal(mentionUserIds=[uid(ann), uid(bob), uid(bob)]) == [
        {
            "code": "USER_DEACTIVATED",
            "message": "A deactivated user cannot be mentioned.",
            "field": ["input", "mentionUserIds", "1"],
        }
    ]

    def not_found_user(index: str) -> list[dict[str, object]]:
        return [
            {
                "code": "NOT_FOUND",
                "message": "No user with this id.",
                "field": ["input", "mentionUserIds", index],
            }
        ]

    assert await refusal(mentionUserIds=[uid(ann), uid(gus)]) == not_found_user("1")
    assert await refusal(mentionUserIds=["garbage"]) == not_found_user("0")
    assert await refusal(mentionUserIds=[uid(ann), uid(ann), "garbage"]) == not_found_user("2")
    not_found_call = [
        {"code": "NOT_FOUND", "message": "No call with this id.", "field": ["input", "callId"]}
    ]
    assert await refusal(callId=to_global_id("Call", foreign_call.id)) == not_found_call
    assert await refusal(callId=uid(ann)) == not_found_call
    assert await refusal(body="   ") == [
        {
            "code": "INVALID_INPUT",
            "message": "A comment has 1 to 10000 characters.",
            "field": ["input", "body"],
        }
    ]
    assert await data_of(database, caller, COMMENTS, {"call": call_id}) == {"comments": []}
