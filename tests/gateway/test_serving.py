"""`roster serve` builds the app, then sets the garbage collector for serving."""

import gc

from starlette.applications import Starlette

from gateway.serving import create_served_app
from gateway.settings import get_settings


def test_served_app_freezes_start_up_objects_and_raises_the_youngest_threshold(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("ROSTER_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'roster.db'}")
    get_settings.cache_clear()
    threshold = gc.get_threshold()
    gc.unfreeze()
    try:
        app = create_served_app()
        assert isinstance(app, Starlette)
        assert gc.get_threshold() == (50_000, 20, 20)
        assert gc.get_freeze_count() > 0
        assert any(getattr(route, "path", None) == "/graphql" for route in app.routes)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        get_settings.cache_clear()
