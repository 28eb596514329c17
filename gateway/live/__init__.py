"""The live page (development only): the Call Center's Real-time monitor and Seat map in
miniature, drawn by one query and kept live by the SSE subscriptions; roster's own files,
nothing fetched from elsewhere."""

import hashlib
import html
import json
from functools import cache
from pathlib import Path
from string import Template

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from gateway.graphiql import CachedStaticFiles
from gateway.loopback import is_loopback_host

STATIC_DIRECTORY = Path(__file__).resolve().parent.parent / "static" / "live"
TEMPLATE_PATH = Path(__file__).resolve().parent / "live.html"
STATIC_PREFIX = "/static/live"
PAGE_PATH = "/live"
# The page talks to its own origin only; nothing else may load or connect.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@cache
def _template() -> Template:
    return Template(TEMPLATE_PATH.read_text(encoding="utf-8"))


@cache
def _asset_url(name: str) -> str:
    # The URL changes with the file's content, so browsers may cache each URL for good.
    version = hashlib.sha256((STATIC_DIRECTORY / name).read_bytes()).hexdigest()[:12]
    return f"{STATIC_PREFIX}/{name}?v={version}"


def _script_json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_live_page(endpoint: str, *, token: str | None, keep_alive_seconds: float) -> str:
    """The page for the graph at ``endpoint``; it starts with ``token`` when given, and
    takes a stream that stays silent well past ``keep_alive_seconds`` for a dropped one."""
    settings = {
        "endpoint": endpoint,
        "token": token or None,
        "keepAliveSeconds": keep_alive_seconds,
    }
    return _template().substitute(
        stylesheet=_asset_url("live.css"),
        script=_asset_url("live.js"),
        settings=_script_json(settings),
        endpoint=html.escape(endpoint),
    )


def _is_local_browser(request: Request) -> bool:
    # As for GraphiQL (gateway/view.py): the client's address and the Host it asked for
    # must both be loopback, or a rebound host name could read the token as same-origin.
    client = request.client.host if request.client else None
    return is_loopback_host(client) and is_loopback_host(request.url.hostname)


def live_routes(*, endpoint: str, dev_token: str, keep_alive_seconds: float) -> list[BaseRoute]:
    """GET /live and its files; ``dev_token`` is handed to a browser on this machine only."""

    async def live_page(request: Request) -> Response:
        token = dev_token if dev_token and _is_local_browser(request) else None
        page = HTMLResponse(
            render_live_page(endpoint, token=token, keep_alive_seconds=keep_alive_seconds)
        )
        page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        page.headers["Cache-Control"] = "no-store" if token else "no-cache"
        page.headers["Referrer-Policy"] = "no-referrer"
        return page

    return [
        Route(PAGE_PATH, live_page, methods=["GET"]),
        Mount(STATIC_PREFIX, app=CachedStaticFiles(directory=STATIC_DIRECTORY), name="live-static"),
    ]
