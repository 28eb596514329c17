"""Reconnecting a bus' connection: again and again, the pause doubling, each failure logged."""

import asyncio
import logging
from collections.abc import Awaitable, Callable

FIRST_PAUSE_SECONDS = 0.1


async def reconnect_with_backoff(
    connect: Callable[[], Awaitable[None]],
    *,
    errors: tuple[type[BaseException], ...],
    what: str,
    max_backoff_seconds: float,
    logger: logging.Logger,
) -> None:
    """Call ``connect`` until it succeeds. A failure of ``errors`` is logged as ``what``'s
    and retried after a pause that doubles from 0.1 s up to ``max_backoff_seconds``."""
    pause = min(FIRST_PAUSE_SECONDS, max_backoff_seconds)
    failures = 0
    while True:
        try:
            await connect()
        except errors as error:
            failures += 1
            logger.warning(
                "events: %s reconnect failed (%d in a row: %s); next try in %.1f s",
                what,
                failures,
                error,
                pause,
            )
            await asyncio.sleep(pause)
            pause = min(pause * 2, max_backoff_seconds)
            continue
        return
