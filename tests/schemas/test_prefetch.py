"""A list prefetches the User fields its selection asks for: fragments, aliases and
@skip included, one statement per loader, and no per-item load left to await."""

from datetime import UTC, datetime

from db.enums import CallDirection, Role
from resolvers.loaders.base import TenantLoader
from tests.factories import (
    caller_of,
    make_call,
    make_group,
    make_phone_number,
    make_seat,
    make_tenant,
    make_user,
)
from tests.graphql import StatementCounter, data_of

QUERY = """
query ($skipGroups: Boolean!) {
  users(first: 10) {
    edges { node {
      ...Phones
      ... on Node { id }
      groups @skip(if: $skipGroups) { name }
      recent: callHistory(first: 1) { edges { node { durationSeconds } } }
      older: callHistory(first: 2) { totalCount edges { node { durationSeconds } } }
      seat { label }
      visibleInSeatMap
      inCallCenterReport(from: "2026-03-01T00:00:00+09:00", to: "2026-04-01T00:00:00+09:00")
    } }
  }
}
fragment Phones on User { phoneNumbers { number } }
"""


async def test_users_page_prefetches_what_its_selection_asks_for(database, monkeypatch):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada", role=Role.ADMIN)
    bo = await make_user(database, acme, "Bo")
    await make_phone_number(database, acme, "+81311110000", bo)
    await make_group(database, acme, "Sales", [bo])
    await make_seat(database, acme, "A-01", user=bo)
    for day, seconds in ((2, 60), (3, 90), (4, 120)):
        await make_call(
            database,
            bo,
            CallDirection.INBOUND,
            datetime(2026, 3, day, tzinfo=UTC),
            duration_seconds=seconds,
        )
    loads: list[object] = []
    original_load = TenantLoader.load

    def counted_load(self, key):
        loads.append(key)
        return original_load(self, key)

    monkeypatch.setattr(TenantLoader, "load", counted_load)
    caller = caller_of(ada, acme)

    with StatementCounter(database) as counter:
        data = await data_of(database, caller, QUERY, {"skipGroups": False})

    assert loads == []
    # users, phones, groups, two call pages (first: 1 and 2), their count, seats, calls in March
    assert counter.count == 8
    assert data["users"]["edges"] == [
        {
            "node": {
                "phoneNumbers": [],
                "id": data["users"]["edges"][0]["node"]["id"],
                "groups": [],
                "recent": {"edges": []},
                "older": {"totalCount": 0, "edges": []},
                "seat": None,
                "visibleInSeatMap": False,
                "inCallCenterReport": True,
            }
        },
        {
            "node": {
                "phoneNumbers": [{"number": "+81311110000"}],
                "id": data["users"]["edges"][1]["node"]["id"],
                "groups": [{"name": "Sales"}],
                "recent": {"edges": [{"node": {"durationSeconds": 120}}]},
                "older": {
                    "totalCount": 3,
                    "edges": [
                        {"node": {"durationSeconds": 120}},
                        {"node": {"durationSeconds": 90}},
                    ],
                },
                "seat": {"label": "A-01"},
                "visibleInSeatMap": True,
                "inCallCenterReport": True,
            }
        },
    ]

    with StatementCounter(database) as counter:
        skipped = await data_of(database, caller, QUERY, {"skipGroups": True})
    assert counter.count == 7
    assert "groups" not in skipped["users"]["edges"][1]["node"]
    assert loads == []


async def test_a_single_user_still_loads_its_fields(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada", role=Role.ADMIN)
    await make_phone_number(database, acme, "+81311110000", ada)
    data = await data_of(
        database, caller_of(ada, acme), "{ me { phoneNumbers { number } seat { label } } }"
    )
    assert data == {"me": {"phoneNumbers": [{"number": "+81311110000"}], "seat": None}}
