"""`roster calls import`: NDJSON and CSV files through recordCalls' function, with exact
output, exit codes and idempotent re-runs."""

import json

from sqlalchemy import select

from db.enums import UserStatus
from db.models import Call
from resolvers.ids import to_global_id
from tests.factories import make_tenant, make_user
from tests.resolvers.calls.rollups import rollup_rows

STARTED = "2026-11-24T18:30:00+09:00"


async def _people(database):
    acme = await make_tenant(database)
    ann = await make_user(database, acme, "Ann Active")
    bob = await make_user(database, acme, "Bob Gone", status=UserStatus.DEACTIVATED)
    globex = await make_tenant(database, "globex")
    gus = await make_user(database, globex, "Gus Other")
    return acme, ann, bob, gus


def _call(user, external_id: str, **changes) -> dict:
    return {
        "externalId": external_id,
        "userId": to_global_id("User", user.id),
        "direction": "OUTBOUND",
        "startedAt": STARTED,
        "durationSeconds": 60,
        "counterpartNumber": "+81312345678",
        **changes,
    }


async def _stored(database) -> list[tuple]:
    async with database.session() as session:
        rows = await session.execute(
            select(Call.external_id, Call.user_id, Call.duration_seconds).order_by(  # type: ignore[call-overload]
                Call.external_id
            )
        )
        return [tuple(row) for row in rows]


async def test_ndjson_good_and_bad_lines_then_an_idempotent_rerun(database, roster, tmp_path):
    _, ann, bob, gus = await _people(database)
    lines = [
        json.dumps(_call(ann, "c-1")),
        json.dumps(_call(bob, "c-2", direction="INBOUND", durationSeconds=30)),
        "{not json",
        "",
        json.dumps(_call(gus, "c-3")),
        json.dumps({k: v for k, v in _call(ann, "c-4").items() if k != "startedAt"}),
        json.dumps(_call(ann, "c-5", durationSeconds=-1, startedAt="2099-01-01T00:00:00Z")),
        json.dumps(_call(ann, "c-6", durationSeconds="60")),
        "[1, 2]",
        json.dumps(_call(ann, "c-1", durationSeconds=61)),
        json.dumps(_call(ann, "c-7\u0000")),
        json.dumps(_call(ann, "c-8", startedAt="yesterday")),
        json.dumps(_call(ann, "c-9")),
    ]
    path = tmp_path / "calls.ndjson"
    path.write_text("\n".join(lines) + "\n")
    first = await roster("calls", "import", str(path), "--tenant", "acme", "--batch-size", "2")
    assert (first.exit_code, first.stdout) == (
        1,
        "recorded 3, already recorded 0, rejected 9\n",
    )
    assert first.stderr == (
        "line 3: not valid JSON.\n"
        "line 5: userId: No user with this id.\n"
        "line 6: missing startedAt.\n"
        "line 7: startedAt is at most 5 minutes in the future. "
        "durationSeconds is a whole number from 0 to 86400.\n"
        "line 8: durationSeconds is a whole number.\n"
        "line 9: not a JSON object.\n"
        "line 10: externalId: A call with this externalId was recorded with other values.\n"
        "line 11: externalId has a control character or invalid Unicode.\n"
        "line 12: startedAt is an ISO 8601 date-time, e.g. 2026-11-24T09:30:00+09:00.\n"
    )
    assert await _stored(database) == [
        ("c-1", ann.id, 60),
        ("c-2", bob.id, 30),
        ("c-9", ann.id, 60),
    ]
    rollups = await rollup_rows(database)

    again = await roster("calls", "import", str(path), "--tenant", "acme")
    assert (again.exit_code, again.stdout) == (1, "recorded 0, already recorded 3, rejected 9\n")
    assert again.stderr == first.stderr
    assert await rollup_rows(database) == rollups


async def test_csv_by_its_extension_with_a_quoted_multiline_row(database, roster, tmp_path):
    _, ann, _, _ = await _people(database)
    user = to_global_id("User", ann.id)
    path = tmp_path / "calls.csv"
    path.write_text(
        "externalId,userId,direction,startedAt,durationSeconds,counterpartNumber\n"
        f"c-1,{user},OUTBOUND,{STARTED},60,+81312345678\n"
        f'"c-2\nsecond line",{user},INBOUND,{STARTED},5,+813\n'
        f"c-3,{user},OUTBOUND,{STARTED},sixty,+81312345678\n"
        f"c-4,{user},OUTBOUND\n"
        f"c-5,{user},SIDEWAYS,{STARTED},1,+81312345678\n"
        f"c-6,{user},INBOUND,{STARTED}, 7 ,  +81 3 1234  \n"
    )
    result = await roster("calls", "import", str(path), "--tenant", "acme")
    assert (result.exit_code, result.stdout) == (1, "recorded 2, already recorded 0, rejected 4\n")
    assert result.stderr == (
        "line 3: externalId has a control character or invalid Unicode.\n"
        "line 5: durationSeconds is a whole number.\n"
        "line 6: 3 values; the header names 6.\n"
        "line 7: direction is INBOUND or OUTBOUND.\n"
    )
    assert await _stored(database) == [("c-1", ann.id, 60), ("c-6", ann.id, 7)]
    clean = tmp_path / "clean.txt"
    clean.write_text(
        "counterpartNumber,durationSeconds,startedAt,direction,userId,externalId\n"
        f"+81312345678,60,{STARTED},OUTBOUND,{user},c-1\n"
    )
    rerun = await roster("calls", "import", str(clean), "--tenant", "acme", "--format", "csv")
    assert (rerun.exit_code, rerun.stdout, rerun.stderr) == (
        0,
        "recorded 0, already recorded 1, rejected 0\n",
        "",
    )


async def test_refusals_of_the_whole_run(database, roster, tmp_path):
    await _people(database)
    path = tmp_path / "calls.ndjson"
    path.write_text("")
    unknown = await roster("calls", "import", str(path), "--tenant", "initech")
    assert (unknown.exit_code, unknown.stderr) == (1, "error: no tenant 'initech'\n")
    odd = tmp_path / "calls.xml"
    odd.write_text("")
    guessed = await roster("calls", "import", str(odd), "--tenant", "acme")
    assert (guessed.exit_code, guessed.stderr) == (
        1,
        "error: cannot tell the format of calls.xml from its extension: pass --format ndjson|csv\n",
    )
    header = tmp_path / "bad.csv"
    header.write_text("externalId,userId\nc-1,x\n")
    bad_header = await roster("calls", "import", str(header), "--tenant", "acme")
    assert (bad_header.exit_code, bad_header.stdout, bad_header.stderr) == (
        1,
        "recorded 0, already recorded 0, rejected 1\n",
        "line 1: the header names each of externalId, userId, direction, startedAt, "
        "durationSeconds, counterpartNumber once.\n",
    )
    empty = await roster("calls", "import", str(path), "--tenant", "acme")
    assert (empty.exit_code, empty.stdout) == (0, "recorded 0, already recorded 0, rejected 0\n")


async def test_undecodable_bytes_and_overlong_lines_are_rejections(database, roster, tmp_path):
    _, ann, _, _ = await _people(database)
    good = json.dumps(_call(ann, "c-1")).encode()
    undecodable = json.dumps(_call(ann, "c-X")).encode().replace(b"c-X", b"c-\xff")
    overlong = json.dumps(_call(ann, "c-2", counterpartNumber="1" * 70_000)).encode()
    for suffix, rows in (
        (".ndjson", [undecodable, overlong, good]),
        (".csv", [b"externalId,userId,direction,startedAt,durationSeconds,counterpartNumber"]),
    ):
        path = tmp_path / f"calls{suffix}"
        if suffix == ".csv":
            user = to_global_id("User", ann.id).encode()
            rows += [
                b"c-\xff," + user + b",OUTBOUND," + STARTED.encode() + b",1,+81",
                b"c-3," + user + b",OUTBOUND," + STARTED.encode() + b",1," + b"1" * 70_000,
                b"c-1," + user + b",OUTBOUND," + STARTED.encode() + b",60,+81312345678",
            ]
        path.write_bytes(b"\n".join(rows) + b"\n")
        result = await roster("calls", "import", str(path), "--tenant", "acme")
        recorded = 1 if suffix == ".ndjson" else 0
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            f"recorded {recorded}, already recorded {1 - recorded}, rejected 2\n",
            "line 2: externalId has a control character or invalid Unicode.\n"
            "line 3: longer than 65536 bytes.\n"
            if suffix == ".csv"
            else "line 1: externalId has a control character or invalid Unicode.\n"
            "line 2: longer than 65536 bytes.\n",
        )
    assert await _stored(database) == [("c-1", ann.id, 60)]
