"""How often a change met an unexpected error in this process, so the runner never spins on it.

A change the status code path refuses (a ``UserErrorRaised``) is FAILED at once with its
code. Anything else (a bug, a constraint no guard foresaw) rolls the whole transaction
back and leaves the row PENDING; this memory then holds the row back for a growing
pause, and after ``max_attempts`` the runner marks it FAILED with code INTERNAL. The
count lives in the process, not the table (no column for it, and a rolled-back
transaction could not write one): several processes, or a restart, each allow
``max_attempts`` more, which bounds the retries without a migration.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

MAX_ATTEMPTS = 3
FIRST_PAUSE = timedelta(seconds=5)


@dataclass
class Attempts:
    max_attempts: int = MAX_ATTEMPTS
    first_pause: timedelta = FIRST_PAUSE
    # change id -> (unexpected failures so far, not to be claimed again before)
    _failures: dict[int, tuple[int, datetime]] = field(default_factory=dict)

    def held_back(self, now: datetime) -> list[int]:
        """The changes not to claim at ``now``: each is pausing after a failure."""
        return [change_id for change_id, (_, until) in self._failures.items() if until > now]

    def failed(self, change_id: int, now: datetime) -> bool:
        """Count one unexpected failure of ``change_id``; True when it has had its last."""
        count = self._failures.get(change_id, (0, now))[0] + 1
        pause = self.first_pause * 2 ** (count - 1)
        self._failures[change_id] = (count, now + pause)
        return count >= self.max_attempts

    def forget(self, change_id: int) -> None:
        self._failures.pop(change_id, None)
