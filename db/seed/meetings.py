"""Video meetings of a demo tenant, held by users over the integrations they had."""

import random
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from db.seed.clock import ActivityClock
from db.seed.ids import IdCounters
from db.seed.names import CUSTOMERS, MEETING_MINUTES, MEETING_TITLES
from db.seed.people import PlannedUser


def meeting_rows(
    users: list[PlannedUser],
    *,
    count: int,
    rng: random.Random,
    ids: IdCounters,
    now: datetime,
    clock: ActivityClock,
) -> Iterator[dict[str, Any]]:
    """``count`` meetings, or none when nobody ever connected a video provider."""
    hosts = [user for user in users if user.providers]
    if not hosts:
        return
    for _ in range(count):
        host = rng.choice(hosts)
        title = rng.choice(MEETING_TITLES).format(customer=rng.choice(CUSTOMERS))
        minutes = rng.choice(MEETING_MINUTES)
        yield {
            "id": ids.next("meetings"),
            "tenant_id": host.tenant_id,
            "user_id": host.id,
            "provider": rng.choice(host.providers),
            "title": title,
            "started_at": clock.moment(rng, until=host.active_until(now)),
            "duration_seconds": max(300, minutes * 60 + rng.randint(-180, 420)),
        }


def meeting_count(users: list[PlannedUser], count: int) -> int:
    return count if any(user.providers for user in users) else 0
