"""The lines of a calls file, NDJSON or CSV, read as they come: each a call or a problem.

The fields are the API's (RecordCallInput's names); userId is the user's global ID. A
line's problem is a sentence for the person who made the file; nothing here raises.
"""

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from resolvers.calls.records import CallRecord
from resolvers.ids import pk_of

FIELDS = (
    "externalId",
    "userId",
    "direction",
    "startedAt",
    "durationSeconds",
    "counterpartNumber",
)
# Far above any call's line (its texts are at most 200 and 32 characters); a longer line
# is refused without being held whole in memory.
MAX_LINE_BYTES = 64 * 1024
_TEXT_FIELDS = ("externalId", "userId", "direction", "counterpartNumber")


@dataclass(frozen=True, slots=True)
class CallLine:
    """Line ``number`` (from 1) of the file: its call, or why it is no call."""

    number: int
    record: CallRecord | None = None
    problem: str | None = None


def _physical_lines(stream: IO[bytes], consumed: Callable[[int], None]) -> Iterator[str | None]:
    """Each line decoded, its end kept (undecodable bytes kept as lone surrogates, which the call's
    rules refuse), or None for a line past MAX_LINE_BYTES, skipped to its end."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        consumed(len(raw))
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while rest := stream.readline(MAX_LINE_BYTES):
                consumed(len(rest))
                if rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield raw.decode("utf-8", errors="surrogateescape")


def record_of(values: Mapping[str, Any], *, texts_only: bool) -> CallRecord | str:
    """The call ``values`` describe, or what is wrong with them. ``texts_only``: every
    value is a string (CSV), so durationSeconds is parsed from its digits."""
    missing = [name for name in FIELDS if values.get(name) is None]
    if missing:
        return f"missing {', '.join(missing)}."
    unknown = sorted(str(name) for name in values if name not in FIELDS)
    if unknown:
        return f"unknown field {', '.join(unknown)}."
    for name in _TEXT_FIELDS:
        if not isinstance(values[name], str):
            return f"{name} is a string."
    started = values["startedAt"]
    try:
        started_at = datetime.fromisoformat(started) if isinstance(started, str) else None
    except ValueError:
        started_at = None
    if started_at is None:
        return "startedAt is an ISO 8601 date-time, e.g. 2026-11-24T09:30:00+09:00."
    duration = values["durationSeconds"]
    if texts_only:
        text = duration.strip()
        duration = int(text) if text.lstrip("-").isdigit() and len(text) <= 18 else None
    if not isinstance(duration, int) or isinstance(duration, bool):
        return "durationSeconds is a whole number."
    return CallRecord(
        external_id=values["externalId"],
        user_id=pk_of(values["userId"], "User"),
        direction=values["direction"],
        started_at=started_at,
        duration_seconds=duration,
        counterpart_number=values["counterpartNumber"],
    )


def _line(number: int, found: CallRecord | str) -> CallLine:
    if isinstance(found, str):
        return CallLine(number, problem=found)
    return CallLine(number, record=found)


def ndjson_lines(stream: IO[bytes], consumed: Callable[[int], None]) -> Iterator[CallLine]:
    """One JSON object per line; blank lines are skipped."""
    for number, text in enumerate(_physical_lines(stream, consumed), start=1):
        if text is None:
            yield CallLine(number, problem=f"longer than {MAX_LINE_BYTES} bytes.")
            continue
        if not text.strip():
            continue
        try:
            values = json.loads(text)
        except (ValueError, RecursionError):
            yield CallLine(number, problem="not valid JSON.")
            continue
        if not isinstance(values, dict):
            yield CallLine(number, problem="not a JSON object.")
            continue
        yield _line(number, record_of(values, texts_only=False))


def csv_lines(stream: IO[bytes], consumed: Callable[[int], None]) -> Iterator[CallLine]:
    """A header row of the field names, then one call per row (a quoted value may span
    lines: the row is named by its first line). Blank lines are skipped."""
    too_long: list[int] = []
    physical = 0

    def texts() -> Iterator[str]:
        nonlocal physical
        for text in _physical_lines(stream, consumed):
            physical += 1
            if text is None:
                too_long.append(physical)
                yield "\n"
            else:
                yield text

    reader = csv.reader(texts(), strict=True)
    header: list[str] | None = None
    first_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield CallLine(first_line, problem=f"not a valid CSV row ({error}).")
            first_line = physical + 1
            continue
        number, first_line = first_line, physical + 1
        if too_long and too_long[-1] >= number:
            too_long.clear()
            yield CallLine(number, problem=f"longer than {MAX_LINE_BYTES} bytes.")
            continue
        if not row or row == [""]:
            continue
        if header is None:
            header = [name.strip() for name in row]
            missing = [name for name in FIELDS if name not in header]
            if missing or len(set(header)) != len(header):
                yield CallLine(
                    number,
                    problem=f"the header names each of {', '.join(FIELDS)} once.",
                )
                return
            continue
        if len(row) != len(header):
            yield CallLine(number, problem=f"{len(row)} values; the header names {len(header)}.")
            continue
        yield _line(number, record_of(dict(zip(header, row, strict=True)), texts_only=True))
