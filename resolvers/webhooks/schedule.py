"""When a failed delivery is tried again, and when an endpoint is given up on."""

from datetime import timedelta

# Standard Webhooks' recommended schedule: after the first attempt fails, again after
# 5 seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours (about a
# day and a quarter in all); a delivery failing the last is FAILED.
DEFAULT_RETRY_SCHEDULE: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)
# An endpoint whose every attempt has failed for this long is disabled.
DEFAULT_DISABLE_AFTER = timedelta(days=5)


def retry_delay(schedule: tuple[float, ...], attempts_made: int) -> timedelta | None:
    """The wait before the next attempt after ``attempts_made`` attempts all failed;
    None once the schedule is exhausted."""
    if attempts_made < 1 or attempts_made > len(schedule):
        return None
    return timedelta(seconds=schedule[attempts_made - 1])
