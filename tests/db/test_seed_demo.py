"""`seed_demo`: the same rows on every run, nothing on a second run, every promise of the demo."""

import hashlib
import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel
from typer.testing import CliRunner

import db.models  # noqa: F401  (registers every table)
from db.engine import Database
from db.enums import CallDirection, IncomingCallAction, Role, UserStatus, UserStatusAction
from db.migrate import upgrade
from db.models import (
    Call,
    Comment,
    CommentMention,
    IncomingCallRule,
    Seat,
    Tenant,
    User,
    UserGroup,
    UserStatusEvent,
    VideoIntegration,
)
from db.seed import SeedReport, seed_demo
from gateway.cli import app
from gateway.settings import get_settings

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
USERS = 30
CALLS = 900

users_t = User.__table__  # type: ignore[attr-defined]
calls_t = Call.__table__  # type: ignore[attr-defined]
rules_t = IncomingCallRule.__table__  # type: ignore[attr-defined]
events_t = UserStatusEvent.__table__  # type: ignore[attr-defined]
integrations_t = VideoIntegration.__table__  # type: ignore[attr-defined]
seats_t = Seat.__table__  # type: ignore[attr-defined]
tenants_t = Tenant.__table__  # type: ignore[attr-defined]
groups_t = UserGroup.__table__  # type: ignore[attr-defined]
comments_t = Comment.__table__  # type: ignore[attr-defined]
mentions_t = CommentMention.__table__  # type: ignore[attr-defined]


async def _seed(database: Database, **options: Any) -> SeedReport:
    return await seed_demo(database, users=USERS, calls=CALLS, now=NOW, **options)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        assert value.tzinfo is UTC, f"{value!r} is not aware UTC"
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


async def _table_rows(database: Database) -> dict[str, list[list[Any]]]:
    """Every row of every table, ordered by primary key, as JSON-ready values."""
    tables = {}
    async with database.session() as session:
        for table in SQLModel.metadata.sorted_tables:
            statement = select(table).order_by(*table.primary_key.columns)
            rows = (await session.execute(statement)).all()
            tables[table.name] = [[_plain(value) for value in row] for row in rows]
    return tables


async def _digest(database: Database) -> str:
    rows = await _table_rows(database)
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


@pytest.fixture
async def other_sqlite(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/other.db")
    async with database.engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    try:
        yield database
    finally:
        await database.dispose()


async def _count(database: Database, statement: Any) -> int:
    async with database.session() as session:
        return int(await session.scalar(statement) or 0)


async def test_two_fresh_databases_get_identical_rows(
    database: Database, other_sqlite: Database
) -> None:
    # On the postgres run this also proves both backends hold the very same rows.
    first = await _seed(database)
    second = await _seed(other_sqlite)

    assert first == second
    assert first.skipped is False
    assert await _digest(database) == await _digest(other_sqlite)


async def test_other_seeds_draw_other_rows(database: Database, other_sqlite: Database) -> None:
    await _seed(database)
    await _seed(other_sqlite, random_seed=7)

    assert await _digest(database) != await _digest(other_sqlite)


async def test_second_seed_changes_nothing(database: Database) -> None:
    await _seed(database)
    before = await _digest(database)

    again = await seed_demo(database, users=USERS * 2, calls=CALLS * 2, now=NOW + timedelta(days=3))

    assert again == SeedReport(skipped=True)
    assert again.summary() == "Demo data already present (tenant acme exists): nothing changed."
    assert await _digest(database) == before


async def test_rows_added_after_the_seed_get_fresh_ids(database: Database) -> None:
    report = await _seed(database)
    last_group = await _count(database, select(func.max(groups_t.c.id)))

    async with database.write_sessions() as session, session.begin():
        group = UserGroup(tenant_id=1, name="Added later")
        session.add(group)
    assert report.user_groups == last_group
    assert group.id == last_group + 1


async def test_report_counts_every_row_inserted(database: Database) -> None:
    report = await _seed(database)
    rows = await _table_rows(database)

    assert report.tenants == len(rows["tenants"]) == 2
    assert report.users == len(rows["users"]) == USERS + 6
    assert report.calls == len(rows["calls"]) == CALLS + 40
    assert report.meetings == len(rows["meetings"]) == CALLS // 10 + 8
    assert report.user_groups == len(rows["user_groups"])
    assert report.group_memberships == len(rows["group_memberships"])
    assert report.phone_numbers == len(rows["phone_numbers"])
    assert report.incoming_call_rules == len(rows["incoming_call_rules"])
    assert report.video_integrations == len(rows["video_integrations"])
    assert report.seats == len(rows["seats"])
    assert report.user_status_events == len(rows["user_status_events"])
    assert report.comments == len(rows["comments"]) > 0
    assert report.comment_mentions == len(rows["comment_mentions"]) > 0
    assert rows["api_tokens"] == []
    statuses = [row[5] for row in rows["users"]]
    assert report.deactivated_users == statuses.count("DEACTIVATED")
    # The triggers write call_rollups: rows the seed itself never inserts.
    inserted = {name: table for name, table in rows.items() if name != "call_rollups"}
    assert report.rows == sum(len(table) for table in inserted.values())
    assert rows["call_rollups"] != []


async def test_progress_reports_each_table_as_its_rows_land(database: Database) -> None:
    seen: list[tuple[str, int, int]] = []
    report = await _seed(database, progress=lambda *event: seen.append(event), chunk_size=100)

    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == [
        "tenants",
        "users",
        "user_groups",
        "group_memberships",
        "phone_numbers",
        "incoming_call_rules",
        "video_integrations",
        "seats",
        "user_status_events",
        "calls",
        "meetings",
        "comments",
        "comment_mentions",
    ]
    calls = [(done, total) for stage, done, total in seen if stage == "calls"]
    assert calls == [(done, CALLS + 40) for done in [0, *range(100, CALLS + 1, 100), CALLS + 40]]
    for stage in stages:
        done, total = [(done, total) for name, done, total in seen if name == stage][-1]
        assert done == total == getattr(report, stage)


async def test_acme_and_globex_have_their_people(database: Database) -> None:
    await _seed(database)
    async with database.session() as session:
        tenants = (await session.execute(select(tenants_t).order_by(tenants_t.c.id))).all()
        people = (await session.execute(select(users_t).order_by(users_t.c.id))).all()

    assert [(t.slug, t.name, t.time_zone) for t in tenants] == [
        ("acme", "Acme", "Asia/Tokyo"),
        ("globex", "Globex", "America/New_York"),
    ]
    acme = [user for user in people if user.tenant_id == tenants[0].id]
    globex = [user for user in people if user.tenant_id == tenants[1].id]
    assert len(acme) == USERS
    assert len(globex) == 6
    admins = [(u.email, u.status) for u in acme if u.role == Role.ADMIN]
    assert len(admins) == 2
    assert admins[0] == ("admin@acme.example", UserStatus.ACTIVE)
    assert admins[1][1] == UserStatus.ACTIVE
    assert [(u.email, u.role, u.status) for u in globex if u.role == Role.ADMIN] == [
        ("admin@globex.example", Role.ADMIN, UserStatus.ACTIVE)
    ]
    emails = [user.email for user in acme]
    assert len(set(emails)) == USERS
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+\d*@acme\.example", e) for e in emails[1:])
    assert {len(u.display_name.split()) for u in acme} == {2}


async def test_call_rules_show_every_action_and_the_important_note(database: Database) -> None:
    await _seed(database)
    async with database.session() as session:
        rules = (
            await session.execute(
                select(rules_t.c.action, users_t.c.status)
                .join(users_t, users_t.c.id == rules_t.c.target_user_id, isouter=True)
                .where(rules_t.c.tenant_id == 1)
            )
        ).all()

    assert {rule.action for rule in rules} == set(IncomingCallAction)
    specific = [rule.status for rule in rules if rule.action == "CALL_SPECIFIC_USER"]
    assert specific.count(UserStatus.ACTIVE) == 4
    assert specific.count(UserStatus.DEACTIVATED) == 2


async def test_deactivated_users_look_deactivated_by_an_admin(database: Database) -> None:
    await _seed(database)
    async with database.session() as session:
        gone = (
            await session.execute(select(users_t).where(users_t.c.status == UserStatus.DEACTIVATED))
        ).all()
        events = (await session.execute(select(events_t).order_by(events_t.c.id))).all()
        integrations = (await session.execute(select(integrations_t.c.user_id))).scalars().all()
        seated = set((await session.execute(select(seats_t.c.user_id))).scalars())
        admin_emails = ["admin@acme.example", "admin@globex.example"]
        admins: dict[int, int] = dict(
            (
                await session.execute(
                    select(users_t.c.tenant_id, users_t.c.id).where(
                        users_t.c.email.in_(admin_emails)
                    )
                )
            ).all()
        )

    assert len([user for user in gone if user.tenant_id == 1]) == 4
    assert all(user.role == Role.MEMBER and user.version == 2 for user in gone)
    gone_ids = {user.id for user in gone}
    assert gone_ids.isdisjoint(integrations)
    assert gone_ids & seated
    for user in gone:
        last = [event for event in events if event.user_id == user.id][-1]
        assert (last.action, last.at, last.actor_id) == (
            UserStatusAction.DEACTIVATED,
            user.deactivated_at,
            admins[user.tenant_id],
        )
    assert any(event.removed_video_integrations for event in events if event.user_id in gone_ids)
    returned = [e.user_id for e in events if e.action == UserStatusAction.ACTIVATED]
    assert len(returned) == 1
    assert [e.action for e in events if e.user_id == returned[0]] == ["DEACTIVATED", "ACTIVATED"]


async def test_deactivated_users_with_and_without_recent_calls(database: Database) -> None:
    await _seed(database)
    month_ago = NOW - timedelta(days=30)
    async with database.session() as session:
        rows = (
            await session.execute(
                select(
                    users_t.c.id,
                    users_t.c.deactivated_at,
                    func.count(calls_t.c.id),
                    func.max(calls_t.c.started_at),
                )
                .join(calls_t, calls_t.c.user_id == users_t.c.id)
                .where(users_t.c.status == UserStatus.DEACTIVATED, users_t.c.tenant_id == 1)
                .group_by(users_t.c.id, users_t.c.deactivated_at)
            )
        ).all()

    assert len(rows) == 4  # every deactivated acme user made calls before leaving
    last_calls = [latest.replace(tzinfo=UTC) for _, _, _, latest in rows]
    assert sum(1 for latest in last_calls if latest >= month_ago) == 2
    assert sum(1 for latest in last_calls if latest < month_ago) == 2
    for _, deactivated_at, _, latest in rows:
        assert latest.replace(tzinfo=UTC) < deactivated_at


async def test_activity_spans_the_last_90_days(database: Database) -> None:
    await _seed(database)
    async with database.session() as session:
        calls = (await session.execute(select(calls_t).where(calls_t.c.tenant_id == 1))).all()
        comments = (await session.execute(select(comments_t))).all()
        mentions = (await session.execute(select(mentions_t))).all()
        user_tenants = await session.execute(select(users_t.c.id, users_t.c.tenant_id))
        tenant_of: dict[int, int] = dict(user_tenants.all())

    started = [call.started_at for call in calls]
    assert all(NOW - timedelta(days=90) <= moment < NOW for moment in started)
    assert min(started) < NOW - timedelta(days=85)
    assert max(started) > NOW - timedelta(days=2)
    assert {call.direction for call in calls} == set(CallDirection)
    assert all(re.fullmatch(r"\+[1-9]\d{7,14}", call.counterpart_number) for call in calls)
    assert all(call.duration_seconds > 0 for call in calls if call.direction == "INBOUND")
    comment_tenant = {comment.id: comment.tenant_id for comment in comments}
    assert all(tenant_of[m.user_id] == comment_tenant[m.comment_id] for m in mentions)
    assert all("@" in comment.body for comment in comments)


def test_cli_seeds_a_migrated_database_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ROSTER_DATABASE_URL", url)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        unmigrated = runner.invoke(app, ["seed", "--demo"])
        upgrade(url)
        first = runner.invoke(app, ["seed", "--demo", "--users", "20", "--calls", "300"])
        second = runner.invoke(app, ["seed", "--demo"])
        refused = runner.invoke(app, ["seed", "--users", "20"])
    finally:
        get_settings.cache_clear()

    assert unmigrated.exit_code == 1
    assert unmigrated.stderr == (
        "error: the database has no tables yet: run `roster db upgrade` first\n"
    )
    assert first.exit_code == 0, first.output
    assert re.fullmatch(
        r"Seeded 2 tenants, 26 users \(5 deactivated\), 340 calls, 38 meetings, "
        r"\d+ comments: \d+ rows in \d+\.\ds\.\n",
        first.stdout,
    )
    assert second.exit_code == 0
    assert second.stdout == "Demo data already present (tenant acme exists): nothing changed.\n"
    assert refused.exit_code == 2
    assert "--demo" in refused.output


async def test_refuses_a_demo_too_small_or_a_naive_now(database: Database) -> None:
    with pytest.raises(ValueError, match="at least 12 users"):
        await seed_demo(database, users=11, now=NOW)
    with pytest.raises(ValueError, match="timezone-aware"):
        await seed_demo(database, now=datetime(2026, 11, 28, 9))
    assert await _count(database, select(func.count()).select_from(tenants_t)) == 0
