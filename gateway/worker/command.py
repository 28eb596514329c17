"""`roster worker`: the background loop alone, until SIGINT or SIGTERM."""

import asyncio
import logging
import signal

from db.engine import Database
from gateway.events.setup import crosses_processes, publishing
from gateway.settings import Settings
from gateway.worker.jobs import worker_jobs
from gateway.worker.loop import WorkerLoop

logger = logging.getLogger(__name__)


async def run_worker(settings: Settings) -> None:
    database = Database(settings.database_url)
    loop = WorkerLoop(worker_jobs(database), poll_seconds=settings.worker_poll_seconds)
    stopping = asyncio.Event()
    event_loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        event_loop.add_signal_handler(signal_number, stopping.set)
    if not crosses_processes(settings):
        logger.warning(
            "roster worker: on SQLite without ROSTER_EVENTS_URL, the changes this worker "
            "makes reach no open subscription of `roster serve` (webhooks still get them); "
            "set ROSTER_EVENTS_URL=redis://... to publish them (docs/events.md)"
        )
    try:
        async with publishing(settings, database):
            task = loop.start()
            logger.info("roster worker: polling every %g s", settings.worker_poll_seconds)
            try:
                stop = asyncio.ensure_future(stopping.wait())
                await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
                stop.cancel()
            finally:
                await loop.stop()
    finally:
        await database.dispose()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            event_loop.remove_signal_handler(signal_number)
    logger.info("roster worker: stopped")
