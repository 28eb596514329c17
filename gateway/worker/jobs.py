"""The jobs of the background loop (the webhook dispatcher of a later issue joins them)."""

from datetime import datetime

from db.engine import Database
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


def worker_jobs(database: Database, *, clock: Clock = SYSTEM_CLOCK) -> list[NamedJob]:
    return [scheduler_job(database, clock=clock)]
