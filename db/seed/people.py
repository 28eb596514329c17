"""The people of a demo tenant: names, roles, and who was deactivated when."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from db.enums import Role, UserStatus, VideoProvider
from db.seed.ids import IdCounters
from db.seed.names import (
    ENGLISH_FAMILY_NAMES,
    ENGLISH_GIVEN_NAMES,
    JAPANESE_FAMILY_NAMES,
    JAPANESE_GIVEN_NAMES,
)
from db.seed.spec import TenantSpec


@dataclass
class PlannedUser:
    id: int
    tenant_id: int
    email: str
    display_name: str
    role: Role
    created_at: datetime
    deactivated_at: datetime | None = None
    # (deactivated, activated again) for a user who left and came back.
    returned: tuple[datetime, datetime] | None = None
    # The video providers the user connected; a deactivated user's were deleted.
    providers: tuple[VideoProvider, ...] = field(default_factory=tuple)

    @property
    def active(self) -> bool:
        return self.deactivated_at is None

    def active_until(self, now: datetime) -> datetime:
        return self.deactivated_at or now

    def row(self) -> dict[str, Any]:
        transitions = (1 if self.deactivated_at else 0) + (2 if self.returned else 0)
        return {
            "id": self.id,
            "tenant_id": self.tenant_id,
            "email": self.email,
            "display_name": self.display_name,
            "role": self.role,
            "status": UserStatus.ACTIVE if self.active else UserStatus.DEACTIVATED,
            "deactivated_at": self.deactivated_at,
            "version": 1 + transitions,
            "created_at": self.created_at,
        }


class UniqueNames:
    """Draws display names and ``given.family@domain`` emails, never the same email twice."""

    def __init__(self, rng: random.Random, *, domain: str, japanese_share: float) -> None:
        self.rng = rng
        self.domain = domain
        self.japanese_share = japanese_share
        self.taken: set[str] = set()

    def draw(self) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < self.japanese_share:
            family, family_kanji = rng.choice(JAPANESE_FAMILY_NAMES)
            given, given_kanji = rng.choice(JAPANESE_GIVEN_NAMES)
            in_kanji = rng.random() < 0.5
            display = f"{family_kanji} {given_kanji}" if in_kanji else f"{given} {family}"
        else:
            family = rng.choice(ENGLISH_FAMILY_NAMES)
            given = rng.choice(ENGLISH_GIVEN_NAMES)
            display = f"{given} {family}"
        base = f"{given}.{family}".lower()
        local, suffix = base, 1
        while local in self.taken:
            suffix += 1
            local = f"{base}{suffix}"
        self.taken.add(local)
        return display, f"{local}@{self.domain}"


def _days_ago(rng: random.Random, now: datetime, low: int, high: int) -> datetime:
    return now - timedelta(
        days=rng.randint(low, high), hours=rng.randint(0, 8), minutes=rng.randint(0, 59)
    )


def plan_people(
    spec: TenantSpec, *, rng: random.Random, ids: IdCounters, tenant_id: int, now: datetime
) -> list[PlannedUser]:
    names = UniqueNames(rng, domain=spec.domain, japanese_share=spec.japanese_share)
    names.taken.add(spec.admin_email.split("@")[0])
    users = [
        PlannedUser(
            id=ids.next("users"),
            tenant_id=tenant_id,
            email=spec.admin_email,
            display_name=spec.admin_display_name,
            role=Role.ADMIN,
            created_at=now - timedelta(days=1500),
        )
    ]
    for index in range(1, spec.users):
        display_name, email = names.draw()
        users.append(
            PlannedUser(
                id=ids.next("users"),
                tenant_id=tenant_id,
                email=email,
                display_name=display_name,
                role=Role.ADMIN if index < spec.admins else Role.MEMBER,
                created_at=_days_ago(rng, now, 120, 1400),
            )
        )

    # Admins are never deactivated: the demo's admins must be able to log in.
    members = users[spec.admins :]
    leaving = spec.deactivated_recently + spec.deactivated_long_ago + spec.returned
    chosen = rng.sample(members, leaving)
    recent = spec.deactivated_recently
    deactivated = recent + spec.deactivated_long_ago
    for user in chosen[:recent]:
        user.deactivated_at = _days_ago(rng, now, 2, 20)
    for user in chosen[recent:deactivated]:
        user.deactivated_at = _days_ago(rng, now, 35, 80)
    for user in chosen[deactivated:]:
        left = _days_ago(rng, now, 100, 115)
        user.returned = (left, left + timedelta(days=rng.randint(3, 9)))
    return users
