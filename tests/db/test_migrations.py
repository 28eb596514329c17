"""The Alembic migrations build exactly the schema the models describe, on each backend."""

import asyncio
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel
from typer.testing import CliRunner

import db.models  # noqa: F401  (registers every table)
from db.engine import Database, make_engine
from db.migrate import alembic_config, current, downgrade, head, upgrade, upgrade_async
from gateway.cli import app
from gateway.settings import get_settings

ROSTER_TABLES = {
    "alembic_version",
    "audit_entries",
    "api_tokens",
    "calls",
    "call_rollups",
    "comment_mentions",
    "comments",
    "group_memberships",
    "incoming_call_rules",
    "meetings",
    "outbox_events",
    "phone_numbers",
    "scheduled_status_changes",
    "seats",
    "tenants",
    "user_groups",
    "user_status_events",
    "users",
    "video_integrations",
    "webhook_attempts",
    "webhook_deliveries",
    "webhook_endpoints",
}


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, SQLModel.metadata)


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _inspect(url: str) -> tuple[list[Any], set[str]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
            tables = await connection.run_sync(_table_names)
    finally:
        await engine.dispose()
    return differences, tables


async def test_migrated_schema_matches_the_models(empty_database_url: str) -> None:
    # Called from inside the test's running loop on purpose: upgrade() must cope.
    upgrade(empty_database_url)

    differences, tables = await _inspect(empty_database_url)
    assert differences == []
    assert tables == ROSTER_TABLES


async def test_a_new_database_is_at_no_revision_and_upgrade_is_idempotent(
    empty_database_url: str,
) -> None:
    assert current(empty_database_url) is None

    upgrade(empty_database_url)
    assert current(empty_database_url) == head()
    upgrade(empty_database_url)
    assert current(empty_database_url) == head()

    differences, tables = await _inspect(empty_database_url)
    assert differences == []
    assert tables == ROSTER_TABLES


async def test_downgrade_removes_everything_and_upgrade_rebuilds_it(
    empty_database_url: str,
) -> None:
    upgrade(empty_database_url)
    downgrade(empty_database_url, "base")

    assert current(empty_database_url) is None
    assert (await _inspect(empty_database_url))[1] == {"alembic_version"}

    # On PostgreSQL this fails if the downgrade left the enum types behind.
    upgrade(empty_database_url)
    assert await _inspect(empty_database_url) == ([], ROSTER_TABLES)


async def test_upgrade_async_migrates_through_the_apps_engine(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        await upgrade_async(database.engine)
        await upgrade_async(database.engine)

        async with database.engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            assert await connection.run_sync(_table_names) == ROSTER_TABLES
            revisions = await connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revisions.scalars().all() == [head()]
            if database.is_sqlite:
                # Migrations switch enforcement off for batch copies; the app needs it back.
                enforced = await connection.execute(text("PRAGMA foreign_keys"))
                assert enforced.scalar_one() == 1
    finally:
        await database.dispose()


def test_roster_db_upgrade_creates_every_table_and_then_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ROSTER_DATABASE_URL", url)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        first = runner.invoke(app, ["db", "upgrade"])
        second = runner.invoke(app, ["db", "upgrade"])
        shown = runner.invoke(app, ["db", "current"])
    finally:
        get_settings.cache_clear()

    assert first.exit_code == 0, first.output
    assert first.output == f"{url}: upgraded from an empty database to {head()}.\n"
    assert second.exit_code == 0, second.output
    assert second.output == f"{url}: already at {head()}, nothing to do.\n"
    assert shown.output == f"{head()}\n"
    differences, tables = asyncio.run(_inspect(url))
    assert differences == []
    assert tables == ROSTER_TABLES


def _config_with_probe_revision(tmp_path: Path, url: str, upgrade_body: str) -> Any:
    """Alembic config over a copy of db/migrations plus one more revision after head."""
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(alembic_config().get_main_option("script_location") or ""), scripts)
    (scripts / "versions" / "9999_probe.py").write_text(
        "import sqlalchemy as sa\n"
        "from alembic import op\n\n"
        f"revision = '9999'\ndown_revision = {head()!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n" + textwrap.indent(textwrap.dedent(upgrade_body), "    ") + "\n\n"
        "def downgrade():\n    pass\n"
    )
    config = alembic_config(url)
    config.set_main_option("script_location", str(scripts))
    return config


async def _scalar(url: str, sql: str) -> Any:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return (await connection.execute(text(sql))).scalar_one()
    finally:
        await database.dispose()


async def _write(url: str, *statements: str) -> None:
    database = Database(url)
    try:
        async with database.write_sessions() as session, session.begin():
            for statement in statements:
                await session.execute(text(statement))
    finally:
        await database.dispose()


def test_a_sqlite_table_rebuild_keeps_the_rows_that_reference_it(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'roster.db'}"
    upgrade(url)
    asyncio.run(
        _write(
            url,
            "INSERT INTO tenants (id, slug, name, time_zone) "
            "VALUES (7, 'acme', 'Acme', 'Asia/Tokyo')",
            "INSERT INTO users (id, tenant_id, email, display_name, role, status, version, "
            "created_at, email_folded, display_name_folded) VALUES (3, 7, 'a@acme.example', "
            "'A', 'ADMIN', 'ACTIVE', 1, '2026-01-01 00:00:00', 'a@acme.example', 'a')",
        )
    )
    # Batch mode copies tenants into a new table and drops the old one, which every
    # other table references: with foreign keys enforced, that DROP would fail.
    config = _config_with_probe_revision(
        tmp_path,
        url,
        """
        with op.batch_alter_table("tenants") as batch:
            batch.add_column(sa.Column("archived", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
        """,
    )

    command.upgrade(config, "head")

    assert current(url) == "9999"
    assert asyncio.run(_scalar(url, "SELECT slug || ':' || archived FROM tenants")) == "acme:0"
    assert asyncio.run(_scalar(url, "SELECT tenant_id FROM users WHERE id = 3")) == 7
    assert asyncio.run(_scalar(url, "PRAGMA foreign_keys")) == 1


async def test_a_failing_migration_leaves_the_database_as_it_was(
    empty_database_url: str, tmp_path: Path
) -> None:
    upgrade(empty_database_url)
    config = _config_with_probe_revision(
        tmp_path,
        empty_database_url,
        """
        op.create_table("probe", sa.Column("id", sa.Integer(), primary_key=True))
        op.add_column("tenants", sa.Column("probe", sa.Integer()))
        raise RuntimeError("the probe revision fails half way")
        """,
    )

    with pytest.raises(RuntimeError, match="half way"):
        await asyncio.to_thread(command.upgrade, config, "head")

    assert current(empty_database_url) == head()
    assert await _inspect(empty_database_url) == ([], ROSTER_TABLES)


async def test_0007_fills_the_rollups_from_the_calls_already_there(empty_database_url: str) -> None:
    upgrade(empty_database_url, "0006")
    database = Database(empty_database_url)
    try:
        async with database.engine.begin() as connection:
            for statement in (
                "INSERT INTO tenants (id, slug, name, time_zone)"
                " VALUES (1, 'acme', 'Acme', 'Asia/Kolkata')",
                "INSERT INTO users (id, tenant_id, email, display_name, role, status, version,"
                " created_at, display_name_folded, email_folded)"
                " VALUES (1, 1, 'a@acme.example', 'A', 'ADMIN', 'ACTIVE', 1,"
                " '2026-01-01 00:00:00', 'a', 'a@acme.example')",
                # 18:29:59 UTC is 23:59:59 in Kolkata; 18:30 is the next local day.
                "INSERT INTO calls (tenant_id, user_id, direction, started_at, duration_seconds,"
                " counterpart_number) VALUES"
                " (1, 1, 'INBOUND', '2026-03-01 18:29:59.000000', 5, '+1'),"
                " (1, 1, 'OUTBOUND', '2026-03-01 18:30:00.000000', 7, '+1'),"
                " (1, 1, 'OUTBOUND', '2026-03-02 01:00:00.000000', 9, '+1')",
            ):
                await connection.execute(text(statement))
        await upgrade_async(database.engine)
        async with database.engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT CAST(local_day AS VARCHAR(10)), user_id, inbound_count,"
                    " inbound_seconds, outbound_count, outbound_seconds FROM call_rollups"
                    " ORDER BY local_day"
                )
            )
            assert [tuple(row) for row in rows] == [
                ("2026-03-01", 1, 1, 5, 0, 0),
                ("2026-03-02", 1, 0, 0, 2, 16),
            ]
    finally:
        await database.dispose()
