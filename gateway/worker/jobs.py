"""The jobs of the background loop: scheduled status changes, and webhook deliveries."""

from datetime import datetime

from db.engine import Database
from gateway.settings import Settings
from gateway.webhooks.config import dispatcher_config
from gateway.webhooks.dispatcher import WebhookDispatcher
from gateway.worker.loop import NamedJob
from resolvers.schedule.attempts import Attempts
from resolvers.schedule.clock import SYSTEM_CLOCK, Clock
from resolvers.schedule.run import run_due_changes

SCHEDULER_BATCH = 50


def scheduler_job(
    database: Database, *, clock: Clock = SYSTEM_CLOCK, batch: int = SCHEDULER_BATCH
) -> NamedJob:
    """Runs the scheduled status changes due by ``clock``; more at once after a full batch."""
    attempts = Attempts()

    async def run() -> bool:
        now: datetime = clock()
        outcomes = await run_due_changes(database, now=now, limit=batch, attempts=attempts)
        return len(outcomes) == batch

    return NamedJob("scheduled status changes", run)


def webhook_job(dispatcher: WebhookDispatcher) -> NamedJob:
    """Sends the due webhook deliveries, a batch per round; more at once after a full one."""
    return NamedJob("webhook deliveries", dispatcher.run_once)


def worker_jobs(
    database: Database, *, clock: Clock = SYSTEM_CLOCK, settings: Settings | None = None
) -> list[NamedJob]:
    dispatcher = WebhookDispatcher(database, dispatcher_config(settings or Settings()), clock=clock)
    return [scheduler_job(database, clock=clock), webhook_job(dispatcher)]
