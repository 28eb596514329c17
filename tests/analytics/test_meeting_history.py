"""meetingHistory: Video Analytics keeps a deactivated user's meetings, paged newest first."""

from datetime import UTC, datetime

from db.enums import Role, UserStatus, VideoProvider
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_meeting, make_tenant, make_user
from tests.graphql import data_of

QUERY = """query ($id: ID!, $after: String, $from: DateTime) {
  user(id: $id) {
    meetingHistory(first: 2, after: $after, from: $from) {
      totalCount
      pageInfo { hasNextPage }
      edges { cursor node { id provider title startedAt durationSeconds user { displayName active } } }
    }
  }
}"""


async def test_meeting_history_of_a_deactivated_user(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    first = await make_meeting(
        database,
        bob,
        VideoProvider.ZOOM,
        datetime(2026, 11, 2, 1, tzinfo=UTC),
        title="Kickoff",
        duration_seconds=600,
    )
    second = await make_meeting(
        database,
        bob,
        VideoProvider.GOOGLE_MEET,
        datetime(2026, 11, 3, 1, tzinfo=UTC),
        title="Review",
    )
    third = await make_meeting(
        database,
        bob,
        VideoProvider.MICROSOFT_TEAMS,
        datetime(2026, 11, 4, 1, tzinfo=UTC),
        title="Retro",
        duration_seconds=900,
    )
    await make_meeting(database, admin, VideoProvider.ZOOM, datetime(2026, 11, 5, 1, tzinfo=UTC))
    caller = caller_of(admin, acme)
    bob_id = to_global_id("User", bob.id)

    def node(meeting) -> dict[str, object]:
        return {
            "id": to_global_id("Meeting", meeting.id),
            "provider": str(meeting.provider),
            "title": meeting.title,
            "startedAt": meeting.started_at.isoformat(),
            "durationSeconds": meeting.duration_seconds,
            "user": {"displayName": "Bob Gone", "active": False},
        }

    page_one = (await data_of(database, caller, QUERY, {"id": bob_id}))["user"]["meetingHistory"]
    page_two = (
        await data_of(
            database, caller, QUERY, {"id": bob_id, "after": page_one["edges"][-1]["cursor"]}
        )
    )["user"]["meetingHistory"]
    since_third = (
        await data_of(database, caller, QUERY, {"id": bob_id, "from": "2026-11-04T10:00:00+09:00"})
    )["user"]["meetingHistory"]

    assert [edge["node"] for edge in page_one["edges"]] == [node(third), node(second)]
    assert (page_one["totalCount"], page_one["pageInfo"]) == (3, {"hasNextPage": True})
    assert [edge["node"] for edge in page_two["edges"]] == [node(first)]
    assert (page_two["totalCount"], page_two["pageInfo"]) == (3, {"hasNextPage": False})
    assert [edge["node"] for edge in since_third["edges"]] == [node(third)]
    assert since_third["totalCount"] == 1
