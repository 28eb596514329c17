"""What the bus tests share: a change committed in another process, and waiting for its
notice with a deadline (a loaded machine is slow, never wrong)."""

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

from db.engine import Database
from db.models import User
from resolvers.events.fanout import Subscription
from resolvers.events.types import EventNotice
from resolvers.tokens import create_token
from tests.reliability.live_server import ROSTER

DEADLINE_SECONDS = 25.0
DEACTIVATE = """mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  changed userErrors { code } } }"""


async def next_notice(subscription: Subscription, seconds: float = DEADLINE_SECONDS) -> EventNotice:
    return await asyncio.wait_for(subscription.next(), seconds)


async def until(
    condition: Callable[[], bool], what: str, seconds: float = DEADLINE_SECONDS
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        assert loop.time() < deadline, f"not within {seconds:g} s: {what}"
        await asyncio.sleep(0.05)


async def new_token_id(database: Database, user: User) -> int:
    async with database.write_sessions() as session, session.begin():
        row, _secret = await create_token(session, user=user)
        assert row.id is not None
        return row.id


def _read(log: Path) -> str:
    return log.read_text()


async def revoke_in_a_cli_process(
    database_url: str, token_id: int, log: Path, **environment: str
) -> None:
    """``roster token revoke TOKEN_ID`` as a process of its own; fails unless it revoked."""
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            str(ROSTER), "token", "revoke", str(token_id),
            env={**os.environ, "ROSTER_DATABASE_URL": database_url, **environment},
            stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip
    try:
        status = await asyncio.wait_for(process.wait(), DEADLINE_SECONDS)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    logged = _read(log)
    assert status == 0, logged
    assert f"revoked API token {token_id}" in logged, logged
