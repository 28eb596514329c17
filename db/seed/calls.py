"""Calls of a demo tenant, drawn one at a time, with the comments people left on some."""

import random
from bisect import bisect_right
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from db.enums import CallDirection, Role
from db.seed.clock import ActivityClock
from db.seed.ids import IdCounters
from db.seed.lines import UniqueNumbers
from db.seed.names import COMMENT_BODIES
from db.seed.people import PlannedUser
from db.seed.spec import TenantSpec

COMMENTED_SHARE = 0.02
UNANSWERED_OUTBOUND_SHARE = 0.15
# Each deactivated user's last calls, a few days before they left: the demo promises
# deactivated users with and without calls in the last 30 days, whatever the draw.
CALLS_BEFORE_LEAVING = 2


class CallPlanner:
    """Streams call rows; collects comment and mention rows for after the calls land."""

    def __init__(
        self,
        spec: TenantSpec,
        users: list[PlannedUser],
        *,
        rng: random.Random,
        ids: IdCounters,
        tenant_id: int,
        now: datetime,
        clock: ActivityClock,
    ) -> None:
        self.spec = spec
        self.users = users
        self.rng = rng
        self.ids = ids
        self.tenant_id = tenant_id
        self.now = now
        self.clock = clock
        self.comments: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        weights = [
            (0.5 if user.role is Role.ADMIN else 1.0) * clock.share_before(user.active_until(now))
            for user in users
        ]
        self.cumulative = list(accumulate(weights))
        numbers = UniqueNumbers(rng)
        pool_size = min(max(50, spec.calls // 25), 40_000)
        formats = [number_format for number_format, _ in spec.counterpart_numbers]
        shares = [share for _, share in spec.counterpart_numbers]
        self.counterparts = [
            numbers.draw(number_format)
            for number_format in rng.choices(formats, weights=shares, k=pool_size)
        ]

    def rows(self) -> Iterator[dict[str, Any]]:
        made = 0
        leaving = [user for user in self.users if user.deactivated_at is not None]
        for user in leaving:
            for _ in range(CALLS_BEFORE_LEAVING):
                if made == self.spec.calls:
                    return
                until = user.active_until(self.now)
                since = until - timedelta(days=5)
                yield self._call(user, self.clock.moment(self.rng, until=until, since=since))
                made += 1
        rng = self.rng
        total_weight = self.cumulative[-1]
        for _ in range(self.spec.calls - made):
            user = self.users[bisect_right(self.cumulative, rng.random() * total_weight)]
            yield self._call(user, self.clock.moment(rng, until=user.active_until(self.now)))

    def _call(self, user: PlannedUser, started_at: datetime) -> dict[str, Any]:
        rng = self.rng
        direction = CallDirection.INBOUND if rng.random() < 0.5 else CallDirection.OUTBOUND
        if direction is CallDirection.OUTBOUND and rng.random() < UNANSWERED_OUTBOUND_SHARE:
            duration = 0
        else:
            duration = min(int(rng.lognormvariate(4.6, 0.9)) + 5, 7200)
        call = {
            "id": self.ids.next("calls"),
            "tenant_id": self.tenant_id,
            "user_id": user.id,
            "direction": direction,
            "started_at": started_at,
            "duration_seconds": duration,
            "counterpart_number": rng.choice(self.counterparts),
        }
        if rng.random() < COMMENTED_SHARE:
            self._comment(call, user)
        return call

    def _comment(self, call: dict[str, Any], caller: PlannedUser) -> None:
        rng = self.rng
        ended = call["started_at"] + timedelta(seconds=call["duration_seconds"])
        # Written while whoever took the call could still be mentioned or write.
        written = min(
            ended + timedelta(minutes=rng.randint(2, 180)),
            caller.active_until(self.now) - timedelta(minutes=1),
        )
        written = max(written, call["started_at"])
        if rng.random() < 0.5:
            author: PlannedUser | None = caller
            mentioned = [self._colleague(written, exclude={caller.id})]
            if rng.random() < 0.25:
                mentioned.append(self._colleague(written, exclude={caller.id}))
        else:
            # A colleague comments on the call and mentions whoever took it; after that
            # person leaves, the mention stays (the chart keeps past mentions).
            author = self._colleague(written, exclude={caller.id})
            mentioned = [caller]
        people = list({user.id: user for user in mentioned if user is not None}.values())
        comment_id = self.ids.next("comments")
        body = (
            rng.choice(COMMENT_BODIES)
            .format(mentions=" ".join(f"@{user.display_name}" for user in people))
            .strip()
        )
        self.comments.append(
            {
                "id": comment_id,
                "tenant_id": self.tenant_id,
                "call_id": call["id"],
                "author_id": (author or self.users[0]).id,
                "body": body,
                "created_at": written,
            }
        )
        self.mentions.extend({"comment_id": comment_id, "user_id": user.id} for user in people)

    def _colleague(self, at: datetime, *, exclude: set[int]) -> PlannedUser | None:
        """Someone else who could use the product at ``at`` (deactivated users cannot)."""
        for _ in range(20):
            user = self.rng.choice(self.users)
            if user.id not in exclude and user.created_at < at < user.active_until(self.now):
                return user
        return next(
            (u for u in self.users if u.id not in exclude and at < u.active_until(self.now)), None
        )
