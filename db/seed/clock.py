"""When demo activity happens: office hours of the tenant's last 90 local days."""

import random
from bisect import bisect_left, bisect_right
from datetime import UTC, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

ACTIVITY_DAYS = 90
WEEKEND_WEIGHT = 0.12
_MIDDAY = 13.5 * 3600
_SPREAD = 2.5 * 3600
_EARLIEST = 7 * 3600
_LATEST = 21 * 3600


class ActivityClock:
    """Draws moments in the last 90 days, weekdays and office hours far more often."""

    def __init__(self, *, now: datetime, time_zone: str) -> None:
        zone = ZoneInfo(time_zone)
        self.now = now
        self.start = now - timedelta(days=ACTIVITY_DAYS)
        today = now.astimezone(zone).date()
        self.day_starts: list[datetime] = []
        weights: list[float] = []
        for back in range(ACTIVITY_DAYS + 1, -1, -1):
            day = today - timedelta(days=back)
            midnight = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
            if self.start <= midnight < now:
                self.day_starts.append(midnight)
                weights.append(WEEKEND_WEIGHT if day.weekday() >= 5 else 1.0)
        self.cumulative = list(accumulate(weights))

    def share_before(self, until: datetime) -> float:
        """The part of all activity that falls before ``until``."""
        days = bisect_left(self.day_starts, until)
        return self.cumulative[days - 1] / self.cumulative[-1] if days else 0.0

    def moment(
        self, rng: random.Random, *, until: datetime, since: datetime | None = None
    ) -> datetime:
        """A moment in office hours of a day from ``since`` on, always before ``until``."""
        first = 0 if since is None else bisect_left(self.day_starts, since)
        days = bisect_left(self.day_starts, until)
        if days <= first:
            return self.before(rng, until, max_seconds=3600)
        low = self.cumulative[first - 1] if first else 0.0
        drawn = low + rng.random() * (self.cumulative[days - 1] - low)
        day = min(bisect_right(self.cumulative, drawn), days - 1)
        seconds = min(max(int(rng.gauss(_MIDDAY, _SPREAD)), _EARLIEST), _LATEST)
        moment = self.day_starts[day] + timedelta(seconds=seconds)
        if moment >= until:
            return self.before(rng, until, max_seconds=4 * 3600)
        return moment

    def before(self, rng: random.Random, until: datetime, *, max_seconds: int) -> datetime:
        return until - timedelta(seconds=rng.randint(60, max_seconds))
