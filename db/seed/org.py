"""Where people sit in a demo tenant: groups with their members, and the seat map."""

import random
from typing import Any

from db.seed.ids import IdCounters
from db.seed.names import DEPARTMENTS
from db.seed.people import PlannedUser
from db.seed.spec import TenantSpec

SEATED_SHARE = 0.7
TEAM_SHARE = 0.25


def department_name(index: int) -> str:
    base = DEPARTMENTS[index % len(DEPARTMENTS)]
    round_ = index // len(DEPARTMENTS)
    return base if round_ == 0 else f"{base} {round_ + 1}"


def plan_groups(
    spec: TenantSpec,
    users: list[PlannedUser],
    *,
    rng: random.Random,
    ids: IdCounters,
    tenant_id: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every user joins one department; a quarter also join a cross-department team."""
    departments = [
        {"id": ids.next("user_groups"), "tenant_id": tenant_id, "name": department_name(index)}
        for index in range(spec.groups)
    ]
    teams = [
        {"id": ids.next("user_groups"), "tenant_id": tenant_id, "name": name} for name in spec.teams
    ]
    memberships = []
    for user in users:
        memberships.append({"group_id": rng.choice(departments)["id"], "user_id": user.id})
        if teams and rng.random() < TEAM_SHARE:
            memberships.append({"group_id": rng.choice(teams)["id"], "user_id": user.id})
    return departments + teams, memberships


def seat_label(row: int, column: int) -> str:
    letters = ""
    row += 1
    while row:
        row, remainder = divmod(row - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"{letters}-{column + 1:02d}"


def plan_seats(
    users: list[PlannedUser],
    *,
    rng: random.Random,
    ids: IdCounters,
    tenant_id: int,
    always_seated: set[int],
) -> list[dict[str, Any]]:
    """A grid of labelled desks (A-01, A-02, ...) for most users, plus a few empty ones."""
    occupants: list[int | None] = [
        user.id for user in users if user.id in always_seated or rng.random() < SEATED_SHARE
    ]
    occupants += [None] * max(3, len(occupants) // 20)
    rng.shuffle(occupants)
    columns = 10 if len(occupants) <= 200 else 20
    seats = []
    for position, occupant in enumerate(occupants):
        row, column = divmod(position, columns)
        seats.append(
            {
                "id": ids.next("seats"),
                "tenant_id": tenant_id,
                "label": seat_label(row, column),
                "x": column,
                "y": row,
                "user_id": occupant,
            }
        )
    return seats
