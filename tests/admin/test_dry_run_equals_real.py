"""A dry run answers exactly what the real call answers, in every field a client can select.

The selection is generated from the schema (every field of the payload and of what it
reaches, a few levels down), so a field added later is compared too. Each scenario runs
as a dry run in one fresh world and for real in an identical one; the answers must be
equal but for ``dryRun`` itself, and the dry run's world must be left as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import update

from db.enums import UserStatus
from db.models import User
from resolvers.ids import to_global_id
from resolvers.tokens import Caller
from schemas.graph import plain_schemas
from tests.admin.full_world import FullWorld, build_full_world
from tests.admin.selection import whole_selection
from tests.graphql import execute

FROZEN_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
# Object levels below UserStatusPayload: deep enough for a comment's mentions on a call of
# the user's history (user > callHistory > edges > node > comments > mentions).
DEPTH = 6


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both runs stamp the same moment, so deactivatedAt and the event's `at` compare."""
    monkeypatch.setattr("resolvers.status.change.utcnow", lambda: FROZEN_NOW)


@dataclass(frozen=True)
class Scenario:
    id: str
    mutation: str
    input: Callable[[FullWorld], dict[str, Any]]
    caller: Callable[[FullWorld], Caller] = lambda world: world.admin
    # Run on both worlds before the mutation, e.g. to make the caller's own row stale.
    prepare: Callable[[Any, FullWorld], Any] | None = None


async def _deactivate_the_caller_meanwhile(database: Any, world: FullWorld) -> None:
    """As a concurrent request would: the admin still acting was just deactivated."""
    table = User.__table__  # type: ignore[attr-defined]
    async with database.write_sessions() as session, session.begin():
        await session.execute(
            update(table)
            .where(table.c.id == world.ada.id)
            .values(status=UserStatus.DEACTIVATED, deactivated_at=FROZEN_NOW)
        )


NOBODY = to_global_id("User", 424242)
SCENARIOS = [
    Scenario("deactivate", "deactivateUser", lambda w: {"userId": w.gid(w.ben)}),
    Scenario(
        "deactivate-reassigning",
        "deactivateUser",
        lambda w: {"userId": w.gid(w.ben), "reassignIncomingCallRulesTo": w.gid(w.cai)},
    ),
    Scenario("deactivate-self", "deactivateUser", lambda w: {"userId": w.gid(w.ada)}),
    Scenario("deactivate-repeat", "deactivateUser", lambda w: {"userId": w.gid(w.dee)}),
    Scenario("activate", "activateUser", lambda w: {"userId": w.gid(w.dee)}),
    Scenario(
        "update-deactivates-and-renames",
        "updateUser",
        lambda w: {"userId": w.gid(w.ben), "active": False, "displayName": "Ben B."},
    ),
    Scenario("update-activates", "updateUser", lambda w: {"userId": w.gid(w.dee), "active": True}),
    Scenario("update-refused", "updateUser", lambda w: {"userId": w.gid(w.ada), "active": False}),
    Scenario(
        "bulk-deactivate",
        "deactivateUsers",
        lambda w: {
            "userIds": [
                w.gid(w.ben),
                w.gid(w.ben),
                NOBODY,
                w.gid(w.ada),
                w.gid(w.cai),
                w.gid(w.dee),
                "nonsense",
            ]
        },
    ),
    Scenario(
        "bulk-activate",
        "activateUsers",
        lambda w: {"userIds": [w.gid(w.dee), w.gid(w.dee), w.gid(w.ben), NOBODY]},
    ),
    Scenario(
        # Eve can go while Fay stays; then Fay is the last active admin.
        "bulk-last-admin",
        "deactivateUsers",
        lambda w: {"userIds": [w.gid(w.eve), w.gid(w.fay), w.gid(w.ben)]},
        prepare=_deactivate_the_caller_meanwhile,
    ),
]


def _document(mutation: str) -> str:
    schema = plain_schemas()["composed"]._schema
    field = schema.mutation_type.fields[mutation]
    input_type = field.args["input"].type
    payload = field.type.of_type.name
    depth = DEPTH if payload == "UserStatusPayload" else DEPTH + 1
    selection = whole_selection(schema, payload, depth)
    return f"mutation($input: {input_type}) {{ {mutation}(input: $input) {{ {selection} }} }}"


def _world_query() -> str:
    schema = plain_schemas()["composed"]._schema

    def whole(type_name: str) -> str:
        return whole_selection(schema, type_name, 3)

    return (
        f"{{ users(first: 100) {{ edges {{ node {{ {whole('User')} }} }} }} "
        f"incomingCallRules {{ {whole('IncomingCallRule')} }} "
        f"seatMap {{ {whole('Seat')} }} userGroups {{ {whole('UserGroup')} }} }}"
    )


def _answer(result: Any) -> dict[str, Any]:
    return {
        "data": result.data,
        "errors": [error.formatted for error in result.errors or []],
    }


def _dry_run_flags(value: Any, found: list[bool]) -> Any:
    """``value`` with every ``dryRun`` answer taken out into ``found``."""
    if isinstance(value, dict):
        if "dryRun" in value:
            found.append(value["dryRun"])
        return {k: _dry_run_flags(v, found) for k, v in value.items() if k != "dryRun"}
    if isinstance(value, list):
        return [_dry_run_flags(item, found) for item in value]
    return value


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
async def test_the_dry_run_answers_what_the_real_call_answers(database, twin_database, scenario):
    document = _document(scenario.mutation)
    answers = {}
    for name, db, dry_run in (("preview", database, True), ("real", twin_database, False)):
        world = await build_full_world(db)
        if scenario.prepare is not None:
            await scenario.prepare(db, world)
        before = await execute(db, world.admin, _world_query())
        variables = {"input": {**scenario.input(world), "dryRun": dry_run}}
        answers[name] = _answer(await execute(db, scenario.caller(world), document, variables))
        after = await execute(db, world.admin, _world_query())
        if dry_run:
            assert _answer(after) == _answer(before), "the dry run wrote something"
        else:
            assert _answer(after) != _answer(before) or not _changed(answers[name])

    preview_flags: list[bool] = []
    real_flags: list[bool] = []
    preview = _dry_run_flags(answers["preview"], preview_flags)
    real = _dry_run_flags(answers["real"], real_flags)
    assert preview["errors"] == [] and real["errors"] == []
    assert _differences(preview, real) == []
    assert preview == real
    assert set(preview_flags) <= {True} and set(real_flags) <= {False}
    assert len(preview_flags) == len(real_flags)


def _changed(answer: dict[str, Any]) -> bool:
    """Whether any result of the answer says it changed something."""
    found: list[bool] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("changed") is True:
                found.append(True)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answer)
    return bool(found)


def _differences(preview: Any, real: Any, path: str = "") -> list[str]:
    """Where two answers differ, as readable paths: a failure says which fields lie."""
    if isinstance(preview, dict) and isinstance(real, dict):
        return [
            difference
            for key in sorted(preview.keys() | real.keys())
            for difference in _differences(preview.get(key), real.get(key), f"{path}.{key}")
        ]
    if isinstance(preview, list) and isinstance(real, list) and len(preview) == len(real):
        return [
            difference
            for index, (a, b) in enumerate(zip(preview, real, strict=True))
            for difference in _differences(a, b, f"{path}[{index}]")
        ]
    return [] if preview == real else [f"{path}: preview {preview!r:.80} real {real!r:.80}"]
