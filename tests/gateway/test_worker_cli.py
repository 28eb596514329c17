"""`roster serve --no-worker` and `roster worker` on the command line."""

from typer.testing import CliRunner

from gateway import cli
from gateway.settings import get_settings


def test_no_worker_turns_the_loop_off_for_the_served_app(monkeypatch, tmp_path):
    monkeypatch.setenv("ROSTER_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'roster.db'}")
    monkeypatch.delenv("ROSTER_SERVE_WORKER", raising=False)
    started: list[dict] = []
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: started.append(kwargs))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["serve", "--no-worker"])
        assert result.exit_code == 0, result.output
        assert started and started[0]["factory"] is True
        # What the served app (in this process or in uvicorn's workers) is built from.
        assert get_settings().serve_worker is False
    finally:
        monkeypatch.delenv("ROSTER_SERVE_WORKER", raising=False)
        get_settings.cache_clear()


def test_the_commands_say_what_they_do():
    runner = CliRunner()
    serve = runner.invoke(cli.app, ["serve", "--help"])
    assert "--no-worker" in serve.output
    worker = runner.invoke(cli.app, ["worker", "--help"])
    assert worker.exit_code == 0
    assert "Run the background worker" in worker.output
