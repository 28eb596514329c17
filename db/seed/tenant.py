"""Everything one demo tenant holds, planned in memory except its calls and meetings."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.seed.calls import CallPlanner
from db.seed.clock import ActivityClock
from db.seed.history import plan_video_and_history
from db.seed.ids import IdCounters
from db.seed.lines import plan_lines
from db.seed.meetings import meeting_count, meeting_rows
from db.seed.org import plan_groups, plan_seats
from db.seed.people import PlannedUser, plan_people
from db.seed.spec import TenantSpec


@dataclass
class TenantPlan:
    spec: TenantSpec
    tenant_id: int
    users: list[PlannedUser]
    # Rows of the tables that grow with users, not with activity, by table name.
    rows: dict[str, list[dict[str, Any]]]
    calls: CallPlanner
    meetings: Iterator[dict[str, Any]]
    meeting_total: int

    @property
    def tenant_row(self) -> dict[str, Any]:
        spec = self.spec
        return {
            "id": self.tenant_id,
            "slug": spec.slug,
            "name": spec.name,
            "time_zone": spec.time_zone,
        }


def plan_tenant(
    spec: TenantSpec, *, random_seed: int, ids: IdCounters, now: datetime
) -> TenantPlan:
    def rng(part: str) -> random.Random:
        # One stream per part: scaling --calls leaves the people, seats and rules as they were.
        return random.Random(f"{random_seed}:{spec.slug}:{part}")

    tenant_id = ids.next("tenants")
    users = plan_people(spec, rng=rng("people"), ids=ids, tenant_id=tenant_id, now=now)
    groups, memberships = plan_groups(spec, users, rng=rng("groups"), ids=ids, tenant_id=tenant_id)
    phones, rules = plan_lines(spec, users, groups, rng=rng("lines"), ids=ids, tenant_id=tenant_id)
    # Deactivated users keep their desks; the demo shows one such empty-looking seat.
    seated = {user.id for user in users if not user.active}
    seats = plan_seats(
        users, rng=rng("seats"), ids=ids, tenant_id=tenant_id, always_seated=set(sorted(seated)[:1])
    )
    integrations, events = plan_video_and_history(users, rules, rng=rng("video"), ids=ids, now=now)
    clock = ActivityClock(now=now, time_zone=spec.time_zone)
    calls = CallPlanner(
        spec, users, rng=rng("calls"), ids=ids, tenant_id=tenant_id, now=now, clock=clock
    )
    meetings = meeting_rows(
        users, count=spec.meetings, rng=rng("meetings"), ids=ids, now=now, clock=clock
    )
    return TenantPlan(
        spec=spec,
        tenant_id=tenant_id,
        users=users,
        rows={
            "users": [user.row() for user in users],
            "user_groups": groups,
            "group_memberships": memberships,
            "phone_numbers": phones,
            "incoming_call_rules": rules,
            "video_integrations": integrations,
            "seats": seats,
            "user_status_events": events,
        },
        calls=calls,
        meetings=meetings,
        meeting_total=meeting_count(users, spec.meetings),
    )
