"""An admin's GraphiQL session in Debian's chromium, against roster served by uvicorn."""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Page, async_playwright

from db.engine import Database
from db.enums import Role
from tests.browser.harness import BROWSER_TESTS, CHROMIUM, CHROMIUM_ARGS, REPO, served_roster
from tests.factories import make_tenant, make_token, make_user

SCREENSHOT = REPO / "docs" / "graphiql.png"
# Set to refresh the README's screenshot; otherwise it goes to the test's tmp_path.
UPDATE_SCREENSHOT = os.environ.get("ROSTER_UPDATE_SCREENSHOTS") == "1"

pytestmark = BROWSER_TESTS


@pytest.fixture
def roster_server(database: Database, tmp_path: Path) -> Iterator[str]:
    with served_roster(database, tmp_path) as url:
        yield url


QUERY_EDITOR = ".graphiql-query-editor"
HEADERS_EDITOR = ".graphiql-editor-tool[aria-label=Headers] .graphiql-editor:not(.hidden)"
RESULT = ".result-window"
ME_QUERY = "{\n  me {\n    email\n    displayName\n    role\n  }\n}\n"


async def editor_text(page: Page, selector: str) -> str:
    text: str = await page.locator(f"{selector} .CodeMirror").first.evaluate(
        "element => element.CodeMirror.getValue()"
    )
    return text


async def replace_editor_text(page: Page, selector: str, text: str) -> None:
    await page.locator(f"{selector} .CodeMirror").first.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.insert_text(text)


async def stored_tab(page: Page, token: str, query: str | None = None) -> None:
    """Waits until GraphiQL has taken an edit: it updates its tab (headers, query) and
    stores it a moment after the editor changes, not at once."""
    await page.wait_for_function(
        """([token, query]) => {
            const state = JSON.parse(localStorage.getItem("graphiql:tabState") || "{}");
            const tab = (state.tabs || [])[state.activeTabIndex || 0];
            return !!tab && (tab.headers || "").includes(token)
                && (query === null || tab.query === query);
        }""",
        arg=[token, query],
    )


async def test_an_admin_runs_a_query_in_graphiql_with_their_token(
    database: Database, roster_server: str, tmp_path: Path
) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    headers = json.dumps({"Authorization": f"Bearer {token}"}, indent=2)
    requested: list[str] = []
    errors: list[str] = []

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = await browser.new_page(viewport={"width": 1400, "height": 820})
            page.on("request", lambda request: requested.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))

            await page.goto(f"{roster_server}/graphql")
            await page.locator(".graphiql-execute-button").wait_for()
            headers_tab = page.locator(".graphiql-editor-tools button[data-name=headers]")
            headers_tab_class = await headers_tab.get_attribute("class")
            hint = await editor_text(page, HEADERS_EDITOR)
            await replace_editor_text(page, HEADERS_EDITOR, headers)
            # Introspection sends the headers GraphiQL has taken, not the editor's text.
            await stored_tab(page, token)
            await replace_editor_text(page, QUERY_EDITOR, ME_QUERY)
            await page.get_by_role("button", name="Re-fetch GraphQL schema").click()
            # The explorer lists the root fields once the schema loaded with the token.
            await page.get_by_role("button", name="Show GraphiQL Explorer").click()
            await page.locator(".graphiql-plugin").get_by_text("activationPolicy").wait_for()
            await page.locator(".graphiql-execute-button").click()
            await page.locator(RESULT).get_by_text(admin.email).wait_for()
            result = json.loads(await editor_text(page, RESULT))
            await page.screenshot(path=SCREENSHOT if UPDATE_SCREENSHOT else tmp_path / "g.png")

            # A reload before the tab is stored would find the hint again.
            await stored_tab(page, token, ME_QUERY)
            await page.reload()
            await page.locator(".graphiql-execute-button").wait_for()
            headers_after_reload = await editor_text(page, HEADERS_EDITOR)
        finally:
            await browser.close()

    assert headers_tab_class == "graphiql-un-styled active"
    assert json.loads(hint) == {"Authorization": "Bearer <paste the token from make run>"}
    assert result == {
        "data": {
            "me": {"email": "ada.admin@acme.example", "displayName": "Ada Admin", "role": "ADMIN"}
        }
    }
    assert headers_after_reload == headers
    assert errors == []
    outside = [url for url in requested if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
    paths = {urlsplit(url).path for url in requested}
    assert {
        "/graphql",
        "/static/graphiql/react.production.min.js",
        "/static/graphiql/react-dom.production.min.js",
        "/static/graphiql/graphiql.min.js",
        "/static/graphiql/graphiql.min.css",
        "/static/graphiql/plugin-explorer.umd.js",
        "/static/graphiql/plugin-explorer.css",
    } == paths


async def test_with_make_runs_token_the_first_query_is_one_click(
    database: Database, tmp_path: Path
) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    token = await make_token(database, admin)
    errors: list[str] = []

    with served_roster(database, tmp_path, ROSTER_GRAPHIQL_TOKEN=token) as roster:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = await browser.new_page(viewport={"width": 1400, "height": 820})
                page.on("pageerror", lambda error: errors.append(str(error)))

                await page.goto(f"{roster}/graphql")
                await page.locator(".graphiql-execute-button").wait_for()
                headers = await editor_text(page, HEADERS_EDITOR)
                # The one click: the page's own query, with the headers it opened with.
                await page.locator(".graphiql-execute-button").click()
                await page.locator(RESULT).get_by_text(admin.email).wait_for()
                result = json.loads(await editor_text(page, RESULT))
                # The schema was fetched with the token too: the explorer lists root fields.
                await page.get_by_role("button", name="Show GraphiQL Explorer").click()
                await page.locator(".graphiql-plugin").get_by_text("activationPolicy").wait_for()
            finally:
                await browser.close()

    assert json.loads(headers) == {"Authorization": f"Bearer {token}"}
    assert result == {
        "data": {
            "me": {"email": "ada.admin@acme.example", "displayName": "Ada Admin", "role": "ADMIN"}
        }
    }
    assert errors == []
