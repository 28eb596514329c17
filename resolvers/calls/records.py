"""What recordCalls takes and answers, free of any schema type."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from resolvers.errors import UserErrorData

MAX_CALLS_PER_REQUEST = 1_000


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One call as the product hands it over, not yet validated. ``user_id`` is the
    user's primary key, None when the id given did not decode (NOT_FOUND)."""

    external_id: str
    user_id: int | None
    direction: str
    started_at: datetime
    duration_seconds: int
    counterpart_number: str


@dataclass(slots=True)
class RecordedCall:
    """One item's outcome, in input order: ``call`` is the stored row (this batch's or an
    earlier one's) unless ``user_errors`` says why the item was refused."""

    external_id: str
    call: Any = None
    recorded: bool = False
    user_errors: list[UserErrorData] = field(default_factory=list)


@dataclass(slots=True)
class RecordCallsResult:
    results: list[RecordedCall] = field(default_factory=list)
    # Refusals of the whole input (too many calls, not allowed): then nothing was written.
    user_errors: list[UserErrorData] = field(default_factory=list)

    @property
    def recorded_count(self) -> int:
        return sum(1 for result in self.results if result.recorded)

    @property
    def already_recorded_count(self) -> int:
        return sum(1 for result in self.results if not result.recorded and not result.user_errors)

    @property
    def rejected_count(self) -> int:
        return sum(1 for result in self.results if result.user_errors)
