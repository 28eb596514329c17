"""recordCalls through the schemas: who may, exact payloads, paths, and the dashboard after."""

from typing import Any

from sqlalchemy import func, select

from db.enums import Role, UserStatus
from db.models import Call
from resolvers.ids import to_global_id
from tests.factories import caller_of, make_tenant, make_user
from tests.graphql import StatementCounter, data_of
from tests.resolvers.calls.records import service_caller

MUTATION = """mutation ($calls: [RecordCallInput!]!) {
  recordCalls(input: {calls: $calls}) {
    results {
      externalId recorded
      call { id direction startedAt durationSeconds counterpartNumber user { displayName } }
      userErrors { code field message }
    }
    recordedCount alreadyRecordedCount
    userErrors { code field message }
  }
}"""
DASHBOARD = """{
  dashboard(from: "2026-11-01T00:00:00+09:00", to: "2026-12-01T00:00:00+09:00") {
    overview { callCount totalDurationSeconds }
    byUser { user { displayName } callCount totalDurationSeconds }
  }
}"""


def call_input(user: Any, external_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "externalId": external_id,
        "userId": to_global_id("User", user.id) if not isinstance(user, str) else user,
        "direction": "OUTBOUND",
        "startedAt": "2026-11-24T18:30:00+09:00",
        "durationSeconds": 60,
        "counterpartNumber": "+81312345678",
        **changes,
    }


async def _call_count(database) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Call)) or 0)


async def _world(database):
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    return acme, admin, ann, bob, gus


async def test_a_service_records_calls_with_a_result_each_in_input_order(database):
    acme, _, ann, bob, gus = await _world(database)
    calls = [
        call_input(ann, " c-1 "),
        call_input(gus, "c-2"),
        call_input(to_global_id("Call", ann.id), "c-3"),
        call_input(ann, "c-4\u0000", durationSeconds=-1),
        call_input(bob, "c-5", direction="INBOUND", durationSeconds=30),
    ]
    for schema in ("analytics", "composed"):
        # The analytics subgraph knows a user by key only; the router asks admin for names.
        query = MUTATION if schema == "composed" else MUTATION.replace("displayName", "id")
        data = await data_of(database, service_caller(acme), query, {"calls": calls}, schema=schema)
        payload = data["recordCalls"]
        first = schema == "analytics"
        assert [result["recorded"] for result in payload["results"]] == [
            first, False, False, False, first
        ]  # fmt: skip
        assert (payload["recordedCount"], payload["alreadyRecordedCount"]) == (
            (2, 0) if first else (0, 2)
        )
    results = payload["results"]
    ids = [results[0]["call"]["id"], results[4]["call"]["id"]]
    assert payload["userErrors"] == []
    assert results == [
        {
            "externalId": "c-1",
            "recorded": False,
            "call": {
                "id": ids[0],
                "direction": "OUTBOUND",
                "startedAt": "2026-11-24T09:30:00+00:00",
                "durationSeconds": 60,
                "counterpartNumber": "+81312345678",
                "user": {"displayName": "Ann Active"},
            },
            "userErrors": [],
        },
        {
            "externalId": "c-2",
            "recorded": False,
            "call": None,
            "userErrors": [
                {
                    "code": "NOT_FOUND",
                    "field": ["input", "calls", "1", "userId"],
                    "message": "No user with this id.",
                }
            ],
        },
        {
            "externalId": "c-3",
            "recorded": False,
            "call": None,
            "userErrors": [
                {
                    "code": "NOT_FOUND",
                    "field": ["input", "calls", "2", "userId"],
                    "message": "No user with this id.",
                }
            ],
        },
        {
            "externalId": "c-4\u0000",
            "recorded": False,
            "call": None,
            "userErrors": [
                {
                    "code": "INVALID_INPUT",
                    "field": ["input", "calls", "3", "externalId"],
                    "message": "externalId has a control character or invalid Unicode.",
                },
                {
                    "code": "INVALID_INPUT",
                    "field": ["input", "calls", "3", "durationSeconds"],
                    "message": "durationSeconds is a whole number from 0 to 86400.",
                },
            ],
        },
        {
            "externalId": "c-5",
            "recorded": False,
            "call": {
                "id": ids[1],
                "direction": "INBOUND",
                "startedAt": "2026-11-24T09:30:00+00:00",
                "durationSeconds": 30,
                "counterpartNumber": "+81312345678",
                "user": {"displayName": "Bob Gone"},
            },
            "userErrors": [],
        },
    ]
    assert await _call_count(database) == 2


async def test_a_member_is_forbidden_an_admin_may(database):
    acme, admin, ann, _, _ = await _world(database)
    refused = await data_of(
        database, caller_of(ann, acme), MUTATION, {"calls": [call_input(ann, "c-1")]}
    )
    assert refused["recordCalls"] == {
        "results": [],
        "recordedCount": 0,
        "alreadyRecordedCount": 0,
        "userErrors": [
            {
                "code": "FORBIDDEN",
                "field": ["input"],
                "message": "Only the tenant's product service or an admin may record calls.",
            }
        ],
    }
    assert await _call_count(database) == 0
    allowed = await data_of(
        database, caller_of(admin, acme), MUTATION, {"calls": [call_input(ann, "c-1")]}
    )
    assert allowed["recordCalls"]["recordedCount"] == 1


async def test_1001_calls_are_one_refusal_of_the_whole_input(database):
    acme, _, ann, _, _ = await _world(database)
    calls = [call_input(ann, f"c-{index}") for index in range(1001)]
    data = await data_of(database, service_caller(acme), MUTATION, {"calls": calls})
    assert data["recordCalls"] == {
        "results": [],
        "recordedCount": 0,
        "alreadyRecordedCount": 0,
        "userErrors": [
            {
                "code": "INVALID_INPUT",
                "field": ["input", "calls"],
                "message": "At most 1000 calls at once; got 1001.",
            }
        ],
    }
    assert await _call_count(database) == 0


async def test_the_dashboard_counts_a_deactivated_users_calls_in_the_overview_only_once(
    database,
):
    acme, admin, ann, bob, _ = await _world(database)
    calls = [
        call_input(ann, "c-1", durationSeconds=60),
        call_input(ann, "c-2", direction="INBOUND", durationSeconds=40),
        call_input(bob, "c-3", durationSeconds=100),
    ]
    for _ in range(2):  # the retry changes nothing
        await data_of(database, service_caller(acme), MUTATION, {"calls": calls})
        dashboard = await data_of(database, caller_of(admin, acme), DASHBOARD)
        assert dashboard["dashboard"] == {
            "overview": {"callCount": 3, "totalDurationSeconds": 200},
            "byUser": [
                {"user": {"displayName": "Ada Admin"}, "callCount": 0, "totalDurationSeconds": 0},
                {
                    "user": {"displayName": "Ann Active"},
                    "callCount": 2,
                    "totalDurationSeconds": 100,
                },
            ],
        }


async def test_the_mutation_makes_the_same_statements_for_10_calls_as_for_1000(database):
    acme, _, ann, bob, _ = await _world(database)
    counts = []
    for size in (10, 1000):
        calls = [call_input((ann, bob)[index % 2], f"{size}-{index}") for index in range(size)]
        with StatementCounter(database) as counter:
            data = await data_of(database, service_caller(acme), MUTATION, {"calls": calls})
        assert data["recordCalls"]["recordedCount"] == size
        assert data["recordCalls"]["results"][-1]["call"]["user"] == {
            "displayName": ("Ann Active", "Bob Gone")[(size - 1) % 2]
        }
        counts.append(counter.count)
    assert counts[0] == counts[1]
