"""What seat writes check and share: the caller, a label, a position, the seat's row."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.folding import fold
from db.models import Seat
from resolvers.audit.record import FieldChange, api_value
from resolvers.errors import (
    UserErrorData,
    UserErrorRaised,
    already_exists,
    invalid_input,
    not_found,
)

MAX_LABEL = 64
# The seat map's extent: far beyond any floor, small enough for any client to draw.
MAX_COORDINATE = 10_000
SEAT_FIELD = ("input", "seatId")
LABEL_FIELD = ("input", "label")

_seats = Seat.__table__  # type: ignore[attr-defined]


@dataclass
class SeatResult:
    """The seat as the write left it, or why the write was refused."""

    seat: Row[Any] | None = None
    user_errors: list[UserErrorData] = field(default_factory=list)


def checked_label(label: str) -> str:
    trimmed = label.strip()
    if not trimmed or len(trimmed) > MAX_LABEL:
        raise UserErrorRaised(
            invalid_input(f"A seat label has 1 to {MAX_LABEL} characters.", LABEL_FIELD)
        )
    return trimmed


def check_coordinate(value: int, name: str) -> None:
    if not 0 <= value <= MAX_COORDINATE:
        raise UserErrorRaised(
            invalid_input(f"{name} must be between 0 and {MAX_COORDINATE}.", ("input", name))
        )


async def check_label_free(session: AsyncSession, *, tenant_id: int, label: str) -> None:
    """No seat of the tenant has ``label``, compared case-insensitively (folded)."""
    wanted = fold(label)
    taken = await session.scalars(select(_seats.c.label).where(_seats.c.tenant_id == tenant_id))
    if any(fold(other) == wanted for other in taken):
        raise UserErrorRaised(already_exists("A seat of the tenant has this label.", LABEL_FIELD))


async def seat_row(session: AsyncSession, *, tenant_id: int, seat_id: int) -> Row[Any]:
    """The seat of the tenant, or NOT_FOUND."""
    row = (
        await session.execute(
            select(_seats).where(_seats.c.id == seat_id, _seats.c.tenant_id == tenant_id)
        )
    ).first()
    if row is None:
        raise UserErrorRaised(not_found(SEAT_FIELD, "seat"))
    return row


def occupant_change(before: int | None, after: int | None) -> FieldChange:
    """The audit log's ``user`` of a seat, before and after, as global ids."""
    return FieldChange("user", api_value(before, id_type="User"), api_value(after, id_type="User"))
