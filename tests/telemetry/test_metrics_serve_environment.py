"""`roster serve --workers N` puts the process in multi-process mode only while it serves:
once uvicorn returns, the environment and the metrics directory are as before, so that
another app in the same process (a test's) counts on its own again."""

import os
from pathlib import Path

from typer.testing import CliRunner

from gateway.cli import app
from gateway.settings import get_settings
from gateway.telemetry.metrics_multiprocess import MULTIPROC_DIR


def test_serving_several_workers_leaves_no_multiprocess_mode_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("ROSTER_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    monkeypatch.delenv(MULTIPROC_DIR, raising=False)
    get_settings.cache_clear()
    seen: list[str | None] = []
    monkeypatch.setattr(
        "uvicorn.run", lambda *_args, **_options: seen.append(os.environ.get(MULTIPROC_DIR))
    )
    try:
        result = CliRunner().invoke(app, ["serve", "--workers", "2"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    [during] = seen
    assert during is not None  # the workers would have counted into it
    assert MULTIPROC_DIR not in os.environ
    assert not Path(during).exists()
