"""A small periodic-task runner: every job each poll, until stopped; errors never end it.

A job is an async callable answering whether it has more to do at once (a full batch),
in which case the loop calls it again without waiting. A job that raises is logged
and paused, its pause doubling up to ``max_pause_seconds`` while it keeps failing (a
database that is down, say); the other jobs go on. Plain asyncio: the work to do lives
in the database, so an in-memory scheduler (APScheduler's) would only add a second
notion of what is due.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[bool]]


@dataclass(frozen=True, slots=True)
class NamedJob:
    name: str
    run: Job


class _JobState:
    def __init__(self, job: NamedJob) -> None:
        self.job = job
        self.failures = 0
        self.paused_until = 0.0


class WorkerLoop:
    def __init__(
        self,
        jobs: Sequence[NamedJob],
        *,
        poll_seconds: float = 1.0,
        max_pause_seconds: float = 30.0,
        max_rounds_per_poll: int = 100,
    ) -> None:
        self.jobs = [_JobState(job) for job in jobs]
        self.poll_seconds = poll_seconds
        self.max_pause_seconds = max_pause_seconds
        self.max_rounds_per_poll = max_rounds_per_poll
        self._task: asyncio.Task[None] | None = None

    async def run_forever(self) -> None:
        """Poll until cancelled."""
        loop = asyncio.get_running_loop()
        while True:
            for state in self.jobs:
                if state.paused_until <= loop.time():
                    await self._run_job(state, loop)
            await asyncio.sleep(self.poll_seconds)

    async def _run_job(self, state: _JobState, loop: asyncio.AbstractEventLoop) -> None:
        try:
            for _ in range(self.max_rounds_per_poll):
                if not await state.job.run():
                    break
        except Exception:
            state.failures += 1
            pause = min(self.poll_seconds * 2**state.failures, self.max_pause_seconds)
            state.paused_until = loop.time() + pause
            logger.exception(
                "roster worker: job %s failed (%d in a row); next try in %.1f s",
                state.job.name,
                state.failures,
                pause,
            )
        else:
            if state.failures:
                logger.info("roster worker: job %s works again", state.job.name)
            state.failures = 0

    def start(self) -> "asyncio.Task[None]":
        """Run the loop as a task of the running event loop."""
        if self._task is None:
            self._task = asyncio.create_task(self.run_forever(), name="roster-worker")
        return self._task

    async def stop(self) -> None:
        """Cancel the loop and wait until it has stopped: a job in the middle of a
        transaction rolls back, and its change stays PENDING for the next run."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
