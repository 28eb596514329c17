"""Each call's own rules, before any database is asked: what is wrong is named by field."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from db.enums import CallDirection
from resolvers.calls.records import CallRecord
from resolvers.errors import UserErrorData, invalid_input

MAX_EXTERNAL_ID_LENGTH = 200
MAX_COUNTERPART_LENGTH = 32
MAX_DURATION_SECONDS = 86_400
EARLIEST_START = datetime(1970, 1, 1, tzinfo=UTC)
# Clocks of the product's servers and roster's differ a little; a call does not begin later.
FUTURE_TOLERANCE = timedelta(minutes=5)

# C0 and C1 controls (NUL included: PostgreSQL's text refuses it) and lone surrogates (no
# UTF-8 encodes them): neither is part of an id or a number a person could read.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_DIRECTIONS = frozenset(CallDirection)


def call_field(index: int, name: str) -> tuple[str, ...]:
    """Where field ``name`` of the call at ``index`` is in the input: what its errors name."""
    return ("input", "calls", str(index), name)


def _text(value: Any, *, index: int, name: str, limit: int) -> str | UserErrorData:
    """``value`` trimmed, or why it is refused."""
    if not isinstance(value, str):
        return invalid_input(f"{name} is a string.", call_field(index, name))
    if _UNPRINTABLE.search(value):
        return invalid_input(
            f"{name} has a control character or invalid Unicode.", call_field(index, name)
        )
    trimmed = value.strip()
    if not 1 <= len(trimmed) <= limit:
        return invalid_input(
            f"{name} has 1 to {limit} characters, spaces around it not counted.",
            call_field(index, name),
        )
    return trimmed


def validated_row(
    record: CallRecord, *, index: int, tenant_id: int, now: datetime
) -> dict[str, Any] | list[UserErrorData]:
    """The row to insert for ``record``, or every rule it breaks (the user's existence is
    checked later, for the whole batch at once)."""
    errors: list[UserErrorData] = []
    external_id = _text(
        record.external_id, index=index, name="externalId", limit=MAX_EXTERNAL_ID_LENGTH
    )
    if isinstance(external_id, UserErrorData):
        errors.append(external_id)
    if record.direction not in _DIRECTIONS:
        errors.append(
            invalid_input("direction is INBOUND or OUTBOUND.", call_field(index, "direction"))
        )
    started_at = record.started_at
    if not isinstance(started_at, datetime) or started_at.utcoffset() is None:
        errors.append(
            invalid_input("startedAt needs a UTC offset.", call_field(index, "startedAt"))
        )
    elif started_at < EARLIEST_START:
        errors.append(
            invalid_input("startedAt is not before 1970-01-01.", call_field(index, "startedAt"))
        )
    elif started_at > now + FUTURE_TOLERANCE:
        errors.append(
            invalid_input(
                "startedAt is at most 5 minutes in the future.", call_field(index, "startedAt")
            )
        )
    duration = record.duration_seconds
    if (
        not isinstance(duration, int)
        or isinstance(duration, bool)
        or not 0 <= duration <= MAX_DURATION_SECONDS
    ):
        errors.append(
            invalid_input(
                f"durationSeconds is a whole number from 0 to {MAX_DURATION_SECONDS}.",
                call_field(index, "durationSeconds"),
            )
        )
    counterpart = _text(
        record.counterpart_number,
        index=index,
        name="counterpartNumber",
        limit=MAX_COUNTERPART_LENGTH,
    )
    if isinstance(counterpart, UserErrorData):
        errors.append(counterpart)
    if errors:
        return errors
    return {
        "tenant_id": tenant_id,
        "external_id": external_id,
        "user_id": record.user_id,
        "direction": record.direction,
        "started_at": started_at.astimezone(UTC),
        "duration_seconds": duration,
        "counterpart_number": counterpart,
    }


COMPARED_COLUMNS = ("user_id", "direction", "started_at", "duration_seconds", "counterpart_number")


def same_call(row: dict[str, Any], stored: Any) -> bool:
    """Whether ``row`` says what the stored call says (a retry) rather than something else."""
    return all(row[name] == getattr(stored, name) for name in COMPARED_COLUMNS)
