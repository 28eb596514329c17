"""Which bus a process runs (ROSTER_EVENTS_URL, the database), and how the settings and
`roster serve` refuse or warn."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from db.engine import Database
from gateway.cli import app
from gateway.events.postgres import PostgresBus
from gateway.events.redis_bus import RedisBus
from gateway.events.setup import EmbeddedBus, crosses_processes, event_bus_for
from gateway.settings import Settings, SettingsError, get_settings, load_settings

SQLITE = "sqlite+aiosqlite:///./roster.db"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    import os

    for name in list(os.environ):
        if name.startswith("ROSTER_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("database_url", "events_url", "bus_type"),
    [
        (SQLITE, "", EmbeddedBus),
        (POSTGRES, "", PostgresBus),
        (SQLITE, "redis://127.0.0.1:6379/0", RedisBus),
        (POSTGRES, "redis://127.0.0.1:6379/0", RedisBus),
    ],
)
async def test_the_bus_follows_the_settings(environment, database_url, events_url, bus_type):
    settings = Settings(database_url=database_url, events_url=events_url)
    database = Database(database_url)
    try:
        bus = event_bus_for(settings, database)
        assert type(bus) is bus_type
        # The PostgreSQL bus hears commits by NOTIFY alone; the others take the hand-over.
        assert len(database.commit_listeners) == (0 if bus_type is PostgresBus else 1)
        assert crosses_processes(settings) is (bus_type is not EmbeddedBus)
    finally:
        await database.dispose()


@pytest.mark.parametrize(
    "value", ["http://:pw@127.0.0.1:6379", "127.0.0.1:6379", "redis://", "postgresql://x/y"]
)
def test_an_events_url_that_names_no_redis_server_is_refused(environment, value):
    environment.setenv("ROSTER_EVENTS_URL", value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    message = str(refused.value)
    assert "ROSTER_EVENTS_URL: the events bus is a Redis server: write redis://HOST:PORT" in message
    assert f"={value!r}" not in message and ":pw@" not in message  # never shown: a password


def test_a_channel_prefix_of_odd_characters_is_refused(environment):
    environment.setenv("ROSTER_EVENTS_CHANNEL_PREFIX", "has space")
    with pytest.raises(SettingsError, match="ROSTER_EVENTS_CHANNEL_PREFIX"):
        load_settings()


def test_several_workers_on_sqlite_without_redis_are_warned_about(environment, monkeypatch):
    started: list[int] = []
    monkeypatch.setattr("uvicorn.run", lambda *_args, **options: started.append(options["workers"]))
    result = CliRunner().invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert started == [2]
    assert (
        "2 workers on SQLite without ROSTER_EVENTS_URL: a subscription sees only the changes "
        "made through its own worker process"
    ) in result.stderr
    environment.setenv("ROSTER_EVENTS_URL", "redis://127.0.0.1:6379/0")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 0 and "warning" not in result.stderr
