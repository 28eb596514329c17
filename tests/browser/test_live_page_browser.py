"""The live page in Debian's chromium: a deactivation over HTTP leaves the Real-time monitor
and empties the seat on screen, an activation brings both back, with no reload."""

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Page, async_playwright, expect

from db.engine import Database
from db.enums import Role
from resolvers.ids import to_global_id
from tests.browser.harness import BROWSER_TESTS, CHROMIUM, CHROMIUM_ARGS, served_roster
from tests.browser.tcp_proxy import TcpProxy
from tests.factories import make_seat, make_tenant, make_token, make_user

pytestmark = BROWSER_TESTS

# A loaded machine: the event crosses a commit, the bus and an SSE stream before it shows.
SEEN_WITHIN_MS = 20_000

SET_STATUS = """
mutation SetStatus($id: ID!, $active: Boolean!) {
  deactivateUser(input: {userId: $id}) @skip(if: $active) { changed userErrors { code } }
  activateUser(input: {userId: $id}) @include(if: $active) { changed userErrors { code } }
}
"""


def set_status(url: str, token: str, user_id: str, *, active: bool) -> dict[str, Any]:
    response = httpx.post(
        f"{url}/graphql",
        json={"query": SET_STATUS, "variables": {"id": user_id, "active": active}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


async def seats_on_screen(page: Page) -> list[tuple[str, str]]:
    seats = page.locator("#seat-map li")
    labels = await seats.locator(".seat-label").all_inner_texts()
    occupants = await seats.locator(".seat-occupant").all_inner_texts()
    return list(zip(labels, occupants, strict=True))


async def test_a_deactivation_leaves_the_monitor_and_empties_the_seat_live(
    database: Database, tmp_path: Path
) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    grace = await make_user(database, acme, "Grace Hopper")
    alan = await make_user(database, acme, "Alan Turing")
    await make_seat(database, acme, "A-01", x=0, y=0, user=grace)
    await make_seat(database, acme, "A-02", x=1, y=0, user=alan)
    await make_seat(database, acme, "B-01", x=0, y=1)
    token = await make_token(database, admin)
    grace_id = to_global_id("User", grace.id)
    requested: list[str] = []
    errors: list[str] = []

    # No dev token: the page asks for one, as it does on any host but this machine's.
    with served_roster(database, tmp_path) as roster:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = await browser.new_page(viewport={"width": 1400, "height": 820})
                page.on("request", lambda request: requested.append(request.url))
                page.on("pageerror", lambda error: errors.append(str(error)))
                monitor = page.locator("#monitor-list li .user-name")
                changes = page.locator("#change-log li .change-text")
                connection = page.locator("#connection-text")

                await page.goto(f"{roster}/live")
                await expect(connection).to_have_text("Not connected: enter a token")
                await page.get_by_label("API token").fill(token)
                await page.get_by_role("button", name="Connect").click()
                await expect(connection).to_have_text("Live", timeout=SEEN_WITHIN_MS)
                await expect(monitor).to_have_text(["Ada Admin", "Alan Turing", "Grace Hopper"])
                before = await seats_on_screen(page)
                monitor_count = await page.locator("#monitor-count").inner_text()
                seat_count = await page.locator("#seat-count").inner_text()

                deactivated = set_status(roster, token, grace_id, active=False)
                await expect(monitor).to_have_text(
                    ["Ada Admin", "Alan Turing"], timeout=SEEN_WITHIN_MS
                )
                await expect(page.locator("#seat-map li.empty .seat-label")).to_have_text(
                    ["A-01", "B-01"], timeout=SEEN_WITHIN_MS
                )
                after_deactivation = await seats_on_screen(page)
                await expect(changes).to_have_count(2, timeout=SEEN_WITHIN_MS)
                changes_after_deactivation = sorted(await changes.all_inner_texts())

                activated = set_status(roster, token, grace_id, active=True)
                await expect(monitor).to_have_text(
                    ["Ada Admin", "Alan Turing", "Grace Hopper"], timeout=SEEN_WITHIN_MS
                )
                await expect(page.locator("#seat-map li.empty .seat-label")).to_have_text(
                    ["B-01"], timeout=SEEN_WITHIN_MS
                )
                after_activation = await seats_on_screen(page)
                await expect(changes).to_have_count(4, timeout=SEEN_WITHIN_MS)
                latest_changes = sorted((await changes.all_inner_texts())[:2])
                seat_names = await page.locator("#seat-map li").evaluate_all(
                    "items => items.map(item => item.getAttribute('aria-label'))"
                )
                stored = await page.evaluate("sessionStorage.getItem('roster.live.token')")
                live_region = await page.locator("#change-log").get_attribute("aria-live")
                page_url = page.url
            finally:
                await browser.close()

    assert monitor_count == "3"
    assert seat_count == "2 of 3 taken"
    assert before == [("A-01", "Grace Hopper"), ("A-02", "Alan Turing"), ("B-01", "Empty")]
    assert deactivated == {"deactivateUser": {"changed": True, "userErrors": []}}
    assert after_deactivation == [("A-01", "Empty"), ("A-02", "Alan Turing"), ("B-01", "Empty")]
    assert changes_after_deactivation == [
        "Grace Hopper left the Real-time monitor",
        "Seat A-01 is empty",
    ]
    assert activated == {"activateUser": {"changed": True, "userErrors": []}}
    assert after_activation == before
    assert latest_changes == [
        "Grace Hopper is back in the Real-time monitor",
        "Grace Hopper sits at A-01",
    ]
    assert seat_names == ["Seat A-01: Grace Hopper", "Seat A-02: Alan Turing", "Seat B-01: empty"]
    assert stored == token
    assert live_region == "polite"
    assert token not in page_url
    assert errors == []
    assert [url for url in requested if urlsplit(url).hostname != "127.0.0.1"] == []
    assert all(token not in url for url in requested)
    assert {urlsplit(url).path for url in requested} == {
        "/live",
        "/static/live/live.css",
        "/static/live/live.js",
        "/static/live/graphql-sse.js",
        "/graphql",
    }


async def test_the_page_comes_back_from_a_dropped_network_and_a_deactivated_watcher_is_cut_off(
    database: Database, tmp_path: Path
) -> None:
    acme = await make_tenant(database)
    admin = await make_user(database, acme, "Ada Admin", role=Role.ADMIN)
    grace = await make_user(database, acme, "Grace Hopper")
    alan = await make_user(database, acme, "Alan Turing")
    await make_seat(database, acme, "A-01", x=0, y=0, user=grace)
    await make_seat(database, acme, "A-02", x=1, y=0, user=alan)
    admin_token = await make_token(database, admin)
    grace_token = await make_token(database, grace)
    errors: list[str] = []

    # The page is handed a token on this machine (make run's), here a member's. Keep-alives
    # twice a second: the page gives up a stream silent for 1.25 s.
    with served_roster(
        database,
        tmp_path,
        ROSTER_GRAPHIQL_TOKEN=grace_token,
        ROSTER_SUBSCRIPTION_KEEP_ALIVE_SECONDS="0.5",
    ) as roster:
        proxy = TcpProxy(urlsplit(roster).port or 80)
        page_url = f"http://127.0.0.1:{await proxy.start()}/live"
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = await browser.new_page()
                page.on("pageerror", lambda error: errors.append(str(error)))
                connection = page.locator("#connection-text")
                monitor = page.locator("#monitor-list li .user-name")
                lost = re.compile(r"^Connection lost: retrying in \d+ s$")

                await page.goto(page_url)
                await expect(connection).to_have_text("Live", timeout=SEEN_WITHIN_MS)
                await expect(monitor).to_have_text(["Ada Admin", "Alan Turing", "Grace Hopper"])
                form_before = await page.locator("#token-form").is_visible()

                # The network holds every byte without closing anything: the streams fall
                # silent, the page gives them up and says so. A change made meanwhile never
                # reaches it as an event...
                proxy.stall()
                await expect(connection).to_have_text(lost, timeout=SEEN_WITHIN_MS)
                set_status(roster, admin_token, to_global_id("User", alan.id), active=False)
                # ...yet shows once the page is back: it reloads the screens on reconnecting.
                proxy.resume()
                await expect(connection).to_have_text("Live", timeout=SEEN_WITHIN_MS)
                await expect(monitor).to_have_text(["Ada Admin", "Grace Hopper"])
                after_stall = await seats_on_screen(page)

                # Every connection cut at once: the streams end, the page reconnects.
                proxy.cut()
                await expect(connection).to_have_text(lost, timeout=SEEN_WITHIN_MS)
                await expect(connection).to_have_text("Live", timeout=SEEN_WITHIN_MS)

                # The watcher's own user deactivated: the streams end with UNAUTHENTICATED.
                set_status(roster, admin_token, to_global_id("User", grace.id), active=False)
                await expect(connection).to_have_text(
                    "The token was refused: enter another", timeout=SEEN_WITHIN_MS
                )
                form_after = await page.locator("#token-form").is_visible()
                focused = await page.evaluate("document.activeElement.id")
                state = await page.locator("#connection").get_attribute("data-state")
            finally:
                await browser.close()
                await proxy.stop()

    assert after_stall == [("A-01", "Grace Hopper"), ("A-02", "Empty")]
    assert (form_before, form_after) == (False, True)
    assert focused == "token-input"
    assert state == "refused"
    assert errors == []
