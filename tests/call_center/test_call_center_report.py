"""Call Center report: active users (zeros too) plus deactivated users with calls in [from, to)."""

from datetime import UTC, datetime, timedelta

from db.enums import CallDirection, Role, UserStatus
from tests.call_center.status import set_active
from tests.factories import caller_of, make_call, make_tenant, make_user
from tests.graphql import data_of, execute

INBOUND, OUTBOUND = CallDirection.INBOUND, CallDirection.OUTBOUND
MARCH = ("2026-03-01T00:00:00+09:00", "2026-04-01T00:00:00+09:00")
APRIL_1ST = ("2026-04-01T00:00:00+09:00", "2026-04-02T00:00:00+09:00")
FROM = datetime(2026, 2, 28, 15, 0, tzinfo=UTC)  # March 1st, 00:00 in Tokyo
TO = datetime(2026, 3, 31, 15, 0, tzinfo=UTC)  # April 1st, 00:00 in Tokyo

REPORT = """query($from: DateTime!, $to: DateTime!) {
  callCenterReport(from: $from, to: $to) {
    user { displayName inCallCenterReport(from: $from, to: $to) }
    inboundCount outboundCount totalTalkSeconds
  }
  users(first: 20) { edges { node { displayName inCallCenterReport(from: $from, to: $to) } } }
}"""


def row(name: str, inbound: int, outbound: int, seconds: int) -> dict:
    return {
        "user": {"displayName": name, "inCallCenterReport": True},
        "inboundCount": inbound,
        "outboundCount": outbound,
        "totalTalkSeconds": seconds,
    }


def listed(**in_report: bool) -> dict:
    return {
        "edges": [
            {"node": {"displayName": name.replace("_", " "), "inCallCenterReport": value}}
            for name, value in in_report.items()
        ]
    }


async def _period(database, caller, period: tuple[str, str]) -> dict:
    return await data_of(database, caller, REPORT, {"from": period[0], "to": period[1]})


async def test_report_counts_calls_in_sql_and_keeps_deactivated_users_with_calls_only(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    dee = await make_user(database, acme, "Dee Dunn", status=UserStatus.DEACTIVATED)
    fay = await make_user(database, acme, "Fay Fox", status=UserStatus.DEACTIVATED)
    gus = await make_user(database, acme, "Gus Gray", status=UserStatus.DEACTIVATED)
    await make_call(database, ben, INBOUND, FROM + timedelta(days=1), duration_seconds=120)
    await make_call(database, ben, INBOUND, FROM + timedelta(days=2), duration_seconds=30)
    await make_call(database, ben, OUTBOUND, TO - timedelta(seconds=1), duration_seconds=45)
    await make_call(database, ben, OUTBOUND, FROM - timedelta(seconds=1), duration_seconds=999)
    await make_call(database, dee, OUTBOUND, FROM, duration_seconds=300)  # at `from`: counts
    await make_call(database, fay, INBOUND, TO, duration_seconds=60)  # at `to`: does not
    await make_call(database, gus, INBOUND, FROM - timedelta(days=3), duration_seconds=10)
    globex = await make_tenant(database, "globex")
    eve = await make_user(database, globex, "Eve Other", status=UserStatus.DEACTIVATED)
    await make_call(database, eve, INBOUND, FROM + timedelta(days=1), duration_seconds=77)
    admin = caller_of(ada, acme)

    assert await _period(database, admin, MARCH) == {
        "callCenterReport": [
            row("Ada Admin", 0, 0, 0),
            row("Ben Bell", 2, 1, 195),
            row("Dee Dunn", 0, 1, 300),
        ],
        "users": listed(
            Ada_Admin=True, Ben_Bell=True, Dee_Dunn=True, Fay_Fox=False, Gus_Gray=False
        ),
    }
    assert await _period(database, admin, APRIL_1ST) == {
        "callCenterReport": [
            row("Ada Admin", 0, 0, 0),
            row("Ben Bell", 0, 0, 0),
            row("Fay Fox", 1, 0, 60),
        ],
        "users": listed(
            Ada_Admin=True, Ben_Bell=True, Dee_Dunn=False, Fay_Fox=True, Gus_Gray=False
        ),
    }


async def test_deactivation_keeps_a_user_in_reports_of_periods_with_their_calls_only(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    cai = await make_user(database, acme, "Cai Chen")
    await make_call(database, ben, OUTBOUND, FROM + timedelta(hours=1), duration_seconds=90)
    admin = caller_of(ada, acme)

    active = {
        "callCenterReport": [
            row("Ada Admin", 0, 0, 0),
            row("Ben Bell", 0, 1, 90),
            row("Cai Chen", 0, 0, 0),
        ],
        "users": listed(Ada_Admin=True, Ben_Bell=True, Cai_Chen=True),
    }
    assert await _period(database, admin, MARCH) == active

    await set_active(database, admin, ben, False)
    await set_active(database, admin, cai, False)
    assert await _period(database, admin, MARCH) == {
        "callCenterReport": [row("Ada Admin", 0, 0, 0), row("Ben Bell", 0, 1, 90)],
        "users": listed(Ada_Admin=True, Ben_Bell=True, Cai_Chen=False),
    }
    assert await _period(database, admin, APRIL_1ST) == {
        "callCenterReport": [row("Ada Admin", 0, 0, 0)],
        "users": listed(Ada_Admin=True, Ben_Bell=False, Cai_Chen=False),
    }

    await set_active(database, admin, cai, True)
    await set_active(database, admin, ben, True)
    assert await _period(database, admin, MARCH) == active


async def test_periods_need_offsets_and_order(database):
    acme = await make_tenant(database)
    ada = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    admin = caller_of(ada, acme)

    for period, message, data in [
        (
            ("2026-03-01T00:00:00", "2026-04-01T00:00:00+09:00"),
            "Variable '$from' has invalid value: "
            "A DateTime needs a UTC offset, e.g. 2026-11-24T09:30:00+09:00.",
            (None, None),  # the scalar refuses it: a request error, nothing runs
        ),
        (
            ("2026-04-01T00:00:00+09:00", "2026-03-01T00:00:00+09:00"),
            "`to` must not be before `from`.",
            (None, {"me": None}),
        ),
    ]:
        for query, expected in zip(
            [
                "callCenterReport(from: $from, to: $to) { inboundCount }",
                "me { inCallCenterReport(from: $from, to: $to) }",
            ],
            data,
            strict=True,
        ):
            result = await execute(
                database,
                admin,
                f"query($from: DateTime!, $to: DateTime!) {{ {query} }}",
                {"from": period[0], "to": period[1]},
            )
            assert result.data == expected
            assert [(e.message, e.extensions) for e in result.errors or []] == [
                (message, {"code": "INVALID_INPUT"})
            ]
