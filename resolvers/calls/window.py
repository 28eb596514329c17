"""An instant window cut into the whole local days rollups answer and the raw edges around them.

``call_rollups`` holds one row per user and local calendar day of the tenant's zone, so
[start, end) reads the days it wholly covers, [D0, D1), from the rollups and the calls of
the partial days at its edges, [start, first instant of D0) and [first instant of D1, end),
raw. That is exact only where the instants of each local day form one stretch of time: a
zone whose local date goes backwards (a fall-back across midnight) near either edge, and
a window holding no whole day, are read raw throughout.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from resolvers.periods import utc_offsets

# A local day lasts at most two days of time (a zone moving its clock back a whole day),
# and offsets stay within a day: a day's first instant lies within this of any instant
# of the day before or after.
_SPAN = timedelta(days=4)
# Instants whose neighbourhood (+-_SPAN, then local time) stays within datetime's range.
_EARLIEST = datetime.min.replace(tzinfo=UTC) + 3 * _SPAN
_LATEST = datetime.max.replace(tzinfo=UTC) - 3 * _SPAN
_JUST_BEFORE = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class WindowSplit:
    """[start, end) as rollup days [first_day, end_day) and raw [start, days_start) plus
    [days_end, end); ``first_day`` is None when the window is read raw throughout."""

    start: datetime
    end: datetime
    first_day: date | None = None
    end_day: date | None = None
    days_start: datetime | None = None
    days_end: datetime | None = None

    @property
    def has_days(self) -> bool:
        return self.first_day is not None


def split_window(time_zone: str, start: datetime, end: datetime) -> WindowSplit:
    """The cut of the aware [start, end) in ``time_zone``; instants come back in UTC."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    raw = WindowSplit(start=start, end=end)
    # Instants near datetime's limits are left to the raw edges (no local date overflows).
    low, high = max(start, _EARLIEST), min(end, _LATEST)
    if high <= low:
        return raw
    near_start = _Stretches(time_zone, low)
    near_end = _Stretches(time_zone, high)
    if not (near_start.dates_monotone and near_end.dates_monotone):
        return raw
    first_day = near_start.local_date(low)
    if near_start.first_instant(first_day) < low:
        first_day += timedelta(days=1)
    end_day = near_end.local_date(high)
    if first_day >= end_day:
        return raw
    return WindowSplit(
        start=start,
        end=end,
        first_day=first_day,
        end_day=end_day,
        days_start=near_start.first_instant(first_day),
        days_end=near_end.first_instant(end_day),
    )


class _Stretches:
    """The zone's stretches of one UTC offset within ``_SPAN`` of ``moment``."""

    def __init__(self, time_zone: str, moment: datetime) -> None:
        self.until = moment + _SPAN
        self.stretches = utc_offsets(time_zone, moment - _SPAN, self.until)

    def _bounds(self) -> list[tuple[datetime, datetime, timedelta]]:
        ends = [since for since, _ in self.stretches[1:]] + [self.until]
        return [
            (since, until, timedelta(seconds=offset))
            for (since, offset), until in zip(self.stretches, ends, strict=True)
        ]

    @property
    def dates_monotone(self) -> bool:
        """Whether the local date never goes backwards here (a clock set back past midnight)."""
        for (_, before), (change, after) in zip(self.stretches, self.stretches[1:], strict=False):
            was = (change - _JUST_BEFORE + timedelta(seconds=before)).date()
            if (change + timedelta(seconds=after)).date() < was:
                return False
        return True

    def local_date(self, moment: datetime) -> date:
        offset = next(
            offset for since, until, offset in reversed(self._bounds()) if since <= moment < until
        )
        return (moment + offset).date()

    def first_instant(self, day: date) -> datetime:
        """The earliest instant whose local date is ``day`` or later: local midnight, or the
        end of a clock change's gap that skips it."""
        midnight = datetime.combine(day, time(), tzinfo=UTC)
        return min(
            max(since, midnight - offset)
            for since, until, offset in self._bounds()
            if max(since, midnight - offset) < until
        )
