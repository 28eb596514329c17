"""A product frontend on its own origin calls roster from Debian's chromium: allowed when
ROSTER_CORS_ORIGINS lists that origin, blocked (and nothing executed) when it does not."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import async_playwright
from sqlalchemy import select

from db.engine import Database
from db.enums import Role, UserStatus
from db.models import User
from resolvers.ids import to_global_id
from tests.browser.harness import BROWSER_TESTS, CHROMIUM, CHROMIUM_ARGS, served_roster
from tests.factories import make_tenant, make_token, make_user

pytestmark = BROWSER_TESTS

DEACTIVATE = "mutation Off($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }"
# What a frontend's GraphQL client does: a JSON POST with the bearer token, which the
# browser sends only after a preflight that roster answers.
CALL_ROSTER = """async ([url, token, body]) => {
    try {
        const response = await fetch(url, {
            method: "POST",
            headers: {
                "Authorization": "Bearer " + token,
                "Content-Type": "application/json",
                "Accept": "application/graphql-response+json",
            },
            body: body,
        });
        return {status: response.status, body: await response.json()};
    } catch (error) {
        return {error: error.name + ": " + error.message};
    }
}"""
BLOCKED = {"error": "TypeError: Failed to fetch"}


class FrontendPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        page = b"<!doctype html><title>frontend</title><p>a product frontend</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def frontend() -> Iterator[str]:
    """A page on another loopback origin (its own port): the product frontend's."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FrontendPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


async def status_of(database: Database, user: User) -> UserStatus:
    async with database.session() as session:
        return UserStatus(await session.scalar(select(User.status).where(User.id == user.id)))


async def calls_from(frontend: str, calls: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """Runs each (url, token, body) call with fetch() from the frontend's page."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = await browser.new_page()
            await page.goto(f"{frontend}/")
            return [await page.evaluate(CALL_ROSTER, list(call)) for call in calls]
        finally:
            await browser.close()


async def test_a_listed_origin_calls_roster_with_its_token_and_a_subgraph_stays_closed(
    database: Database, tmp_path: Path, frontend: str
) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    token = await make_token(database, admin)
    me = json.dumps({"query": "{ me { email } }"})
    off = json.dumps({"query": DEACTIVATE, "variables": {"id": to_global_id("User", ben.id)}})

    origins = f"https://app.example.com,{frontend}"
    with served_roster(database, tmp_path, ROSTER_CORS_ORIGINS=origins) as roster:
        read, write, subgraph = await calls_from(
            frontend,
            [
                (f"{roster}/graphql", token, me),
                (f"{roster}/graphql", token, off),
                (f"{roster}/subgraphs/admin/graphql", token, me),
            ],
        )

    assert read == {"status": 200, "body": {"data": {"me": {"email": "ada.admin@acme.example"}}}}
    assert write == {"status": 200, "body": {"data": {"deactivateUser": {"changed": True}}}}
    assert await status_of(database, ben) is UserStatus.DEACTIVATED
    assert subgraph == BLOCKED


async def test_an_origin_not_listed_is_blocked_before_anything_runs(
    database: Database, tmp_path: Path, frontend: str
) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    ben = await make_user(database, acme, "Ben Bell")
    token = await make_token(database, admin)
    off = json.dumps({"query": DEACTIVATE, "variables": {"id": to_global_id("User", ben.id)}})

    with served_roster(database, tmp_path, ROSTER_CORS_ORIGINS="https://app.example.com") as roster:
        (write,) = await calls_from(frontend, [(f"{roster}/graphql", token, off)])
    with served_roster(database, tmp_path) as roster:  # no CORS configured at all
        (unconfigured,) = await calls_from(frontend, [(f"{roster}/graphql", token, off)])

    assert write == BLOCKED
    assert unconfigured == BLOCKED
    assert await status_of(database, ben) is UserStatus.ACTIVE
