"""SQL statements per request do not grow with the number of items returned."""

from datetime import UTC, datetime, timedelta

from sqlmodel import SQLModel

from db.enums import CallDirection, Role, UserStatus, VideoProvider
from db.models import (
    Call,
    Comment,
    CommentMention,
    GroupMembership,
    Meeting,
    User,
    UserGroup,
    VideoIntegration,
)
from tests.factories import add, caller_of, make_tenant, make_user
from tests.graphql import StatementCounter, data_of

START = datetime(2026, 11, 2, tzinfo=UTC)

USERS = """query ($first: Int!) {
  users(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id email displayName role status active deactivatedAt
      canLogIn(product: ANALYTICS) inAvailableUserList
      phoneNumbers { number } groups { name } statusHistory { action }
      videoIntegrations { id provider accountEmail connectedAt }
      callHistory(first: 2) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id direction startedAt durationSeconds counterpartNumber user { displayName }
          comments { body author { displayName } mentions { displayName mentionable } } } }
      }
      meetingHistory(first: 2, from: "2026-11-01T00:00:00+09:00") {
        totalCount pageInfo { hasNextPage }
        edges { node { id provider title startedAt durationSeconds user { displayName } } }
      }
      inDashboardConditions inDashboardOverview inDashboardByUser inDashboardByPeriod mentionable
    } }
  }
}"""

DASHBOARD = """{
  dashboard(from: "2026-11-01T00:00:00+09:00", to: "2026-12-01T00:00:00+09:00") {
    overview { callCount totalDurationSeconds }
    byUser { user { id displayName active mentionable inDashboardByUser } callCount totalDurationSeconds }
    day: byPeriod(granularity: DAY) { periodStart callCount totalDurationSeconds }
    week: byPeriod(granularity: WEEK) { periodStart callCount }
    month: byPeriod(granularity: MONTH) { periodStart callCount }
  }
}"""

SUGGESTIONS = """query ($first: Int!) {
  mentionSuggestions(query: "user", first: $first) {
    id displayName email mentionable inDashboardByUser inDashboardByPeriod
  }
}"""


async def _tenant_with_users(database, count: int):
    """An admin and ``count`` users (every fifth deactivated), each with calls, a meeting,
    an integration and a commented call mentioning the admin."""
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    users = await add(
        database,
        *(
            User(
                tenant_id=acme.id,
                email=f"user{n:03}@acme.example",
                display_name=f"User {n:03}",
                status=UserStatus.DEACTIVATED if n % 5 == 0 else UserStatus.ACTIVE,
                deactivated_at=START if n % 5 == 0 else None,
            )
            for n in range(count)
        ),
    )
    (group,) = await add(database, UserGroup(tenant_id=acme.id, name="Everyone"))
    await add(database, *(GroupMembership(group_id=group.id, user_id=user.id) for user in users))
    calls = await add(
        database,
        *(
            Call(
                tenant_id=acme.id,
                user_id=user.id,
                direction=CallDirection.INBOUND if k % 2 else CallDirection.OUTBOUND,
                started_at=START + timedelta(days=k * 7, hours=n % 24),
                duration_seconds=60 + k,
                counterpart_number="+81300000000",
            )
            for n, user in enumerate(users)
            for k in range(3)
        ),
    )
    await add(
        database,
        *(
            Meeting(
                tenant_id=acme.id,
                user_id=user.id,
                provider=VideoProvider.ZOOM,
                title="Sync",
                started_at=START,
                duration_seconds=900,
            )
            for user in users
        ),
        *(
            VideoIntegration(
                tenant_id=acme.id,
                user_id=user.id,
                provider=VideoProvider.GOOGLE_MEET,
                account_email=user.email,
            )
            for user in users
            if user.status == UserStatus.ACTIVE
        ),
    )
    comments = await add(
        database,
        *(
            Comment(tenant_id=acme.id, call_id=call.id, author_id=call.user_id, body="Good")
            for call in calls[2::3]  # the newest call of each user: on the first page
        ),
    )
    await add(database, *(CommentMention(comment_id=c.id, user_id=admin.id) for c in comments))
    return caller_of(admin, acme)


async def _statements(database, caller, query: str, variables=None) -> tuple[int, dict]:
    with StatementCounter(database) as counter:
        data = await data_of(database, caller, query, variables)
    return counter.count, data


async def test_users_with_every_analytics_field_cost_the_same_at_5_10_and_100(database):
    caller = await _tenant_with_users(database, 100)

    counts = {}
    for first in (5, 10, 100):
        counts[first], data = await _statements(database, caller, USERS, {"first": first})
        assert len(data["users"]["edges"]) == first

    # users, their count, phoneNumbers, groups, statusHistory, videoIntegrations, the call
    # page, its counts, the meeting page, its counts, users of calls and meetings (authors
    # are the same users, already loaded), comments, mentions.
    assert counts == {5: 13, 10: 13, 100: 13}


async def test_dashboard_costs_one_statement_per_table_at_10_and_100_users(database):
    for count in (10, 100):
        caller = await _tenant_with_users(database, count)
        statements, data = await _statements(database, caller, DASHBOARD)
        active = count - count // 5
        assert statements == 5
        assert data["dashboard"]["overview"]["callCount"] == 3 * count
        assert len(data["dashboard"]["byUser"]) == active + 1  # and the admin, with zeros
        await _clear(database)


async def test_mention_suggestions_cost_one_statement_at_10_and_100(database):
    caller = await _tenant_with_users(database, 130)

    for first in (10, 100):
        statements, data = await _statements(database, caller, SUGGESTIONS, {"first": first})
        assert statements == 1
        assert len(data["mentionSuggestions"]) == first
        assert all(user["mentionable"] for user in data["mentionSuggestions"])


async def _clear(database) -> None:
    async with database.engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            await connection.execute(table.delete())
