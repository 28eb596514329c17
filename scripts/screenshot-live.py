"""Retakes docs/images/live.png, the README's picture of the live page (`make screenshot-live`).

The demo tenant in a throwaway SQLite file, roster under uvicorn on a free loopback port
(handed the demo admin's token, as `make run` does), Debian's chromium through Playwright
as the browser tests drive it: the page opens, two seated users are deactivated over HTTP,
and the picture is taken once the page shows both changes. The demo's names are half
Japanese: without a CJK font (Debian: `apt-get install fonts-noto-cjk`) they show as boxes.
"""

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
from playwright.async_api import async_playwright, expect
from sqlmodel import SQLModel

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from db.engine import Database  # noqa: E402
from db.seed import seed_demo  # noqa: E402
from gateway.commands.tokens import create_token_for  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, served_roster  # noqa: E402

SCREENSHOT = REPO / "docs" / "images" / "live.png"
DEACTIVATE = """
mutation Deactivate($id: ID!) { deactivateUser(input: {userId: $id}) { changed } }
"""


async def seated_members(http: httpx.AsyncClient, roster: str, token: str) -> list[str]:
    """Two seated users from the middle of the map, so the empty seats show among taken ones."""
    response = await http.post(
        f"{roster}/graphql",
        json={"query": "{ seatMap { occupant { id } } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    response.raise_for_status()
    seated = [
        seat["occupant"]["id"] for seat in response.json()["data"]["seatMap"] if seat["occupant"]
    ]
    middle = len(seated) // 2
    return seated[middle : middle + 2]


def has_japanese_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    fonts = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True, check=False)
    return bool(fonts.stdout.strip())


async def main() -> None:
    if not has_japanese_font():
        print("no Japanese font: the demo's Japanese names will show as boxes", file=sys.stderr)
    with tempfile.TemporaryDirectory() as workdir:
        database = Database(f"sqlite+aiosqlite:///{workdir}/roster.db")
        async with database.engine.begin() as connection:
            await connection.run_sync(SQLModel.metadata.create_all)
        await seed_demo(database, users=36, calls=0)
        token = await create_token_for(database.url, email="admin@acme.example", tenant="acme")
        await database.dispose()

        with served_roster(database, Path(workdir), ROSTER_GRAPHIQL_TOKEN=token) as roster:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                try:
                    page = await browser.new_page(viewport={"width": 1440, "height": 900})
                    await page.emulate_media(reduced_motion="reduce")
                    await page.goto(f"{roster}/live")
                    await expect(page.locator("#connection-text")).to_have_text(
                        "Live", timeout=30_000
                    )
                    async with httpx.AsyncClient(timeout=30) as http:
                        for user_id in await seated_members(http, roster, token):
                            response = await http.post(
                                f"{roster}/graphql",
                                json={"query": DEACTIVATE, "variables": {"id": user_id}},
                                headers={"Authorization": f"Bearer {token}"},
                            )
                            response.raise_for_status()
                    await expect(page.locator("#change-log li")).to_have_count(4, timeout=30_000)
                    # The highlight of the last change fades out before the picture.
                    await page.wait_for_timeout(2600)
                    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                    await page.screenshot(path=SCREENSHOT, full_page=True)
                finally:
                    await browser.close()
    print(f"wrote {SCREENSHOT.relative_to(REPO)}")


if __name__ == "__main__":
    asyncio.run(main())
