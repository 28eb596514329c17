"""GET /live: development only, roster's own files only, the dev token on this machine only."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.live import CONTENT_SECURITY_POLICY, STATIC_DIRECTORY, render_live_page
from gateway.settings import Settings

DEMO_TOKEN = "rst_" + "L" * 43
LOCAL = "http://127.0.0.1:8000"
ON_THIS_MACHINE = ("127.0.0.1", 50000)


class PageParts(HTMLParser):
    """What the page loads, and the settings it hands its script."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.settings_json = ""
        self._in_settings = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "href"):
            if attributes.get(name):
                self.urls.append(attributes[name] or "")
        self._in_settings = attributes.get("id") == "live-settings"

    def handle_endtag(self, tag: str) -> None:
        self._in_settings = False

    def handle_data(self, data: str) -> None:
        if self._in_settings:
            self.settings_json += data


def parse(page: str) -> tuple[list[str], dict[str, Any]]:
    parts = PageParts()
    parts.feed(page)
    settings: dict[str, Any] = json.loads(parts.settings_json)
    return parts.urls, settings


@asynccontextmanager
async def live_client(
    tmp_path: Path,
    *,
    base_url: str = LOCAL,
    client: tuple[str, int] = ON_THIS_MACHINE,
    **settings: Any,
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/roster.db", **settings))
    transport = httpx.ASGITransport(app=app, client=client)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
        yield http


async def test_the_page_loads_its_own_script_and_stylesheet_and_nothing_else(
    tmp_path: Path,
) -> None:
    async with live_client(tmp_path) as client:
        response = await client.get("/live")
        urls, settings = parse(response.text)
        files = [await client.get(url) for url in urls if url != "data:,"]
        # live.js imports it by a relative URL, which carries no version: revalidated.
        module = await client.get("/static/live/graphql-sse.js")

    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "connect-src 'self'" in CONTENT_SECURITY_POLICY
    assert settings == {"endpoint": "/graphql", "token": None, "keepAliveSeconds": 15.0}
    assert [url.split("?v=")[0] for url in urls] == [
        "data:,",
        "/static/live/live.css",
        "/static/live/live.js",
    ]
    assert [file.status_code for file in files] == [200, 200]
    assert [file.content for file in files] == [
        (STATIC_DIRECTORY / "live.css").read_bytes(),
        (STATIC_DIRECTORY / "live.js").read_bytes(),
    ]
    assert [file.headers["cache-control"] for file in files] == [
        "public, max-age=31536000, immutable"
    ] * 2
    assert module.content == (STATIC_DIRECTORY / "graphql-sse.js").read_bytes()
    assert module.headers["cache-control"] == "no-cache"
    assert module.headers["content-type"].startswith(("text/javascript", "application/javascript"))


@pytest.mark.parametrize("base_url", [LOCAL, "http://localhost:8000", "http://[::1]:8000"])
async def test_on_this_machine_the_page_starts_with_the_dev_token(
    tmp_path: Path, base_url: str
) -> None:
    async with live_client(tmp_path, base_url=base_url, graphiql_token=DEMO_TOKEN) as client:
        response = await client.get("/live")

    assert parse(response.text)[1] == {
        "endpoint": "/graphql",
        "token": DEMO_TOKEN,
        "keepAliveSeconds": 15.0,
    }
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("base_url", "client_address"),
    [
        # A name rebound to 127.0.0.1 by its owner: same machine, the owner's page origin.
        ("http://rebound.example:8000", ON_THIS_MACHINE),
        # Another machine, whatever Host it sends.
        (LOCAL, ("203.0.113.7", 50000)),
    ],
)
async def test_the_token_is_never_in_a_page_for_another_host_or_machine(
    tmp_path: Path, base_url: str, client_address: tuple[str, int]
) -> None:
    async with live_client(
        tmp_path, base_url=base_url, client=client_address, graphiql_token=DEMO_TOKEN
    ) as client:
        response = await client.get("/live")

    assert response.status_code == 200
    assert DEMO_TOKEN not in response.text
    assert parse(response.text)[1] == {
        "endpoint": "/graphql",
        "token": None,
        "keepAliveSeconds": 15.0,
    }


def test_a_token_cannot_close_the_script_element_it_is_written_in() -> None:
    page = render_live_page(
        "/graphql", token="</script><script>alert(1)</script>", keep_alive_seconds=15
    )

    assert "</script><script>alert(1)" not in page
    assert parse(page)[1]["token"] == "</script><script>alert(1)</script>"


async def test_production_serves_no_live_page(tmp_path: Path) -> None:
    async with live_client(
        tmp_path, env="production", subgraphs_enabled=False, base_url=LOCAL
    ) as client:
        page = await client.get("/live")
        script = await client.get("/static/live/live.js")

    assert (page.status_code, script.status_code) == (404, 404)


async def test_a_process_serving_one_subgraph_serves_no_live_page(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/roster.db")
    transport = httpx.ASGITransport(app=create_app(settings, only_subgraph="callCenter"))
    async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
        response = await client.get("/live")

    assert response.status_code == 404
