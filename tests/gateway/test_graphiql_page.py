"""GraphiQL at /graphql loads only roster's own files, and each of them is served."""

import hashlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from gateway.app import create_app
from gateway.graphiql import HEADERS_HINT, STATIC_DIRECTORY, render_graphiql
from gateway.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CONTENT_TYPES = {".js": {"text/javascript", "application/javascript"}, ".css": {"text/css"}}


class PageParts(HTMLParser):
    """The asset URLs a page loads and the data attributes of its #graphiql element."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.other_urls: list[str] = []
        self.graphiql: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"] or "")
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"] or "")
        elif tag == "link" and attributes.get("href"):
            self.other_urls.append(attributes["href"] or "")
        if attributes.get("id") == "graphiql":
            self.graphiql = attributes


def parse(page: str) -> PageParts:
    parts = PageParts()
    parts.feed(page)
    return parts


def file_version(name: str) -> str:
    return hashlib.sha256((STATIC_DIRECTORY / name).read_bytes()).hexdigest()[:12]


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/roster.db")
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://roster.test") as client:
        yield client


async def browser_get_graphiql(client: httpx.AsyncClient) -> httpx.Response:
    return await client.get("/graphql", headers={"Accept": "text/html,application/xhtml+xml"})


async def test_a_browser_gets_the_graphiql_page_with_only_local_assets(
    client: httpx.AsyncClient,
) -> None:
    response = await browser_get_graphiql(client)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    parts = parse(response.text)
    assert parts.scripts == [
        f"/static/graphiql/{name}?v={file_version(name)}"
        for name in (
            "react.production.min.js",
            "react-dom.production.min.js",
            "graphiql.min.js",
            "plugin-explorer.umd.js",
        )
    ]
    assert parts.stylesheets == [
        f"/static/graphiql/{name}?v={file_version(name)}"
        for name in ("graphiql.min.css", "plugin-explorer.css")
    ]
    assert parts.other_urls == ["data:,"]
    assert "http://" not in "".join(parts.scripts + parts.stylesheets)
    assert "https://" not in "".join(parts.scripts + parts.stylesheets)


async def test_the_page_points_graphiql_at_the_endpoint_with_a_token_hint(
    client: httpx.AsyncClient,
) -> None:
    parts = parse((await browser_get_graphiql(client)).text)

    assert parts.graphiql["data-endpoint"] == "/graphql"
    assert json.loads(parts.graphiql["data-default-headers"] or "") == {
        "Authorization": "Bearer <paste the token from make run>"
    }
    assert "{\n  me {\n    email" in (parts.graphiql["data-default-query"] or "")


async def test_every_asset_of_the_page_is_served_with_its_content_type(
    client: httpx.AsyncClient,
) -> None:
    parts = parse((await browser_get_graphiql(client)).text)

    for url in parts.scripts + parts.stylesheets:
        response = await client.get(url)
        name = Path(urlsplit(url).path).name
        assert response.status_code == 200, url
        media_type = response.headers["content-type"].split(";")[0]
        assert media_type in CONTENT_TYPES[Path(name).suffix], (url, media_type)
        assert response.content == (STATIC_DIRECTORY / name).read_bytes()
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_an_unversioned_asset_url_is_revalidated_and_a_missing_one_is_404(
    client: httpx.AsyncClient,
) -> None:
    unversioned = await client.get("/static/graphiql/graphiql.min.js")
    missing = await client.get("/static/graphiql/graphiql.js")

    assert unversioned.status_code == 200
    assert unversioned.headers["cache-control"] == "no-cache"
    assert missing.status_code == 404


async def test_an_api_client_still_gets_graphql_at_the_same_url(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/graphql", params={"query": "{ __typename }"})

    assert response.headers["content-type"].startswith("application/json")
    assert "<html" not in response.text


def test_render_graphiql_escapes_the_endpoint_and_uses_the_static_prefix() -> None:
    page = render_graphiql('/x"><script>alert(1)</script>', static_prefix="/assets")
    parts = parse(page)

    assert parts.graphiql["data-endpoint"] == '/x"><script>alert(1)</script>'
    assert "<script>alert(1)" not in page
    assert (
        parts.scripts[0]
        == f"/assets/react.production.min.js?v={file_version('react.production.min.js')}"
    )
    assert parts.graphiql["data-default-headers"] == HEADERS_HINT


def test_the_vendored_files_are_the_versions_package_json_pins() -> None:
    pinned = json.loads((REPO / "gateway/graphiql/package.json").read_text())["dependencies"]
    notice = (STATIC_DIRECTORY / "NOTICE").read_text()

    for package in ("react", "react-dom", "graphiql", "@graphiql/plugin-explorer"):
        assert f"\n{package} {pinned[package]}: MIT" in notice, package
    for license_file in ("react", "react-dom", "graphiql", "graphiql-explorer"):
        assert (
            "Permission is hereby granted"
            in (STATIC_DIRECTORY / f"LICENSE.{license_file}").read_text()
        )


DEMO_TOKEN = "rst_" + "T" * 43
LOCAL = "http://127.0.0.1:8000"


@asynccontextmanager
async def graphiql_client(
    tmp_path: Path, *, base_url: str = LOCAL, client: tuple[str, int] = ("127.0.0.1", 50000)
) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/roster.db", graphiql_token=DEMO_TOKEN
    )
    transport = httpx.ASGITransport(app=create_app(settings), client=client)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
        yield http


@pytest.mark.parametrize("base_url", [LOCAL, "http://localhost:8000", "http://[::1]:8000"])
async def test_in_development_the_headers_tab_starts_with_the_token_on_this_machine(
    tmp_path: Path, base_url: str
) -> None:
    async with graphiql_client(tmp_path, base_url=base_url) as client:
        response = await browser_get_graphiql(client)
    parts = parse(response.text)

    assert json.loads(parts.graphiql["data-default-headers"] or "") == {
        "Authorization": f"Bearer {DEMO_TOKEN}"
    }
    assert (parts.graphiql["data-default-query"] or "").startswith(
        "# roster: who is active, and so where do they appear.\n#\n"
        "# The Headers tab below holds the demo admin's token (development only):\n"
        "# run this query with Ctrl-Enter or the run button.\n{\n  me {\n"
    )
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("base_url", "client_address"),
    [
        # A name rebound to 127.0.0.1 by its owner: same machine, the owner's page origin.
        ("http://rebound.example:8000", ("127.0.0.1", 50000)),
        ("http://192.0.2.10:8000", ("127.0.0.1", 50000)),
        # Another machine, whatever Host it sends.
        (LOCAL, ("203.0.113.7", 50000)),
    ],
)
async def test_the_token_is_never_in_a_page_for_another_host_or_machine(
    tmp_path: Path, base_url: str, client_address: tuple[str, int]
) -> None:
    async with graphiql_client(tmp_path, base_url=base_url, client=client_address) as client:
        response = await browser_get_graphiql(client)

    assert DEMO_TOKEN not in response.text
    assert parse(response.text).graphiql["data-default-headers"] == HEADERS_HINT
    assert "cache-control" not in response.headers


async def test_the_subgraphs_graphiql_never_holds_the_token(tmp_path: Path) -> None:
    async with graphiql_client(tmp_path) as client:
        response = await client.get(
            "/subgraphs/admin/graphql", headers={"Accept": "text/html,application/xhtml+xml"}
        )

    assert response.status_code == 200
    assert DEMO_TOKEN not in response.text
    assert parse(response.text).graphiql["data-default-headers"] == HEADERS_HINT
