"""Each rule of a call, with exact per-item results: refused items write nothing, the
others are recorded all the same."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import func, select

from db.enums import UserStatus
from db.models import Call
from resolvers.calls.record import record_calls
from resolvers.calls.records import CallRecord
from tests.factories import make_tenant, make_user
from tests.resolvers.calls.records import NOW, call_record, field


async def _calls_in(database) -> list[tuple]:
    async with database.session() as session:
        rows = await session.execute(
            select(
                Call.external_id,  # type: ignore[call-overload]
                Call.user_id,
                Call.direction,
                Call.started_at,
                Call.duration_seconds,
                Call.counterpart_number,
            ).order_by(Call.external_id)
        )
        return [tuple(row) for row in rows]


async def test_every_rule_refuses_its_item_alone_naming_the_field(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    bad: list[tuple[CallRecord, str, str]] = [
        (call_record(ann, ""), "e-empty", "externalId"),
        (call_record(ann, "   "), "e-blank", "externalId"),
        (call_record(ann, "x" * 201), "e-long", "externalId"),
        (call_record(ann, "a\x00b"), "e-nul", "externalId"),
        (call_record(ann, "a\nb"), "e-newline", "externalId"),
        (call_record(ann, "a\ud800"), "e-surrogate", "externalId"),
        (call_record(ann, "d-1", direction="SIDEWAYS"), "d-1", "direction"),
        (call_record(ann, "t-naive", started_at=datetime(2026, 11, 24, 9)), "t-naive", "startedAt"),
        (
            call_record(ann, "t-1969", started_at=datetime(1969, 12, 31, 23, 59, tzinfo=UTC)),
            "t-1969",
            "startedAt",
        ),
        (
            call_record(
                ann, "t-year1", started_at=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))
            ),
            "t-year1",
            "startedAt",
        ),
        (
            call_record(ann, "t-future", started_at=NOW + timedelta(minutes=5, seconds=1)),
            "t-future",
            "startedAt",
        ),
        (
            call_record(ann, "t-9999", started_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
            "t-9999",
            "startedAt",
        ),
        (call_record(ann, "s-neg", duration_seconds=-1), "s-neg", "durationSeconds"),
        (call_record(ann, "s-long", duration_seconds=86_401), "s-long", "durationSeconds"),
        (call_record(ann, "s-huge", duration_seconds=10**30), "s-huge", "durationSeconds"),
        (call_record(ann, "n-empty", counterpart_number=" "), "n-empty", "counterpartNumber"),
        (call_record(ann, "n-long", counterpart_number="1" * 33), "n-long", "counterpartNumber"),
        (call_record(ann, "n-nul", counterpart_number="+81\x00"), "n-nul", "counterpartNumber"),
        (call_record(None, "u-undecodable"), "u-undecodable", "userId"),
        (call_record(ann, "u-missing", user_id=10**15), "u-missing", "userId"),
    ]
    good = [
        call_record(ann, "  ok-trimmed  ", counterpart_number="  +81 3 1234  "),
        call_record(ann, "x" * 200, started_at=NOW + timedelta(minutes=5), duration_seconds=0),
        call_record(
            ann,
            "ok-epoch",
            direction="INBOUND",
            started_at=datetime(1970, 1, 1, 9, tzinfo=timezone(timedelta(hours=9))),
            duration_seconds=86_400,
            counterpart_number="1" * 32,
        ),
    ]
    calls = [record for record, _, _ in bad] + good
    result = await record_calls(database, tenant_id=acme.id, calls=calls, now=NOW)

    assert result.user_errors == []
    refused = [
        (item.external_id, [(str(e.code), e.field) for e in item.user_errors])
        for item in result.results[: len(bad)]
    ]
    code_of = {"userId": "NOT_FOUND"}
    assert refused == [
        (
            record.external_id if shown.startswith("e-") else shown,
            [(code_of.get(name, "INVALID_INPUT"), field(index, name))],
        )
        for index, (record, shown, name) in enumerate(bad)
    ]
    assert all(item.call is None and not item.recorded for item in result.results[: len(bad)])
    accepted = result.results[len(bad) :]
    assert [(item.external_id, item.recorded, item.user_errors) for item in accepted] == [
        ("ok-trimmed", True, []),
        ("x" * 200, True, []),
        ("ok-epoch", True, []),
    ]
    assert (result.recorded_count, result.already_recorded_count, result.rejected_count) == (
        3,
        0,
        len(bad),
    )
    assert await _calls_in(database) == [
        ("ok-epoch", ann.id, "INBOUND", datetime(1970, 1, 1, tzinfo=UTC), 86_400, "1" * 32),
        (
            "ok-trimmed",
            ann.id,
            "OUTBOUND",
            datetime(2026, 11, 24, 9, 30, tzinfo=UTC),
            60,
            "+81 3 1234",
        ),
        ("x" * 200, ann.id, "OUTBOUND", NOW + timedelta(minutes=5), 0, "+81312345678"),
    ]


async def test_messages_say_what_is_allowed(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    result = await record_calls(
        database,
        tenant_id=acme.id,
        calls=[
            call_record(ann, "a\x00", duration_seconds=-5, counterpart_number=""),
            call_record(ann, "f", started_at=NOW + timedelta(hours=1), direction="x"),
        ],
        now=NOW,
    )
    assert [[error.message for error in item.user_errors] for item in result.results] == [
        [
            "externalId has a control character or invalid Unicode.",
            "durationSeconds is a whole number from 0 to 86400.",
            "counterpartNumber has 1 to 32 characters, spaces around it not counted.",
        ],
        ["direction is INBOUND or OUTBOUND.", "startedAt is at most 5 minutes in the future."],
    ]


async def test_a_deactivated_users_call_is_accepted_and_another_tenants_user_is_not_found(
    database,
):
    acme = await make_tenant(database)
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    result = await record_calls(
        database,
        tenant_id=acme.id,
        calls=[call_record(bob, "c-1"), call_record(gus, "c-2")],
        now=NOW,
    )
    accepted = result.results[0]
    assert (accepted.recorded, accepted.call.user_id, accepted.user_errors) == (True, bob.id, [])
    assert [(str(e.code), e.field, e.message) for e in result.results[1].user_errors] == [
        ("NOT_FOUND", field(1, "userId"), "No user with this id.")
    ]
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(Call)) == 1
