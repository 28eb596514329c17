"""GraphiQL for admins, served from roster's own files: no CDN on closed networks."""

import hashlib
import html
import json
import os
from functools import cache
from os import PathLike
from pathlib import Path
from string import Template

from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIRECTORY = Path(__file__).resolve().parent.parent / "static" / "graphiql"
TEMPLATE_PATH = Path(__file__).resolve().parent / "graphiql.html"
STATIC_PREFIX = "/static/graphiql"

# The page's assets, in the order the page loads them; vendor.sh writes them.
STYLESHEETS = ("graphiql.min.css", "plugin-explorer.css")
SCRIPTS = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "plugin-explorer.umd.js",
)

HEADERS_HINT = json.dumps({"Authorization": "Bearer <paste the token from make run>"})
FIRST_STEPS = """\
# 1. Paste the token `make run` printed in the Headers tab below.
# 2. Run this query with Ctrl-Enter or the run button.
"""
FIRST_STEPS_WITH_TOKEN = """\
# The Headers tab below holds the demo admin's token (development only):
# run this query with Ctrl-Enter or the run button.
"""
FIRST_QUERY = """\
{
  me {
    email
    displayName
    role
  }
}
"""


def default_query(*, with_token: bool) -> str:
    steps = FIRST_STEPS_WITH_TOKEN if with_token else FIRST_STEPS
    return f"# roster: who is active, and so where do they appear.\n#\n{steps}{FIRST_QUERY}"


def default_headers(token: str | None) -> str:
    """What the Headers tab starts with: ``token`` when given, else where a token goes."""
    if not token:
        return HEADERS_HINT
    return json.dumps({"Authorization": f"Bearer {token}"})


@cache
def _template() -> Template:
    return Template(TEMPLATE_PATH.read_text(encoding="utf-8"))


@cache
def _asset_version(name: str) -> str:
    # The URL changes with the file's content, so browsers may cache each URL for good.
    return hashlib.sha256((STATIC_DIRECTORY / name).read_bytes()).hexdigest()[:12]


def asset_url(name: str, static_prefix: str = STATIC_PREFIX) -> str:
    return f"{static_prefix}/{name}?v={_asset_version(name)}"


def render_graphiql(
    endpoint: str, static_prefix: str = STATIC_PREFIX, *, token: str | None = None
) -> str:
    """The GraphiQL page for ``endpoint``, loading only the assets under ``static_prefix``;
    its Headers tab starts with ``token`` when given (development, on this machine only)."""
    stylesheets = "\n    ".join(
        f'<link rel="stylesheet" href="{html.escape(asset_url(name, static_prefix))}" />'
        for name in STYLESHEETS
    )
    scripts = "\n    ".join(
        f'<script src="{html.escape(asset_url(name, static_prefix))}"></script>' for name in SCRIPTS
    )
    return _template().substitute(
        stylesheets=stylesheets,
        scripts=scripts,
        endpoint=html.escape(endpoint),
        default_headers=html.escape(default_headers(token)),
        default_query=html.escape(default_query(with_token=bool(token))),
    )


class CachedStaticFiles(StaticFiles):
    """StaticFiles that lets browsers keep a file for good when its URL carries its hash."""

    def file_response(
        self,
        full_path: PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        versioned = b"v=" in scope.get("query_string", b"")
        response.headers["Cache-Control"] = (
            "public, max-age=31536000, immutable" if versioned else "no-cache"
        )
        return response


def graphiql_static_mount() -> Mount:
    """Serves GraphiQL's vendored files at /static/graphiql."""
    return Mount(
        STATIC_PREFIX,
        app=CachedStaticFiles(directory=STATIC_DIRECTORY),
        name="graphiql-static",
    )
